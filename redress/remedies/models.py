"""Remedies (7.1), their guidance bands, and the notices the sweep sends about them.

A remedy is a row from the moment it is offered, so it can be followed through
to completion (7.3) after the complaint itself is closed. Outstanding actions
are `redress.cases.models.OutstandingAction` rows, which carry the same owner,
evidence and update fields; the sweep's `Notice` points at one or the other.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from redress.code.remedies import FINDINGS, IMPACTS, Band

FINDING_CHOICES = list(FINDINGS.items())
IMPACT_CHOICES = list(IMPACTS.items())


def one_of(*fields: str) -> Q:
    """Exactly one of `fields` is set."""
    condition = Q()
    for chosen in fields:
        condition |= Q(**{f"{f}__isnull": f != chosen for f in fields})
    return condition


class RemedyKind(models.TextChoices):
    """The remedies of provision 7.1. Blank: offered in a response without saying which."""

    APOLOGY = "apology", "Apology"
    ACKNOWLEDGEMENT = "acknowledgement", "Acknowledging what went wrong"
    EXPLANATION = "explanation", "Explanation or assistance"
    ACTION_ON_DELAY = "action_on_delay", "Action on a delay"
    RECONSIDERED_DECISION = "reconsidered_decision", "Reconsidering a decision"
    AMENDED_RECORD = "amended_record", "Amending a record"
    FINANCIAL = "financial", "Financial remedy"
    CHANGED_POLICY = "changed_policy", "Changing a policy or practice"


class RemedyStatus(models.TextChoices):
    OFFERED = "offered"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    COMPLETED = "completed"


OPEN_STATUSES = (RemedyStatus.OFFERED, RemedyStatus.ACCEPTED)


class RemedyBand(models.Model):
    """A band of the Ombudsman's remedies guidance, as the landlord configures it."""

    key = models.SlugField(max_length=40, unique=True)
    label = models.CharField(max_length=100)
    low = models.DecimalField(max_digits=10, decimal_places=2)
    high = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    impact = models.CharField(max_length=20, choices=IMPACT_CHOICES, blank=True)
    finding = models.CharField(max_length=30, choices=FINDING_CHOICES, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "low"]
        constraints = [
            models.CheckConstraint(
                condition=Q(high__isnull=True) | Q(high__gte=models.F("low")),
                name="band_low_not_above_high",
            )
        ]

    def __str__(self) -> str:
        return self.label

    def as_band(self) -> Band:
        return Band(self.key, self.label, self.low, self.high, self.impact, self.finding)


class Remedy(models.Model):
    complaint = models.ForeignKey(
        "cases.Complaint", on_delete=models.PROTECT, related_name="remedies"
    )
    stage = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=30, choices=RemedyKind.choices, blank=True)
    description = models.TextField()
    owner_team = models.ForeignKey(
        "staff.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    owner_contractor = models.ForeignKey(
        "cases.Contractor", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    due_on = models.DateField(null=True, blank=True)
    agreed_with_resident = models.BooleanField(default=False)
    status = models.CharField(
        max_length=10, choices=RemedyStatus.choices, default=RemedyStatus.OFFERED
    )
    offered_on = models.DateField()
    accepted_on = models.DateField(null=True, blank=True)
    declined_on = models.DateField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    evidence = models.TextField(blank=True)
    update_every = models.PositiveSmallIntegerField(null=True, blank=True)
    last_update_on = models.DateField(null=True, blank=True)
    # A financial remedy: the handler's finding and impact, its parts, their sum, the band.
    finding = models.CharField(max_length=30, choices=FINDING_CHOICES, blank=True)
    impact = models.CharField(max_length=20, choices=IMPACT_CHOICES, blank=True)
    actual_loss = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    time_and_trouble = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    distress = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    delay = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    amount = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    band_key = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=one_of("owner_team", "owner_user", "owner_contractor"),
                name="remedy_exactly_one_owner",
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0), name="remedy_amount_positive"
            ),
        ]
        indexes = [
            models.Index(
                fields=["due_on"],
                name="remedy_open_due",
                condition=Q(status__in=["offered", "accepted"]),
            )
        ]

    def __str__(self) -> str:
        return self.description[:60]

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class NoticeKind(models.TextChoices):
    REMINDER = "reminder", "Due soon"
    ESCALATION = "escalation", "Overdue"
    UPDATE = "update", "Update due to the resident"


class Notice(models.Model):
    """One reminder or escalation about one item on one day: the sweep's memory.

    The unique constraints are what make `redress sweep` safe to run twice.
    """

    remedy = models.ForeignKey(
        Remedy, null=True, blank=True, on_delete=models.PROTECT, related_name="notices"
    )
    action = models.ForeignKey(
        "cases.OutstandingAction",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="notices",
    )
    complaint = models.ForeignKey(
        "cases.Complaint", on_delete=models.PROTECT, related_name="remedy_notices"
    )
    kind = models.CharField(max_length=12, choices=NoticeKind.choices)
    on = models.DateField()
    recipients = models.JSONField(default=list)
    sent_at = models.DateTimeField(null=True, blank=True)
    failure = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-on", "id"]
        constraints = [
            models.CheckConstraint(condition=one_of("remedy", "action"), name="notice_one_item"),
            models.UniqueConstraint(
                fields=["remedy", "kind", "on"],
                condition=Q(remedy__isnull=False),
                name="one_notice_per_remedy_kind_day",
            ),
            models.UniqueConstraint(
                fields=["action", "kind", "on"],
                condition=Q(action__isnull=False),
                name="one_notice_per_action_kind_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} on {self.on}"
