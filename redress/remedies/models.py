"""Remedies (7.1) and their guidance bands.

A remedy is a row from the moment it is offered, so it can be followed through
to completion (7.3) after the complaint itself is closed. Outstanding actions
are `redress.cases.models.OutstandingAction` rows, which carry the same owner,
evidence and update fields. Reminders about either's dates are the notifications
sweep's (`redress.notifications.remedy_duties`), read through `selectors.dated_items`.
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
