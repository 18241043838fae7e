"""What an administrator sets: the landlord's own closure days and its settings.

Both are read on every page or every clock, so both stay small: a closure day is a
date and a reason, and the settings are one row (pk=1) whose absence means "use the
deployment's settings", so a new installation looks exactly as it did before.

The clocks read the calendar's history, not only its present: when each closure day
was added and withdrawn, and the deployment's calendar settings as recorded on each
migrate (`DeploymentCalendar`), so a change counts only for due dates not yet passed.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

SETTINGS_PK = 1


def _someone() -> models.ForeignKey:
    """A staff member the row names (empty where it was not recorded)."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )


class ClosureDay(models.Model):
    """A day the landlord's office is closed (not a working day), until withdrawn.

    `created_at` is when it was added: it counts from that day on. One added or
    withdrawn for a date already passed carries the administrator's reason for it.
    """

    date = models.DateField()
    reason = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    # Who added it (empty for closures added before this was recorded), and why so late.
    added_by = _someone()
    late_reason = models.CharField(max_length=200, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = _someone()
    withdrawal_reason = models.CharField(max_length=200, blank=True)

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


class DeploymentCalendar(models.Model):
    """The deployment's calendar settings (REDRESS_CALENDAR, REDRESS_CLOSURE_DAYS) as
    recorded by `migrate` whenever they change: each counts from the day recorded."""

    nation = models.CharField(max_length=40)
    closure_days = models.JSONField(default=list)  # ISO dates, sorted
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]  # the order recorded, whatever the clocks said

    def __str__(self) -> str:
        return f"{self.nation} from {self.recorded_at:%Y-%m-%d}"


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
