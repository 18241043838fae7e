"""Asking for a status code tells nobody whether a reference and an email go together.

The page does the same work for a matching pair, a pair that does not match and a
matching pair while mail is broken: the same answer, the same page after it, the same
database queries, and one task queued. Whether anyone is mailed is the worker's business
(redress/reception/status_codes.py), which sends the code, or tries again later.
"""

from __future__ import annotations

import datetime as dt
import re
import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from redress.cases.tests.factories import open_case
from redress.intake.models import StatusCode
from redress.reception import status_codes

from .test_views_public import code_from

pytestmark = pytest.mark.django_db

START, CODE = "/check-a-complaint/", "/check-a-complaint/code/"
TASK = "redress.reception.status_codes.send_status_code"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


class BrokenMail(BaseEmailBackend):
    """An SMTP server that is down."""

    def send_messages(self, messages):
        raise smtplib.SMTPConnectError(421, "mail is down")


@pytest.fixture(autouse=True)
def queued_tasks(settings):
    """The production backend: tasks wait in the database for the worker."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def ask(reference: str, email: str) -> dict:
    """Everything the asker can observe, and the queries the page ran."""
    client = Client()
    client.get(START)  # the form, as a person would first open it
    with CaptureQueriesContext(connection) as queries:
        response = client.post(START, {"reference": reference, "email": email})
    after = client.get(response["Location"])
    return {
        "status": response.status_code,
        "location": response["Location"],
        "body": response.content,
        "next_status": after.status_code,
        "next_page": CSRF.sub("", after.content.decode()),
        "queries": [re.sub(r"\d+", "N", q["sql"]) for q in queries.captured_queries],
    }


def run_queued() -> list:
    """Run each task waiting in the queue, as `manage.py db_worker` would; their results."""
    done = []
    for row in DBTaskResult.objects.filter(task_path=TASK, status="READY").order_by("enqueued_at"):
        row.delete()
        call = row.args_kwargs
        done.append(status_codes.send_status_code.call(*call["args"], **call["kwargs"]))
    return done


def test_match_non_match_and_broken_mail_look_the_same(officer, settings):
    reference = open_case(officer)
    matching = ask(reference, "ada@example.org")
    other_email = ask(reference, "someone@example.org")
    no_such_case = ask("CMP-1999-000001", "ada@example.org")
    settings.EMAIL_BACKEND = f"{__name__}.BrokenMail"
    mail_down = ask(reference, "ada@example.org")

    assert matching["status"] == 303 and matching["location"] == CODE
    assert matching["next_status"] == 200
    for other in (other_email, no_such_case, mail_down):
        assert other == matching
    # The request never touched mail: the four asks are four tasks in the queue.
    assert mail.outbox == [] and not StatusCode.objects.exists()
    assert DBTaskResult.objects.filter(task_path=TASK).count() == 4


def test_the_queued_task_mails_the_code_only_to_a_matching_pair(officer):
    reference = open_case(officer)
    resident = Client()
    resident.post(START, {"reference": reference, "email": "ADA@example.org"})
    Client().post(START, {"reference": reference, "email": "someone@example.org"})
    assert mail.outbox == []

    assert run_queued() == ["sent", "no match"]
    [message] = mail.outbox
    assert message.to == ["ada@example.org"]  # the address on the case
    assert StatusCode.objects.get().email == "ada@example.org"
    response = resident.post(CODE, {"code": code_from(message)})
    assert response.status_code == 303 and response["Location"] == "/check-a-complaint/status/"


def test_an_address_that_matches_nothing_is_not_kept_in_the_queue(officer):
    reference = open_case(officer)
    Client().post(START, {"reference": reference, "email": "stranger@example.org"})
    [row] = DBTaskResult.objects.filter(task_path=TASK)
    assert "stranger" not in str(row.args_kwargs)


def test_mail_down_the_code_is_sent_on_a_later_try(officer, settings):
    reference = open_case(officer)
    resident = Client()
    resident.post(START, {"reference": reference, "email": "ada@example.org"})
    settings.EMAIL_BACKEND = f"{__name__}.BrokenMail"
    with pytest.raises(smtplib.SMTPException):
        run_queued()
    # The code that could not be sent is not kept; another try waits in the queue.
    assert not StatusCode.objects.exists()
    [retry] = DBTaskResult.objects.filter(task_path=TASK, status="READY")
    assert retry.run_after > timezone.now() + dt.timedelta(minutes=4)

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert run_queued() == ["sent"]
    response = resident.post(CODE, {"code": code_from(mail.outbox[-1])})
    assert response.status_code == 303


def test_tries_stop_after_the_last(officer, settings):
    reference = open_case(officer)
    Client().post(START, {"reference": reference, "email": "ada@example.org"})
    settings.EMAIL_BACKEND = f"{__name__}.BrokenMail"
    for _ in range(status_codes.ATTEMPTS):
        with pytest.raises(smtplib.SMTPException):
            run_queued()
    assert not DBTaskResult.objects.filter(task_path=TASK, status="READY").exists()
    assert not StatusCode.objects.exists()
