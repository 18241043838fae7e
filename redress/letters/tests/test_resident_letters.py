"""A resident downloads, from their status page, each letter they were sent, and nobody
else can: another complaint's session, no session, a member of staff and another
complaint's letter all get the same 404. The letter's email goes by the task queue, is
tried again while the mail server is down, and the last failure is recorded."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.utils import timezone

from redress.cases.access import VERIFIED
from redress.cases.tests.factories import case_in, events, ok
from redress.letters import services
from redress.letters.models import Letter

pytestmark = pytest.mark.django_db

FIELDS = {"no_remedy": True, "no_outstanding_actions": True}


def issue(api, reference: str, delivery: str = "post") -> Letter:
    body = ok(
        api.post(
            f"/complaints/{reference}/letters",
            {"kind": "stage_response", "delivery": delivery, **FIELDS},
        ),
        201,
    )
    return Letter.objects.get(pk=body["id"])


def session_for(reference: str | None) -> Client:
    """A browser whose status-page session was opened (by an emailed code) for `reference`."""
    client = Client()
    if reference:
        session = client.session
        session[VERIFIED] = reference
        session.save()
    return client


def download(client: Client, letter: Letter):
    return client.get(f"/check-a-complaint/letters/{letter.pk}.pdf")


@pytest.fixture
def two_cases(officer):
    mine, theirs = case_in("stage1_responded", officer), case_in("stage1_responded", officer)
    return (mine, issue(officer, mine)), (theirs, issue(officer, theirs))


def test_the_status_page_lists_the_letters_and_the_owner_downloads_each(two_cases):
    (mine, letter), _ = two_cases
    resident = session_for(mine)
    page = resident.get("/check-a-complaint/status/").content.decode()
    link = f'href="/check-a-complaint/letters/{letter.pk}.pdf"'
    assert link in page and letter.subject in page

    response = download(resident, letter)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="{mine}-stage_response-{letter.pk}.pdf"'
    )
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response.content == bytes(letter.pdf) and response.content.startswith(b"%PDF")


def test_nobody_else_gets_the_letter(two_cases, officer):
    (mine, letter), (theirs, their_letter) = two_cases
    staff = Client()
    staff.force_login(officer.user)
    refused = {
        "another complaint's session": download(session_for(theirs), letter),
        "no session": download(session_for(None), letter),
        "staff without a session": download(staff, letter),
        "my session, their letter": download(session_for(mine), their_letter),
        "no such letter": session_for(mine).get("/check-a-complaint/letters/999999.pdf"),
    }
    assert {why: r.status_code for why, r in refused.items()} == dict.fromkeys(refused, 404)
    assert all(b"%PDF" not in r.content for r in refused.values())
    page = session_for(theirs).get("/check-a-complaint/status/").content.decode()
    assert f"/letters/{letter.pk}.pdf" not in page


def test_a_letter_by_email_is_queued_tried_again_and_its_last_failure_recorded(
    officer, settings, queued_tasks, django_capture_on_commit_callbacks
):
    reference = case_in("stage1_responded", officer)
    settings.EMAIL_BACKEND = "redress.notifications.tests.mailers.Unreachable"
    with django_capture_on_commit_callbacks(execute=True):
        issue(officer, reference, delivery="email")  # the request succeeds, mail down or not
    assert mail.outbox == []
    started = timezone.now()
    for attempt in range(1, services.SEND_ATTEMPTS + 1):
        with time_machine.travel(started + dt.timedelta(hours=7 * attempt)):
            assert len(queued_tasks()) == 1
    assert queued_tasks() == []
    failed = [e for e in events(officer, reference) if e["action"] == "letter_not_delivered"]
    assert [e["payload"]["attempt"] for e in failed] == list(range(1, services.SEND_ATTEMPTS + 1))
    assert failed[-1]["payload"]["next_attempt_at"] is None
    assert all(e["payload"]["next_attempt_at"] for e in failed[:-1])
    assert not any(e["action"] == "letter_delivered" for e in events(officer, reference))


def test_a_letter_whose_first_try_failed_is_sent_on_the_next(
    officer, settings, queued_tasks, django_capture_on_commit_callbacks
):
    reference = case_in("stage1_responded", officer)
    settings.EMAIL_BACKEND = "redress.notifications.tests.mailers.Unreachable"
    with django_capture_on_commit_callbacks(execute=True):
        issue(officer, reference, delivery="email")
    queued_tasks()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=6)):
        [run] = queued_tasks()
    assert run.return_value == "sent" and len(mail.outbox) == 1
    delivered = [e for e in events(officer, reference) if e["action"] == "letter_delivered"]
    assert [e["payload"]["attempt"] for e in delivered] == [2]
