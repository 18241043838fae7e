"""Reading notices: a person's list and unread count, a case's, the failed emails."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import ALWAYS_EMAILED, Delivery, EmailState, Kind, Notification, Preference

PAGE = 50


def unread_count(user) -> int:
    """The header's figure: one count over a partial index."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notifications_for(user, *, unread_only: bool) -> QuerySet[Notification]:
    found = Notification.objects.filter(recipient=user).select_related("complaint")
    if unread_only:
        found = found.filter(read_at__isnull=True)
    return found.order_by("-created_at", "-id")


def email_choices(user) -> list[dict]:
    """Each kind, whether it comes by email, and whether the person may switch it off."""
    off = set(Preference.objects.filter(user=user, email=False).values_list("kind", flat=True))
    return [
        {
            "kind": kind,
            "label": label,
            "email": kind in ALWAYS_EMAILED or kind not in off,
            "always": kind in ALWAYS_EMAILED,
        }
        for kind, label in Kind.choices
    ]


def failed_deliveries(limit: int = 100) -> QuerySet[Delivery]:
    return (
        Delivery.objects.filter(state__in=[Delivery.State.FAILED, Delivery.State.ABANDONED])
        .select_related("recipient")
        .order_by("-created_at")[:limit]
    )


def _email_words(notice: Notification) -> str:
    if notice.email_state == EmailState.SENT and notice.sent_at:
        return f"Email: sent {notice.sent_at:%d %b %Y %H:%M}"
    return f"Email: {notice.get_email_state_display().lower()}"


def timeline_entries(complaint) -> list[dict]:
    """The case's notices in the timeline's shape (`redress.casework.views.timeline`):
    to whom, why, when, by which channel, and whether the email went."""
    notices = Notification.objects.filter(complaint=complaint).select_related("recipient")
    return [
        {
            "action": f"Notice: {n.get_kind_display()}",
            "who": "Redress, to " + (n.recipient.get_full_name() or n.recipient.get_username()),
            "occurred_at": n.created_at,
            "recorded_at": n.created_at,
            "backdated": False,
            "details": [n.reason, f"In Redress; {_email_words(n)}"],
        }
        for n in notices
    ]
