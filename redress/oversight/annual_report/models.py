"""The annual complaints performance and service improvement report (8.1, 8.2), the
Ombudsman's publications about the landlord (8.1 e, f) and exceptional-circumstances
notices (8.5).

Nothing here is deleted. A report's draft fields change as the complaints officer
writes and the governing body responds; what the public reads is a `ReportRevision`,
a frozen copy of the whole report (figures included) taken when it was published, so a
correction is a new revision beside the old one. Publications and notices are
withdrawn, never removed, and every change is an event in `redress.record`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class AnnualReport(models.Model):
    """One reporting year's report as it is being written (one row a year)."""

    year = models.PositiveSmallIntegerField(unique=True, help_text="First year of the year")
    analysis = models.TextField(blank=True)  # the qualitative analysis (8.1 b)
    reported_on = models.DateField(null=True, blank=True)  # to the governing body (8.2)
    minute_reference = models.CharField(max_length=200, blank=True)
    response = models.TextField(blank=True)  # the governing body's response (8.2)
    response_on = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"Annual report {self.year}/{(self.year + 1) % 100:02d}"


class ReportRevision(models.Model):
    """A published report, frozen: `content` holds everything the public page, the PDF and
    the Word file print, as it stood when published."""

    report = models.ForeignKey(AnnualReport, on_delete=models.PROTECT, related_name="revisions")
    number = models.PositiveSmallIntegerField()
    content = models.JSONField()
    correction = models.TextField(blank=True)  # what a later revision corrects
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["report", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="one_revision_number")
        ]

    def __str__(self) -> str:
        return f"{self.report} revision {self.number}"


class OmbudsmanPublication(models.Model):
    """A report the Housing Ombudsman published about the landlord: linked, or a PDF kept in
    the database (never under the web root) and served as a download."""

    class Kind(models.TextChoices):
        ANNUAL = "annual", "Annual landlord performance report"
        SPECIAL = "special", "Special investigation report"
        OTHER = "other", "Other report or publication"

    year = models.PositiveSmallIntegerField(help_text="First year of the reporting year")
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    published_on = models.DateField()
    url = models.URLField(max_length=500, blank=True)
    pdf = models.BinaryField(blank=True, default=b"")
    pdf_size = models.PositiveIntegerField(default=0)
    added_at = models.DateTimeField(auto_now_add=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-year", "published_on", "id"]

    def __str__(self) -> str:
        return self.title


class ExceptionalNotice(models.Model):
    """Why the landlord cannot comply with the Code for now, and when it will again (8.5)."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        WITHDRAWN = "withdrawn", "Withdrawn"

    what_happened = models.TextField()
    since = models.DateField()
    ombudsman_informed_on = models.DateField()
    who_is_affected = models.TextField()
    return_by = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-since", "-id"]

    def __str__(self) -> str:
        return f"Exceptional circumstances since {self.since}"
