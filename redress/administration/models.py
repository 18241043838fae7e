"""What an administrator sets: the landlord's own closure days and its settings.

Both are read on every page or every clock, so both stay small: a closure day is a
date and a reason, and the settings are one row (pk=1) whose absence means "use the
deployment's settings", so a new installation looks exactly as it did before.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

SETTINGS_PK = 1


class ClosureDay(models.Model):
    """A day the landlord's office is closed (not a working day), until withdrawn."""

    date = models.DateField()
    reason = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["date"],
                condition=Q(withdrawn_at__isnull=True),
                name="one_active_closure_per_date",
            )
        ]

    def __str__(self) -> str:
        return f"{self.date.isoformat()} ({self.reason})"


class LandlordSettings(models.Model):
    """The landlord's name, logo, colours and public contact details (one row, pk=1).

    The logo is kept in the database (it is small and checked) so the deployment
    needs no writable media storage; `logo_type` is empty when there is none.
    """

    name = models.CharField(max_length=150)
    logo = models.BinaryField(blank=True, default=b"")
    logo_type = models.CharField(max_length=20, blank=True)
    brand = models.CharField(max_length=7)
    brand_text = models.CharField(max_length=7)
    accent = models.CharField(max_length=7)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    address = models.TextField(blank=True)
    help_text = models.TextField(blank=True)
    # Words letters should avoid, one a line; blank means Redress's own list.
    jargon = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "landlord settings"
        constraints = [
            models.CheckConstraint(condition=Q(pk=SETTINGS_PK), name="landlord_settings_singleton")
        ]

    def __str__(self) -> str:
        return self.name
