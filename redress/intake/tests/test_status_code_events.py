"""Each status code sent, and each tried against a live one, is an event on the complaint:
who it went to and what became of it, never the code, its digest or the address."""

from __future__ import annotations

import json

import pytest
from django.core import mail
from django.test import Client

from redress.cases.models import Complaint
from redress.cases.tests.factories import open_case
from redress.intake.models import StatusCode
from redress.reception import status_codes
from redress.record.models import Event

from .test_no_account_oracle import BrokenMail
from .test_views_public import code_from, form_data

pytestmark = pytest.mark.django_db

START, CODE = "/check-a-complaint/", "/check-a-complaint/code/"
ACTIONS = (status_codes.SENT, status_codes.ACCEPTED, status_codes.REFUSED)


def code_events(reference: str) -> list[Event]:
    complaint = Complaint.objects.get(reference=reference)
    return list(Event.objects.for_subject("complaint", complaint.pk).filter(action__in=ACTIONS))


def ask(client: Client, reference: str, email: str = "ada@example.org") -> str:
    """Ask for a code (the test task backend sends it at once); the code, if one came."""
    before = len(mail.outbox)
    client.post(START, {"reference": reference, "email": email})
    return code_from(mail.outbox[-1]) if len(mail.outbox) > before else ""


def keeps_no_secret(event: Event, *secrets: str) -> None:
    stored = json.dumps(event.payload)
    digests = StatusCode.objects.values_list("code_digest", flat=True)
    for secret in (*secrets, *digests):
        assert secret not in stored


def test_a_code_sent_is_recorded_with_who_it_went_to(officer):
    reference = open_case(officer)
    code = ask(Client(), reference)
    [sent] = code_events(reference)
    assert (sent.action, sent.actor_label) == (status_codes.SENT, "mail")
    assert sent.payload == {"to": "resident", "attempt": 1}
    keeps_no_secret(sent, code, "ada@example.org")


def test_a_code_sent_to_a_representative_says_so(client):
    response = client.post(
        "/make-a-complaint/",
        form_data(
            on_behalf="yes",
            their_name="Bea Jones",
            relationship="Daughter",
            consent="on",
            email="rep@example.org",
        ),
    )
    reference = response["Location"].rstrip("/").rsplit("/", 1)[-1]
    ask(Client(), reference, "rep@example.org")
    [sent] = code_events(reference)
    assert sent.payload == {"to": "representative", "attempt": 1}


def test_no_match_and_failed_mail_record_nothing(officer, settings):
    reference = open_case(officer)
    ask(Client(), reference, "someone@example.org")
    ask(Client(), "CMP-1999-000001")
    settings.EMAIL_BACKEND = f"{BrokenMail.__module__}.BrokenMail"
    assert ask(Client(), reference) == ""  # the worker logs the failure and tries again
    assert not StatusCode.objects.exists()
    assert code_events(reference) == []
    assert not Event.objects.filter(action__in=ACTIONS).exists()


def test_a_right_code_and_a_wrong_one_are_recorded_without_the_code(officer):
    reference = open_case(officer)
    resident = Client()
    code = ask(resident, reference)
    wrong = "000000" if code != "000000" else "111111"
    assert resident.post(CODE, {"code": wrong}).status_code == 200
    assert resident.post(CODE, {"code": code}).status_code == 303
    sent, refused, accepted = code_events(reference)
    assert [refused.action, accepted.action] == [status_codes.REFUSED, status_codes.ACCEPTED]
    for event in (refused, accepted):
        assert event.actor_id is None and event.actor_label == "status page"
        assert event.payload == {}
        keeps_no_secret(event, code, wrong)


def test_a_code_tried_where_none_is_live_records_nothing(officer):
    """Nothing to check it against: the same work whether or not the reference exists."""
    reference = open_case(officer)
    for asked in (reference, "CMP-1999-000001"):
        client = Client()
        client.post(START, {"reference": asked, "email": "someone@example.org"})
        assert client.post(CODE, {"code": "123456"}).status_code == 200
    assert not Event.objects.filter(action__in=ACTIONS).exists()


def test_the_case_page_shows_them_in_words(officer):
    reference = open_case(officer)
    resident = Client()
    resident.post(CODE, {"code": ask(resident, reference)})
    staff = Client()
    staff.force_login(officer.user)
    page = staff.get(f"/cases/{reference}/").content.decode()
    assert "Code to check the complaint emailed" in page
    assert "progress checked with an emailed code" in page
