"""Notices to staff, the emails that carry them, and who wants which by email.

A `Notification` is one notice to one person about one item: the unique key
(recipient, kind, subject) is what makes `redress sweep` safe to run twice or
to run again after dying halfway. The subject names the item and, for a due
date, the date itself, so an extension that moves the date earns a new reminder
and an unchanged date never earns a second one. Email goes in a `Delivery`:
one daily digest per person per working day, or the weekly summary, written
once (unique per person, kind and day) and sent by a background task that
retries with back-off.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Kind(models.TextChoices):
    ASSIGNED = "assigned", "A complaint assigned to you"
    DUE_SOON = "due_soon", "An acknowledgement or response due within two working days"
    DUE_TODAY = "due_today", "An acknowledgement or response due today"
    OVERDUE = "overdue", "An acknowledgement or response overdue on your case"
    OVERDUE_OVERSIGHT = "overdue_oversight", "Any complaint gone overdue (officers and managers)"
    EXTENSION = "extension", "An extension beyond the Code's limit"
    UPDATE_DUE = "update_due", "An update owed to the resident at the agreed interval"
    LEAVER = "leaver", "A leaver's open cases, to hand on (complaints officers)"
    SUPPORT_REVIEW = "support_review", "A reasonable adjustment or restriction due for review"
    # To the handler; to the complaints officers when the case is closed or no one handles it.
    REPLY = "reply", "A resident's reply on a complaint"
    # Remedies (7.1) and outstanding actions: to their owner, or the complaints officers.
    REMEDY_DUE_SOON = "remedy_due_soon", "A remedy or action you own due within two working days"
    REMEDY_DUE_TODAY = "remedy_due_today", "A remedy or action you own due today"
    REMEDY_OVERDUE = "remedy_overdue", "A remedy or action you own overdue"
    REMEDY_ESCALATED = "remedy_escalated", "Any remedy or action gone overdue (complaints officers)"


# Overdue alerts to the complaints officers and managers cannot be switched off (the issue),
# nor the escalation of an overdue remedy or action to the complaints officers.
ALWAYS_EMAILED = frozenset({Kind.OVERDUE_OVERSIGHT, Kind.REMEDY_ESCALATED})


class EmailState(models.TextChoices):
    PENDING = "pending", "Waiting for the next daily digest"
    SENT = "sent", "Emailed"
    FAILED = "failed", "Email failed, to be tried again"
    NOT_WANTED = "not_wanted", "Not emailed (the person's choice)"
    READ_FIRST = "read_first", "Not emailed (read in Redress first)"
    LEFT = "left", "Not emailed (the account is deactivated)"


class Delivery(models.Model):
    """One email: a person's daily digest or weekly summary, kept as sent (or tried)."""

    class Kind(models.TextChoices):
        DAILY = "daily", "Daily digest"
        WEEKLY = "weekly", "Weekly summary of late complaints"

    class State(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed, to be tried again"
        ABANDONED = "abandoned", "Failed, no more tries"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(max_length=8, choices=Kind.choices)
    on = models.DateField()
    subject = models.CharField(max_length=200)
    body = models.TextField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "on"], name="one_delivery_per_person_kind_day"
            )
        ]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                name="delivery_to_try",
                condition=Q(state__in=["pending", "failed"]),
            ),
            models.Index(
                fields=["state", "-created_at"],
                name="delivery_failures",
                condition=Q(state__in=["failed", "abandoned"]),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.recipient_id} on {self.on}"


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="notifications"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # The item it is about, e.g. "respond:12:2026-05-22" or "assigned:12:340" (an event id).
    subject = models.CharField(max_length=100)
    complaint = models.ForeignKey(
        "cases.Complaint",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="notifications",
    )
    reason = models.TextField()
    on = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    email_state = models.CharField(
        max_length=12, choices=EmailState.choices, default=EmailState.PENDING
    )
    delivery = models.ForeignKey(
        Delivery, null=True, blank=True, on_delete=models.PROTECT, related_name="notifications"
    )
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "subject"], name="one_notification_per_item"
            )
        ]
        indexes = [
            models.Index(fields=["recipient", "-created_at", "-id"], name="notification_list"),
            # The header's unread count: one index range per page.
            models.Index(
                fields=["recipient"],
                name="notification_unread",
                condition=Q(read_at__isnull=True),
            ),
            models.Index(
                fields=["recipient"],
                name="notification_to_email",
                condition=Q(email_state="pending", delivery__isnull=True),
            ),
            # The sweep's memory of what it wrote lately (read back to skip known items).
            models.Index(fields=["on", "kind"], name="notification_on"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} to {self.recipient_id}: {self.subject}"


class Preference(models.Model):
    """Whether a person wants one kind of notice by email (in the app they always get it)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    email = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}: {'email' if self.email else 'app only'}"
