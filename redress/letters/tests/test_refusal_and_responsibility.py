"""The refusal letter reads the complaint's own refusal fields and is offered right after a
refusal; an acknowledgement says "all of it" when we are responsible for all of it (5.7)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from redress.cases.models import Complaint
from redress.cases.tests.factories import case_in, ok
from redress.code.letters import RESPONSIBLE_FOR_ALL, LetterKind
from redress.letters.facts import build_facts
from redress.letters.models import Letter

pytestmark = pytest.mark.django_db

REASON = "A claim about the same repair is before the county court"


@pytest.fixture
def refused(officer) -> str:
    ref = case_in("stage1_received", officer)
    ok(
        officer.post(
            f"/complaints/{ref}/refuse", {"exclusion": "legal_proceedings", "reason": REASON}
        )
    )
    return ref


def test_refusing_sets_the_complaints_reason(officer, refused):
    complaint = Complaint.objects.get(reference=refused)
    assert (complaint.exclusion, complaint.refusal_reason) == ("legal_proceedings", REASON)
    assert ok(officer.get(f"/complaints/{refused}"))["refusal_reason"] == REASON


def test_the_refusal_letter_reads_the_field_not_the_event(refused):
    # The field is the fact's one home: what it says is what the letter says.
    Complaint.objects.filter(reference=refused).update(refusal_reason="Read from the field")
    facts = build_facts(Complaint.objects.get(reference=refused), LetterKind.REFUSAL)
    assert facts["refusal"] == {
        "reason": "Read from the field",
        "exclusion": "Legal proceedings filed",
    }


def test_the_case_page_offers_the_refusal_letter_until_one_is_issued(client, officer, refused):
    client.force_login(officer.user)
    page = client.get(reverse("cases:case", args=[refused])).content.decode()
    assert REASON in page  # the reason given, from the field
    link = f'href="{reverse("letters:new", args=[refused])}?kind=refusal"'
    assert link in page and "Write the refusal letter" in page
    # The link opens the letter page with the refusal chosen.
    letter_page = client.get(f"/letters/{refused}/new/?kind=refusal").content.decode()
    assert '<option value="refusal" selected>' in letter_page

    response = client.post(f"/letters/{refused}/new/", {"kind": "refusal", "delivery": "post"})
    assert response.status_code == 303
    assert REASON in Letter.objects.get(complaint__reference=refused).text
    page = client.get(reverse("cases:case", args=[refused])).content.decode()
    assert "Write the refusal letter" not in page


def test_an_open_case_offers_no_refusal_letter(client, officer):
    ref = case_in("stage1_accepted", officer)
    client.force_login(officer.user)
    assert (
        "Write the refusal letter"
        not in client.get(reverse("cases:case", args=[ref])).content.decode()
    )


def test_all_of_it_reads_as_what_we_are_responsible_for(officer):
    ref = case_in("stage1_acknowledged", officer)  # acknowledged as responsible for all of it
    facts = build_facts(Complaint.objects.get(reference=ref), LetterKind.ACKNOWLEDGEMENT)
    assert facts["definition"]["responsible_for"] == [RESPONSIBLE_FOR_ALL]
    assert facts["definition"]["responsible_for_all"] is True
    body = ok(
        officer.post(f"/complaints/{ref}/letters", {"kind": "acknowledgement", "delivery": "post"}),
        201,
    )
    assert RESPONSIBLE_FOR_ALL in Letter.objects.get(pk=body["id"]).text


@pytest.mark.parametrize(
    ("kind", "field", "error"),
    [
        ("clarification", "question", "Enter the question for the resident"),
        ("update", "update_text", "Enter the update: what has happened since"),
    ],
)
def test_the_letter_form_asks_for_what_its_letter_needs(client, officer, kind, field, error):
    ref = case_in("stage1_acknowledged", officer)
    client.force_login(officer.user)
    response = client.post(f"/letters/{ref}/new/", {"kind": kind})
    assert response.status_code == 422
    page = response.content.decode()
    assert error in page
    assert not Letter.objects.exists()
