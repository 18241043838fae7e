"""Email: the daily digest, the weekly summary, and sending them with retries.

Each email is a `Delivery` row written once (unique per person, kind and day) in its
own transaction together with its task (django-tasks' database backend writes the task
row in that transaction: both commit or neither), and sent by the `send_delivery` task.
Sending locks the row and does nothing to a delivery already sent, so a task run twice,
or `send_due` handing on a delivery whose lease ran out, sends it once. A failure is
recorded (on the delivery, its notices, and as an event on the recipient) and tried
again with back-off; the failures page shows what failed.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Count, Min
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from redress.cases.models import Complaint
from redress.code.calendars import WorkingDayCalendar
from redress.code.london import long_date
from redress.infra.mail import MAIL_ERRORS, backoff
from redress.record.services import record_event

from .models import ALWAYS_EMAILED, Delivery, EmailState, Notification
from .services import oversight_ids

MAX_ATTEMPTS = 8
# A delivery handed to the task queue is not handed again for this long (the worker's turn).
LEASE = dt.timedelta(minutes=15)
# The weekly summary names this many of the longest-late complaints.
WEEKLY_LIST = 25


class NoAddress(ValueError):
    """The recipient has no email address to send to."""


def _url(name: str) -> str:
    return settings.REDRESS_PUBLIC_URL.rstrip("/") + reverse(name)


def _name(user) -> str:
    return user.get_full_name() or user.get_username()


def _queue(delivery_id: int) -> None:
    """Hand it to the worker, leased so nobody re-hands it meanwhile. Called inside the
    transaction that wrote it: the database backend's task row commits with it, or neither."""
    Delivery.objects.filter(pk=delivery_id).update(next_attempt_at=timezone.now() + LEASE)
    send_delivery.enqueue(delivery_id)


def daily_digests(today: dt.date) -> int:
    """One digest per person with notices waiting; notices read in the app first are not sent
    (bar the overdue alerts that cannot be switched off), nor any to an account deactivated
    since they were written. Run on working days only."""
    waiting = Notification.objects.filter(email_state=EmailState.PENDING, delivery__isnull=True)
    waiting.filter(recipient__is_active=False).update(email_state=EmailState.LEFT)
    waiting.filter(read_at__isnull=False).exclude(kind__in=ALWAYS_EMAILED).update(
        email_state=EmailState.READ_FIRST
    )
    written = 0
    for recipient_id in sorted(set(waiting.values_list("recipient_id", flat=True))):
        written += _digest(recipient_id, today, waiting)
    return written


@transaction.atomic
def _digest(recipient_id: int, today: dt.date, waiting) -> int:
    delivery, created = Delivery.objects.get_or_create(
        recipient_id=recipient_id, kind=Delivery.Kind.DAILY, on=today, defaults={"body": ""}
    )
    if not created:
        return 0  # today's went already: these wait for the next working day's
    notices = list(
        waiting.filter(recipient_id=recipient_id)
        .select_related("complaint")
        .order_by("created_at", "id")
    )
    recipient = delivery.recipient
    count = len(notices)
    delivery.subject = (
        f"Redress: {count} notice{'s' if count != 1 else ''} for {today:%A} {long_date(today)}"
    )
    delivery.body = render_to_string(
        "notifications/email/digest.txt",
        {
            "name": _name(recipient),
            "notices": notices,
            "list_url": _url("notifications:list"),
            "preferences_url": _url("notifications:preferences"),
        },
    )
    delivery.next_attempt_at = timezone.now()
    delivery.save()
    Notification.objects.filter(pk__in=[n.pk for n in notices]).update(delivery=delivery)
    _queue(delivery.pk)
    return 1


def first_working_day_of_week(calendar: WorkingDayCalendar, today: dt.date) -> bool:
    monday = today - dt.timedelta(days=today.weekday())
    earlier = (monday + dt.timedelta(days=d) for d in range(today.weekday()))
    return calendar.is_working_day(today) and not any(map(calendar.is_working_day, earlier))


def late_by_handler(today: dt.date) -> tuple[list[dict], list[dict]]:
    """What is late and by whom: counts per handler, and the longest-late complaints."""
    late = Complaint.objects.filter(next_due__lt=today)
    per_handler = list(
        late.values(
            "handler_id",
            "handler__first_name",
            "handler__last_name",
            "handler__username",
            "handler__is_active",
        )
        .annotate(count=Count("id"), oldest=Min("next_due"))
        .order_by("-count", "handler__username")
    )
    for row in per_handler:
        full = f"{row['handler__first_name']} {row['handler__last_name']}".strip()
        row["name"] = full or row["handler__username"] or "Nobody (unassigned)"
        if row["handler__is_active"] is False:
            row["name"] += " (has left: reassign their cases)"
    longest = list(
        late.order_by("next_due", "id").values("reference", "next_due", "next_action")[:WEEKLY_LIST]
    )
    return per_handler, longest


def weekly_summaries(today: dt.date) -> int:
    """The summary of late complaints to each officer and manager, once a week (the week's
    Monday is its day in the unique key, so a second run that week writes nothing)."""
    monday = today - dt.timedelta(days=today.weekday())
    recipients = oversight_ids()
    if not recipients:
        return 0
    known = set(
        Delivery.objects.filter(kind=Delivery.Kind.WEEKLY, on=monday).values_list(
            "recipient_id", flat=True
        )
    )
    recipients = [pk for pk in recipients if pk not in known]
    if not recipients:
        return 0
    per_handler, longest = late_by_handler(today)
    total = sum(row["count"] for row in per_handler)
    body = render_to_string(
        "notifications/email/weekly.txt",
        {
            "today": today,
            "total": total,
            "per_handler": per_handler,
            "longest": longest,
            "queue_url": _url("cases:work-queue") + "?due=overdue",
        },
    )
    subject = (
        f"Redress: {total} late complaint{'s' if total != 1 else ''}, week of {long_date(monday)}"
    )
    written = 0
    for pk in recipients:
        with transaction.atomic():
            delivery, created = Delivery.objects.get_or_create(
                recipient_id=pk,
                kind=Delivery.Kind.WEEKLY,
                on=monday,
                defaults={"subject": subject, "body": body, "next_attempt_at": timezone.now()},
            )
            if created:
                _queue(delivery.pk)
                written += 1
    return written


def send_due(now: dt.datetime | None = None) -> int:
    """Hand the worker every delivery whose (next) try is due: new ones a crash left behind,
    and failures whose back-off has run out. `redress send-notifications` runs just this."""
    now = now or timezone.now()
    due = Delivery.objects.filter(
        state__in=[Delivery.State.PENDING, Delivery.State.FAILED], next_attempt_at__lte=now
    ).values_list("pk", flat=True)
    handed = 0
    for pk in list(due):
        with transaction.atomic():
            _queue(pk)
        handed += 1
    return handed


def _record(delivery: Delivery, action: str, **payload) -> None:
    record_event(
        "user",
        delivery.recipient_id,
        action,
        actor_label="redress sweep",
        payload={
            "delivery": delivery.pk,
            "kind": delivery.kind,
            "channel": "email",
            "attempt": delivery.attempts,
            **payload,
        },
    )


@task()
def send_delivery(delivery_id: int) -> str:
    """Send one email; on failure record it and set the next try (never raises for mail)."""
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update().select_related("recipient").get(pk=delivery_id)
        )
        if delivery.state in (Delivery.State.SENT, Delivery.State.ABANDONED):
            return delivery.state
        now = timezone.now()
        delivery.attempts += 1
        address = delivery.recipient.email
        try:
            if not delivery.recipient.is_active:
                raise NoAddress("the account is deactivated")
            if not address:
                raise NoAddress("no email address for this person")
            send_mail(delivery.subject, delivery.body, None, [address])
        except (*MAIL_ERRORS, NoAddress) as error:
            delivery.last_error = f"{type(error).__name__}: {error}"
            if delivery.attempts >= MAX_ATTEMPTS or isinstance(error, NoAddress):
                delivery.state, delivery.next_attempt_at = Delivery.State.ABANDONED, None
            else:
                delivery.state = Delivery.State.FAILED
                delivery.next_attempt_at = now + backoff(delivery.attempts)
            delivery.save()
            delivery.notifications.update(email_state=EmailState.FAILED)
            _record(
                delivery,
                "notification_email_failed",
                reason=delivery.last_error,
                next_attempt_at=delivery.next_attempt_at,
            )
            return delivery.state
        delivery.state, delivery.sent_at, delivery.next_attempt_at = (
            Delivery.State.SENT,
            now,
            None,
        )
        delivery.save()
        delivery.notifications.update(email_state=EmailState.SENT, sent_at=now)
        _record(delivery, "notification_email_sent", to=address)
        return delivery.state
