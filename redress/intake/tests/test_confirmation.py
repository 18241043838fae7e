"""The online complaint's confirmation email: queued when the complaint commits, sent by
the worker to the address typed on the form, tried again with back-off when mail is
down, and the confirmation page says only what became of it."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from redress.cases.models import Complaint
from redress.reception import confirmations
from redress.record.models import Event

from .test_views_public import form_data

pytestmark = pytest.mark.django_db

TASK = "redress.reception.confirmations.send_confirmation"
BROKEN = "redress.notifications.tests.mailers.Unreachable"


def complain(django_capture_on_commit_callbacks, **changes) -> tuple[Client, Complaint]:
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/make-a-complaint/", form_data(**changes))
    assert response.status_code == 303, response.content.decode()[:2000]
    return client, Complaint.objects.get()


def done_page(client: Client, complaint: Complaint) -> str:
    response = client.get(f"/make-a-complaint/done/{complaint.reference}/")
    assert response.status_code == 200
    return response.content.decode()


def confirmation_events(complaint: Complaint) -> list[Event]:
    actions = (confirmations.SENT, confirmations.NOT_SENT)
    return list(Event.objects.for_subject("complaint", complaint.pk).filter(action__in=actions))


def test_the_form_queues_the_confirmation_and_the_worker_sends_it(
    settings, queued_tasks, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = BROKEN  # the request must not touch it
    client, complaint = complain(django_capture_on_commit_callbacks)
    assert mail.outbox == []
    assert DBTaskResult.objects.filter(task_path=TASK).count() == 1
    assert "We are emailing this reference to ada@example.org" in done_page(client, complaint)

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    [run] = queued_tasks()
    assert run.status == "SUCCESSFUL" and run.return_value == "sent"
    [message] = mail.outbox
    assert message.to == ["ada@example.org"]
    assert complaint.reference in message.subject and complaint.reference in message.body
    assert "/check-a-complaint/" in message.body
    [event] = confirmation_events(complaint)
    assert event.action == "confirmation_sent" and event.payload["to"] == "ada@example.org"
    assert "We have emailed this reference to ada@example.org" in done_page(client, complaint)


def test_for_someone_else_it_goes_to_the_person_who_complained(
    queued_tasks, django_capture_on_commit_callbacks
):
    _, complaint = complain(
        django_capture_on_commit_callbacks,
        on_behalf="yes",
        their_name="Ada Jones",
        name="Tom Jones",
        relationship="Son",
        consent="on",
        email="tom@example.org",
    )
    queued_tasks()
    assert [m.to for m in mail.outbox] == [["tom@example.org"]]


def test_mail_down_it_is_tried_again_then_recorded_as_not_sent(
    settings, queued_tasks, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = BROKEN
    client, complaint = complain(django_capture_on_commit_callbacks)
    started = timezone.now()
    for attempt in range(1, confirmations.ATTEMPTS + 1):
        with time_machine.travel(started + dt.timedelta(hours=7 * attempt)):
            [run] = queued_tasks()
            assert run.return_value in ("will try again", "not sent")
    assert queued_tasks() == []  # no try after the last
    events = confirmation_events(complaint)
    assert [e.payload["attempt"] for e in events] == list(range(1, confirmations.ATTEMPTS + 1))
    assert all(e.payload["next_attempt_at"] for e in events[:-1])
    assert events[-1].payload["next_attempt_at"] is None
    assert "mail server unavailable" in events[0].payload["error"]
    assert mail.outbox == []
    assert "We could not email this reference to ada@example.org" in done_page(client, complaint)


def test_the_next_try_waits_for_the_back_off(
    settings, queued_tasks, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = BROKEN
    complain(django_capture_on_commit_callbacks)
    queued_tasks()
    [retry] = DBTaskResult.objects.filter(task_path=TASK, status="READY")
    assert retry.run_after >= timezone.now() + dt.timedelta(minutes=4)
    assert retry.args_kwargs["kwargs"] == {"attempt": 2}
    assert queued_tasks() == []  # not yet due


def test_without_an_address_nothing_is_queued(db):
    complaint = Complaint(reference="CMP-2026-000001")
    assert confirmations.address(complaint) == ""
    assert confirmations.confirm(complaint) is False
    assert confirmations.outcome(complaint) == "none"
