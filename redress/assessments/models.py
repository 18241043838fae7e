"""The self-assessment against the Code: one version per trigger, one answer per provision.

A landlord assesses itself at least once a year (8.1 a) and again after a restructure,
merger or change in procedures (8.3) or when the Ombudsman asks (8.4). Each of those is a
new version for the reporting year; earlier versions are kept as they were, so the
history of what the landlord told its governing body and the public survives.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Trigger(models.TextChoices):
    ANNUAL = "annual", "Annual self-assessment"
    RESTRUCTURE = "restructure", "Significant restructure"
    MERGER = "merger", "Merger"
    PROCEDURE_CHANGE = "procedure_change", "Change in procedures"
    OMBUDSMAN_REQUEST = "ombudsman_request", "The Ombudsman asked for a review"


class Stage(models.TextChoices):
    """Where a version is in its workflow (8.1, 8.2)."""

    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "With the senior lead for review"
    REVIEWED = "reviewed", "Reviewed, awaiting the governing body"
    APPROVED = "approved", "Approved by the governing body"
    PUBLISHED = "published", "Published"


class Comply(models.TextChoices):
    YES = "yes", "Yes"
    PARTIAL = "partial", "Partial"
    NO = "no", "No"


class Assessment(models.Model):
    year = models.PositiveSmallIntegerField(help_text="First year of the reporting year")
    version = models.PositiveSmallIntegerField()
    trigger = models.CharField(max_length=20, choices=Trigger.choices)
    trigger_note = models.TextField(blank=True)
    # The version whose answers this one started from (the same year's latest, else an
    # earlier year's): what "compare with the previous version" compares against.
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.DRAFT)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    approved_on = models.DateField(null=True, blank=True)
    minute_reference = models.CharField(max_length=200, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    # When Redress last drafted the evidence from the year's records.
    evidence_drafted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-year", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["year", "version"], name="one_version_number_a_year")
        ]

    def __str__(self) -> str:
        return f"Self-assessment {self.label} version {self.version}"

    @property
    def label(self) -> str:
        """The reporting year as the Ombudsman writes it: 2025/26."""
        return f"{self.year}/{(self.year + 1) % 100:02d}"


class Answer(models.Model):
    """The landlord's answer on one provision: comply, evidence, commentary, and for
    anything short of yes an action with an owner and a date.

    `drafted_evidence` is what Redress drew from its own records for the year, kept apart
    from the officer's `evidence` so the form can show which is which; `shortfall` is a
    figure that contradicts a "yes", shown as a flag until the answer changes.
    """

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="answers")
    number = models.CharField(max_length=5)
    comply = models.CharField(max_length=10, choices=Comply.choices, blank=True)
    evidence = models.TextField(blank=True)
    drafted_evidence = models.TextField(blank=True)
    shortfall = models.TextField(blank=True)
    commentary = models.TextField(blank=True)
    action = models.TextField(blank=True)
    action_owner = models.CharField(max_length=200, blank=True)
    action_due = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "number"], name="one_answer_a_provision")
        ]

    def __str__(self) -> str:
        return f"{self.number}: {self.comply or 'not answered'}"
