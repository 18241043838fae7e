"""Email choices are honoured (bar the managers' overdue alerts), and a failing mail server
is recorded, retried with back-off, and the later success recorded once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from redress.notifications import services
from redress.notifications.delivery import backoff, send_due
from redress.notifications.models import Delivery, EmailState, Kind, Notification
from redress.notifications.sweep import sweep
from redress.record.models import Event

from .conftest import THURSDAY_BEFORE, WEDNESDAY_AFTER

pytestmark = pytest.mark.django_db


def test_email_choices_are_honoured(case, handler):
    services.set_email_preferences(handler, {Kind.ASSIGNED})  # not "due soon"
    sweep(THURSDAY_BEFORE)
    [digest] = mail.outbox
    assert "assigned to you" in digest.body and "is due by" not in digest.body
    due_soon = Notification.objects.get(kind=Kind.DUE_SOON)
    assert due_soon.email_state == EmailState.NOT_WANTED
    assert due_soon.read_at is None  # still shown in the app


def test_a_managers_overdue_alert_cannot_be_switched_off(case, boss):
    services.set_email_preferences(boss, set())
    sweep(WEDNESDAY_AFTER)
    [alert] = [m for m in mail.outbox if m.to == [boss.email]]
    assert "is overdue" in alert.body
    assert Notification.objects.get(recipient=boss).email_state == EmailState.SENT


def test_a_failing_mail_server_is_recorded_and_retried_with_back_off(case, handler, settings):
    settings.EMAIL_BACKEND = "redress.notifications.tests.mailers.Unreachable"
    before = timezone.now()
    sweep(THURSDAY_BEFORE)
    failed = Delivery.objects.get(recipient=handler)
    assert (failed.state, failed.attempts) == (Delivery.State.FAILED, 1)
    assert "SMTPConnectError" in failed.last_error
    assert before + dt.timedelta(minutes=5) <= failed.next_attempt_at
    assert failed.next_attempt_at <= timezone.now() + dt.timedelta(minutes=5)
    assert set(failed.notifications.values_list("email_state", flat=True)) == {"failed"}
    event = Event.objects.get(subject_kind="user", action="notification_email_failed")
    assert event.subject_id == handler.pk and "SMTPConnectError" in event.payload["reason"]

    # Not before its time; then a second failure waits twice as long.
    assert send_due() == 0
    assert send_due(failed.next_attempt_at) == 1
    failed.refresh_from_db()
    assert failed.attempts == 2 and backoff(2) == dt.timedelta(minutes=10)

    # The server is back: sent once, recorded once, never sent again.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    later = failed.next_attempt_at
    assert send_due(later) == 1 and send_due(later + dt.timedelta(days=1)) == 0
    assert sweep(THURSDAY_BEFORE).digests == 0
    assert len(mail.outbox) == 1
    failed.refresh_from_db()
    assert (failed.state, failed.attempts) == (Delivery.State.SENT, 3)
    sent = Event.objects.filter(subject_kind="user", action="notification_email_sent")
    assert sent.count() == 1
    assert set(failed.notifications.values_list("email_state", flat=True)) == {"sent"}


def test_back_off_doubles_up_to_six_hours_and_then_gives_up(case, handler, settings):
    settings.EMAIL_BACKEND = "redress.notifications.tests.mailers.Unreachable"
    assert [backoff(n).total_seconds() / 60 for n in (1, 2, 3, 8)] == [5, 10, 20, 360]
    sweep(THURSDAY_BEFORE)
    failed = Delivery.objects.get(recipient=handler)
    for _ in range(7):
        send_due(timezone.now() + dt.timedelta(days=1))
    failed.refresh_from_db()
    assert (failed.state, failed.attempts, failed.next_attempt_at) == ("abandoned", 8, None)
    assert send_due(timezone.now() + dt.timedelta(days=30)) == 0


def test_someone_without_an_email_address_is_reported(case, handler):
    handler.email = ""
    handler.save()
    sweep(THURSDAY_BEFORE)
    failed = Delivery.objects.get(recipient=handler)
    assert failed.state == Delivery.State.ABANDONED
    assert "no email address" in failed.last_error


def test_the_database_backend_queues_a_task_for_the_worker(case, handler, settings):
    from django_tasks_db.models import DBTaskResult

    from redress.notifications.delivery import send_delivery

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    sweep(THURSDAY_BEFORE)
    assert mail.outbox == []
    [row] = DBTaskResult.objects.filter(task_path="redress.notifications.delivery.send_delivery")
    # The lease: a second sweep does not hand it over again while the worker has it.
    assert sweep(THURSDAY_BEFORE).handed == 0
    send_delivery.call(*row.args_kwargs["args"])
    send_delivery.call(*row.args_kwargs["args"])  # a worker running it twice
    assert len(mail.outbox) == 1
