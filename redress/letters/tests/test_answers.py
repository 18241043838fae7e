"""Acknowledging and answering in one step (`redress.letters.answers`): the letter is the
communication, a preview is the issue rolled back, and the dates are the communication's."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from redress.cases.models import Complaint, Correspondence
from redress.cases.tests.factories import (
    POINT,
    RESPONDED_AT,
    TODAY,
    case_in,
    row_counts,
    sent,
    writes_nothing,
)
from redress.code.letters import LetterKind
from redress.letters import answers
from redress.letters.models import Letter
from redress.letters.services import Draft, make_draft
from redress.record.errors import Refused
from redress.remedies import services as remedies

pytestmark = [pytest.mark.django_db, pytest.mark.today(TODAY)]

BY_POST = {"how": "issue", "delivery": "post"}
REMEDY = {
    "kind": "financial",
    "description": "Payment for the ruined carpet",
    "amount": "150",
    "due_on": dt.date(2026, 12, 4),
}
ACTION = {"description": "Treat the mould", "due_on": dt.date(2026, 12, 11)}


def answer(officer, ref, communication=BY_POST, **changes):
    arguments = {
        "decisions": [{"point": POINT, "decision": "upheld"}],
        "reasons": "The repair was missed",
        "remedies": [REMEDY],
        "outstanding_actions": [ACTION],
        **changes,
    }
    return answers.respond(ref, actor=officer.user, communication=communication, **arguments)


def test_the_preview_is_the_letter_issued_and_writes_nothing(officer):
    ref = case_in("stage1_acknowledged", officer)
    with writes_nothing(officer, ref):
        draft = answer(officer, ref, preview=True)
    assert isinstance(draft, Draft) and draft.missing == []
    assert "Payment for the ruined carpet (£150.00)" in draft.html
    assert "Treat the mould, by 11 December 2026" in draft.html
    answer(officer, ref)
    letter = Letter.objects.get(complaint__reference=ref)
    assert (letter.kind, letter.html, letter.subject) == (
        "stage_response",
        draft.html,
        draft.subject,
    )


def test_the_stage_is_answered_by_the_letter_on_its_day(officer):
    ref = case_in("stage1_acknowledged", officer)
    answer(officer, ref)
    stage = Complaint.objects.get(reference=ref).stages.get()
    letter = Letter.objects.get(complaint__reference=ref)
    assert stage.responded_on == TODAY
    assert stage.response_sent.occurred_at == letter.issued_at
    assert stage.response_sent.title == letter.subject
    assert stage.response == {
        "decisions": [{"point": POINT, "decision": "upheld"}],
        "reasons": "The repair was missed",
    }


def test_a_letter_lacking_an_element_refuses_the_whole_step(officer):
    """No remedy given and "none" not said: (e) is missing; nothing is written."""
    ref = case_in("stage1_acknowledged", officer)
    before = row_counts()
    with pytest.raises(Refused) as refused:
        answer(officer, ref, remedies=[], no_outstanding_actions=False)
    assert refused.value.rule == "6.9"
    assert "(e) the remedy offered, or that none is" in refused.value.message
    assert row_counts() == before
    assert not Letter.objects.exists()
    assert Complaint.objects.get(reference=ref).status == "stage1_acknowledged"


def test_none_is_said_only_where_there_is_none(officer):
    ref = case_in("stage1_acknowledged", officer)
    with pytest.raises(Refused) as refused:
        answer(officer, ref, no_remedy=True)
    assert refused.value.field == "no_remedy"
    answer(officer, ref, remedies=[], no_remedy=True)
    assert "We are not offering a remedy" in Letter.objects.get(complaint__reference=ref).html


def test_sent_another_way_is_dated_as_sent_and_keeps_its_copy(officer, media):
    ref = case_in("stage1_acknowledged", officer)  # acknowledged Monday 5 October 2026
    copy = SimpleUploadedFile("answer.pdf", b"%PDF-1.4 our answer", content_type="application/pdf")
    recorded = {
        "how": "recorded",
        "sent_on": dt.date(2026, 10, 16),
        "channel": "email",
        "file": copy,
    }
    answer(officer, ref, communication=recorded)
    stage = Complaint.objects.get(reference=ref).stages.get()
    item = stage.response_sent
    assert stage.responded_on == dt.date(2026, 10, 16)
    assert (item.kind, item.direction) == (Correspondence.Kind.EMAIL, "outgoing")
    assert item.title == "Stage 1 response, sent by email"
    assert item.file.read() == b"%PDF-1.4 our answer"
    assert not Letter.objects.exists()


@pytest.mark.parametrize(
    ("recorded", "field"),
    [
        (sent("2026-10-02"), "communication.sent_on"),  # before the acknowledgement
        (sent("2026-11-25"), "communication.sent_on"),  # tomorrow
        ({**sent(RESPONDED_AT), "note": ""}, "communication.note"),  # no copy
        ({**sent(RESPONDED_AT), "channel": "pigeon"}, "communication.channel"),
        ({"how": "issue"}, "communication.delivery"),
        ({}, "communication.how"),
    ],
)
def test_a_communication_out_of_order_or_without_a_copy_is_refused(officer, recorded, field):
    ref = case_in("stage1_acknowledged", officer)
    with writes_nothing(officer, ref), pytest.raises(Refused) as refused:
        answer(officer, ref, communication=recorded)
    assert refused.value.field == field


def test_a_remedy_put_right_later_is_in_the_remedy_offer_letter(officer):
    """Added through "Putting things right" after the response: the letters read the rows."""
    ref = case_in("stage1_responded", officer)
    remedies.add_remedy(
        ref,
        actor=officer.user,
        kind="apology",
        description="A written apology from the director",
        due_on=dt.date(2026, 12, 1),
        owner_user_id=officer.user.pk,
    )
    complaint = Complaint.objects.get(reference=ref)
    offer = make_draft(complaint, LetterKind.REMEDY_OFFER)
    assert offer.missing == []
    assert "A written apology from the director, by 1 December 2026" in offer.html
    response = make_draft(complaint, LetterKind.STAGE_RESPONSE, {"no_remedy": True})
    assert "A written apology from the director" in response.html
    assert "We are not offering a remedy" not in response.html
