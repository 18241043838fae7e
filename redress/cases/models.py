"""Complaints and their two stages, as the record has made them.

The events in `redress.record` are the truth. These rows are the current
state a service keeps in step with them inside the same transaction, so a
work queue reads indexed columns (`status`, `next_due`) and never
recomputes the world.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from redress.code.stages import Status
from redress.intake.models import Channel, Contact, Representative, Resident, ServiceRequest


class Exclusion(models.TextChoices):
    """Why a complaint is not accepted (2.2): each needs its own reason (2.1, 2.5)."""

    OVER_12_MONTHS = "over_12_months", "Issue more than 12 months old"
    LEGAL_PROCEEDINGS = "legal_proceedings", "Legal proceedings filed"
    PREVIOUSLY_CONSIDERED = "previously_considered", "Previously considered under the policy"
    OTHER = "other", "Another reason"


class Contractor(models.Model):
    """A third party who works for the landlord; complaints about its work stay inside the
    landlord's two stages (5.4, 5.5), and the landlord learns which contractors draw them."""

    name = models.CharField(max_length=200, unique=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


def deployment_regime() -> str:
    """The regime a new complaint follows: the deployment's setting as it is now."""
    return settings.REDRESS_REGIME


class Category(models.Model):
    """A complaint category the landlord reports on (administered in `redress.learning`).

    A complaint points at one, so a rename relabels its complaints and a deactivated
    category keeps its complaints. An `imported` one is a string older data held that no
    category of the landlord's matched: kept (inactive) so nothing is lost, counted in the
    figures but never printed there (it is someone's wording, not the landlord's), until
    an administrator brings it back into the list. The table was learning's and keeps
    its name."""

    name = models.CharField(max_length=100, unique=True)
    active = models.BooleanField(default=True)
    position = models.PositiveIntegerField(default=0)
    imported = models.BooleanField(default=False)

    class Meta:
        db_table = "learning_category"
        ordering = ["position", "name"]
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return self.name


class Complaint(models.Model):
    reference = models.CharField(max_length=40, unique=True)
    resident = models.ForeignKey(
        Resident, null=True, blank=True, on_delete=models.PROTECT, related_name="complaints"
    )
    representative = models.ForeignKey(
        Representative, null=True, blank=True, on_delete=models.PROTECT
    )
    contact = models.ForeignKey(Contact, null=True, blank=True, on_delete=models.PROTECT)
    service_request = models.ForeignKey(
        ServiceRequest, null=True, blank=True, on_delete=models.PROTECT, related_name="complaints"
    )
    # Indexed below on the rows that have one: most have none, and a plain index
    # over a column that is almost all NULL is one the planner learns to ignore.
    related_to = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="linked",
        db_index=False,
    )
    channel = models.CharField(max_length=20, choices=Channel.choices, blank=True)
    category = models.ForeignKey(
        Category, null=True, blank=True, on_delete=models.PROTECT, related_name="complaints"
    )
    contractor = models.ForeignKey(
        Contractor, null=True, blank=True, on_delete=models.PROTECT, related_name="complaints"
    )
    summary = models.TextField(blank=True)
    received_on = models.DateField()
    # For the 12-month rule (2.3): when the issue arose, or the resident became aware of it.
    issue_arose_on = models.DateField(null=True, blank=True)
    resident_aware_on = models.DateField(null=True, blank=True)

    status = models.CharField(max_length=24, choices=[(s.value, s.value) for s in Status])
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints_handled",
    )
    next_due = models.DateField(null=True, blank=True)
    next_action = models.CharField(max_length=20, blank=True)
    # The interval agreed with the resident for updates (5.9) while the complaint has a
    # duty open, and when the next update is due: the sweep reminds the handler then.
    update_every = models.PositiveSmallIntegerField(null=True, blank=True)
    update_due = models.DateField(null=True, blank=True)
    # The timescales it is clocked by: the deployment's regime when it was received, so
    # changing REDRESS_REGIME counts only for complaints received from then on.
    regime = models.CharField(max_length=20, default=deployment_regime)
    # A refused complaint's exclusion (2.2) and the reason the resident is given (2.4),
    # set by `refuse` in the transaction that records it. Blank in the database's own
    # default too, so the bulk fills that write rows by hand need not know of it.
    exclusion = models.CharField(max_length=24, choices=Exclusion.choices, blank=True)
    refusal_reason = models.TextField(blank=True, default="", db_default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["next_due", "id"], name="queue_all", condition=Q(next_due__isnull=False)
            ),
            models.Index(
                fields=["handler", "next_due", "id"],
                name="queue_handler",
                condition=Q(next_due__isnull=False),
            ),
            # The work queue sorted by reference, over every open case, read in order.
            models.Index(
                fields=["reference"], name="queue_reference", condition=Q(next_due__isnull=False)
            ),
            models.Index(fields=["status"], name="complaint_status"),
            models.Index(
                fields=["update_due"], name="update_due", condition=Q(update_due__isnull=False)
            ),
            # Which regimes are in use, found without reading every complaint.
            models.Index(fields=["regime"], name="complaint_regime"),
            # A reporting year's figures (oversight, the annual report) count complaints
            # received in a date range by status, exclusion and category: all in the index.
            models.Index(
                fields=["received_on", "status", "exclusion", "category"],
                name="complaint_received",
            ),
            models.Index(
                fields=["related_to"],
                name="complaint_linked",
                condition=Q(related_to__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def current_stage(self) -> int | None:
        return Status(self.status).stage


class Stage(models.Model):
    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="stages")
    number = models.PositiveSmallIntegerField()
    requested_on = models.DateField()
    acknowledged_on = models.DateField(null=True, blank=True)
    responded_on = models.DateField(null=True, blank=True)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Handler by name, for complaints imported from a tracker (no user behind them).
    handler_name = models.CharField(max_length=200, blank=True)
    # The complaint definition (5.6, 5.7): points, outcomes sought, responsibilities.
    definition = models.JSONField(default=dict, blank=True)
    # The response (6.9 / 6.19): the decision per point and the reasons. Its remedies and
    # outstanding actions are rows (`redress.remedies.models.Remedy`, `OutstandingAction`).
    response = models.JSONField(default=dict, blank=True)
    # What reached the resident: the acknowledgement and the response are communications
    # (a letter issued from Redress, or one sent another way and recorded with a copy).
    # The dates above are theirs (London date), set in the same transaction, never alone.
    acknowledgement_sent = models.ForeignKey(
        "Correspondence", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    response_sent = models.ForeignKey(
        "Correspondence", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # What the resident says is still wrong on escalation (never required, 6.12).
    escalation_note = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["complaint", "number"], name="one_row_per_stage"),
            models.CheckConstraint(condition=Q(number__in=[1, 2]), name="two_stages_only"),
            # Nothing is acknowledged or answered without the communication that did it.
            models.CheckConstraint(
                condition=Q(acknowledged_on__isnull=True) | Q(acknowledgement_sent__isnull=False),
                name="acknowledged_by_a_communication",
            ),
            models.CheckConstraint(
                condition=Q(responded_on__isnull=True) | Q(response_sent__isnull=False),
                name="answered_by_a_communication",
            ),
        ]
        indexes = [
            # The year's responses and their dates, read from the index alone: timeliness,
            # the TSMs and the annual report judge them by distinct dates (CH02, 6.3, 6.14).
            models.Index(
                fields=["responded_on", "number", "requested_on", "acknowledged_on", "complaint"],
                name="stage_responded",
            ),
        ]
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.complaint} stage {self.number}"


class Extension(models.Model):
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="extensions")
    working_days = models.PositiveSmallIntegerField()
    reason = models.TextField()
    agreed_on = models.DateField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # A tracker import knows only the reason; a recorded reason is taken as the good
    # reason an extension beyond the limit needs (CODE-NOTES). In the app it is approval.
    good_reason_recorded = models.BooleanField(default=False)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.working_days} working days on {self.stage}"

    @property
    def good_reason(self) -> bool:
        return self.good_reason_recorded or self.approved_by_id is not None


class Issue(models.Model):
    """A point of complaint; related new issues join an open stage 1 (6.8)."""

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="issues")
    description = models.TextField()
    raised_on = models.DateField()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.description[:60]


class OutstandingAction(models.Model):
    """Something promised in a response, tracked until done (6.6)."""

    complaint = models.ForeignKey(
        Complaint, on_delete=models.PROTECT, related_name="outstanding_actions"
    )
    stage = models.PositiveSmallIntegerField()
    description = models.TextField()
    due_on = models.DateField()
    completed_on = models.DateField(null=True, blank=True)
    # Followed through (7.x): who owns it (at most one; tracker imports name no one),
    # the evidence it was done, and the updates the resident was promised (5.x, 6.6).
    owner_team = models.ForeignKey(
        "staff.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    owner_contractor = models.ForeignKey(
        Contractor, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    evidence = models.TextField(blank=True)
    update_every = models.PositiveSmallIntegerField(null=True, blank=True)
    last_update_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(owner_team__isnull=True, owner_user__isnull=True)
                    | Q(owner_team__isnull=True, owner_contractor__isnull=True)
                    | Q(owner_user__isnull=True, owner_contractor__isnull=True)
                ),
                name="action_one_owner_at_most",
            )
        ]
        indexes = [
            models.Index(
                fields=["due_on"], name="action_open_due", condition=Q(completed_on__isnull=True)
            )
        ]

    def __str__(self) -> str:
        return f"{self.description[:40]} by {self.due_on}"


class Correspondence(models.Model):
    """A letter, email, call note or document on the case (the full record, 5.12)."""

    class Kind(models.TextChoices):
        LETTER = "letter"
        EMAIL = "email"
        CALL_NOTE = "call_note", "Call note"
        IN_PERSON = "in_person", "In person"
        DOCUMENT = "document"
        OTHER = "other"

    class Direction(models.TextChoices):
        INCOMING = "incoming"
        OUTGOING = "outgoing"
        INTERNAL = "internal"

    complaint = models.ForeignKey(
        Complaint, on_delete=models.PROTECT, related_name="correspondence"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    direction = models.CharField(max_length=12, choices=Direction.choices)
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    file = models.FileField(upload_to="correspondence/%Y/%m/", blank=True)
    occurred_at = models.DateTimeField()

    class Meta:
        ordering = ["occurred_at", "id"]

    def __str__(self) -> str:
        return f"{self.kind}: {self.title}"
