"""Complaints the Housing Ombudsman looks at: the referral, its determination for each
element, and the orders and recommendations that follow, with evidence of compliance.

A finding of maladministration reaches the Member Responsible for Complaints (9.x):
the services alert every MRC user when one is recorded.

The tables keep the names they were made with when these models were the oversight
app's (`db_table`): moving them here moved no data.
"""

from __future__ import annotations

from django.db import models

from redress.code.remedies import FINDINGS

# The Ombudsman's findings, as the remedies guidance names them (one list, in the rules).
FINDING_CHOICES = list(FINDINGS.items())
# Findings the MRC is told about the day they are recorded.
ALERTS_MRC = ("maladministration", "severe_maladministration")


class OmbudsmanCase(models.Model):
    complaint = models.ForeignKey(
        "cases.Complaint", on_delete=models.PROTECT, related_name="ombudsman_cases"
    )
    ombudsman_reference = models.CharField(max_length=60)
    referred_on = models.DateField()
    determined_on = models.DateField(null=True, blank=True)

    class Meta:
        db_table = "oversight_ombudsmancase"
        ordering = ["-referred_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["ombudsman_reference"], name="one_case_per_reference")
        ]

    def __str__(self) -> str:
        return self.ombudsman_reference


class Determination(models.Model):
    """The Ombudsman's finding on one element of the complaint."""

    case = models.ForeignKey(OmbudsmanCase, on_delete=models.PROTECT, related_name="elements")
    element = models.CharField(max_length=300)
    finding = models.CharField(max_length=30, choices=FINDING_CHOICES)

    class Meta:
        db_table = "oversight_determination"

    def __str__(self) -> str:
        return f"{self.element}: {self.get_finding_display()}"


class Order(models.Model):
    class Kind(models.TextChoices):
        ORDER = "order", "Order"
        RECOMMENDATION = "recommendation", "Recommendation"
        COMPLAINT_HANDLING_FAILURE = "chfo", "Complaint handling failure order"

    case = models.ForeignKey(OmbudsmanCase, on_delete=models.PROTECT, related_name="orders")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    description = models.TextField()
    due_on = models.DateField()
    complied_on = models.DateField(null=True, blank=True)
    evidence = models.TextField(blank=True)

    class Meta:
        db_table = "oversight_order"
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} due {self.due_on}"
