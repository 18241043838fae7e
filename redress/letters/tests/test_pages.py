"""The letter page on a case, and every kind of letter read back from its PDF and Word files."""

from __future__ import annotations

import io
import re
import subprocess

import docx
import pytest

from redress.cases.tests.factories import (
    RESPONDED_AT,
    STAGE2_ACKNOWLEDGED_AT,
    TODAY,
    case_in,
    ok,
    sent,
)
from redress.letters.models import Letter

pytestmark = pytest.mark.django_db

ISSUABLE = {"no_remedy": "on", "no_outstanding_actions": "on"}


@pytest.fixture
def signed_in(client, officer):
    client.force_login(officer.user)
    return client


def test_the_case_page_lists_letters_and_offers_one(signed_in, responded):
    page = signed_in.get(f"/cases/{responded}/").content.decode()
    assert "No letters have been issued yet." in page
    assert f'href="/letters/{responded}/new/"' in page


def test_preview_names_what_is_missing_and_offers_no_issue_button(signed_in, responded):
    page = signed_in.post(f"/letters/{responded}/new/", {"kind": "stage_response"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "(e) the remedy offered, or that none is (Code provision 6.9)" in html
    assert "Issue by email" not in html
    assert "Damp not fixed" in html  # the preview itself


def test_issuing_for_post_from_the_page(signed_in, responded):
    preview = signed_in.post(f"/letters/{responded}/new/", {"kind": "stage_response", **ISSUABLE})
    assert "Issue for post" in preview.content.decode()
    issued = signed_in.post(
        f"/letters/{responded}/new/", {"kind": "stage_response", "delivery": "post", **ISSUABLE}
    )
    assert issued.status_code == 303 and issued.url.endswith("#letters")
    letter = Letter.objects.get()
    assert letter.delivery == "post" and "Ada Jones" in letter.recipient
    page = signed_in.get(f"/cases/{responded}/").content.decode()
    assert "Stage response" in page and f"/letters/issued/{letter.pk}.pdf" in page
    # The resident's status page lists it among letters sent.
    assert letter.subject in [c.title for c in letter.complaint.correspondence.all()]


def test_issuing_a_letter_that_lacks_something_is_refused_on_the_page(signed_in, responded):
    refused = signed_in.post(
        f"/letters/{responded}/new/", {"kind": "stage_response", "delivery": "post"}
    )
    assert refused.status_code == 409
    assert "cannot be issued without" in refused.content.decode()
    assert not Letter.objects.exists()


def test_files_are_served_only_to_those_who_may_open_the_case(
    signed_in, client, officer, make_staff, responded
):
    signed_in.post(
        f"/letters/{responded}/new/", {"kind": "stage_response", "delivery": "post", **ISSUABLE}
    )
    letter = Letter.objects.get()
    pdf = signed_in.get(f"/letters/issued/{letter.pk}.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content == bytes(letter.pdf)
    assert "attachment;" in pdf["Content-Disposition"]
    word = signed_in.get(f"/letters/issued/{letter.pk}.docx")
    assert "wordprocessingml" in word["Content-Type"]
    text = signed_in.get(f"/letters/issued/{letter.pk}.txt").content.decode()
    assert text == letter.text
    ok(officer.post(f"/complaints/{responded}/assign", {"handler_id": officer.user.pk}))
    client.force_login(make_staff("sam", "handler"))
    assert client.get(f"/letters/issued/{letter.pk}.pdf").status_code == 404
    assert client.get(f"/letters/{responded}/new/").status_code == 404


def pdf_text(content: bytes) -> str:
    result = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    )
    return re.sub(r"\s+", " ", result.stdout.decode())


def word_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    return re.sub(r"\s+", " ", " ".join(p.text for p in document.paragraphs))


# Each kind, in a state it is written in, with what its files must say.
KINDS = [
    ("acknowledgement", "stage1_accepted", {}, ["Damp not fixed", "The repair", "Olive"]),
    ("acknowledgement", "stage2_requested", {}, ["stage 2", "Still damp", "Hamid"]),
    ("clarification", "stage1_acknowledged", {"question": "Which room?"}, ["Which room?"]),
    ("refusal", "refused", {}, ["Court claim issued", "Housing Ombudsman"]),
    ("update", "stage1_acknowledged", {"update_text": "Survey booked"}, ["Survey booked"]),
    ("stage_response", "stage1_responded", ISSUABLE, ["stage 1", "upheld", "stage 2"]),
    ("stage_response", "closed", ISSUABLE, ["stage 2", "final answer", "0300 111 3000"]),
    ("stage_response", "remedied", {}, ["£150.00", "Treat the mould", "1 December 2026"]),
    ("remedy_offer", "remedied", {}, ["£150.00", "by 30 November 2026"]),
    ("action_update", "remedied", {}, ["Treat the mould", "due by 1 December 2026"]),
]


def remedied(officer) -> str:
    """Stage 1 answered with a financial remedy and an outstanding action."""
    ref = case_in("stage1_acknowledged", officer)
    ok(
        officer.post(
            f"/complaints/{ref}/respond",
            {
                "decisions": [{"point": "Damp not fixed", "decision": "upheld"}],
                "reasons": "The repair was missed",
                "remedies": [
                    {
                        "kind": "financial",
                        "description": "Time and trouble payment",
                        "amount": "150.00",
                        "due_on": "2026-11-30",
                    }
                ],
                "outstanding_actions": [{"description": "Treat the mould", "due_on": "2026-12-01"}],
                "communication": sent(RESPONDED_AT),
            },
        )
    )
    return ref


@pytest.mark.parametrize(("kind", "state", "fields", "says"), KINDS)
def test_every_letter_reads_right_in_pdf_and_word(
    signed_in, officer, second_handler, kind, state, fields, says
):
    ref = remedied(officer) if state == "remedied" else case_in(state, officer, second_handler)
    if kind == "acknowledgement":  # acknowledged with what we are responsible for (5.7)
        acknowledger = officer if state == "stage1_accepted" else second_handler
        ok(
            acknowledger.post(
                f"/complaints/{ref}/acknowledge",
                {
                    "points": ["Still damp"] if "2" in state else ["Damp not fixed"],
                    "outcomes_sought": ["Fix it"],
                    "responsible_for": ["The repair"],
                    "communication": sent(STAGE2_ACKNOWLEDGED_AT),
                    "not_responsible_for": ["The neighbour's leak"],
                },
            )
        )
    response = signed_in.post(f"/letters/{ref}/new/", {"kind": kind, "delivery": "post", **fields})
    assert response.status_code == 303, response.content.decode()[:2000]
    letter = Letter.objects.get(complaint__reference=ref)
    from_pdf = pdf_text(bytes(letter.pdf))
    from_word = word_text(signed_in.get(f"/letters/issued/{letter.pk}.docx").content)
    for text in [ref, "Ada Jones", "sent by post", *says]:
        assert text in from_pdf, (text, from_pdf[:800])
        assert text in from_word, (text, from_word[:800])


@pytest.mark.today(TODAY)  # before the adjustment's review date
@pytest.mark.parametrize(("letters_in", "large"), [("large_print", True), ("braille", False)])
def test_a_recorded_letter_format_is_honoured(signed_in, officer, letters_in, large):
    resident = ok(officer.post("/residents", {"name": "Ada Jones"}), 201)["id"]
    ok(
        officer.post(
            f"/residents/{resident}/adjustments",
            {"adjustment": "Letters", "review_on": "2027-06-01", "letters_in": letters_in},
        ),
        201,
    )
    ref = case_in("stage1_responded", officer, resident=resident)
    page = signed_in.post(f"/letters/{ref}/new/", {"kind": "stage_response", **ISSUABLE})
    assert ("large print (18 point)" if large else "as braille") in page.content.decode()
    signed_in.post(
        f"/letters/{ref}/new/", {"kind": "stage_response", "delivery": "post", **ISSUABLE}
    )
    assert Letter.objects.get(complaint__reference=ref).large_print is large


def test_an_unknown_letter_format_is_refused(officer):
    resident = ok(officer.post("/residents", {"name": "Ada Jones"}), 201)["id"]
    status, body = officer.post(
        f"/residents/{resident}/adjustments",
        {"adjustment": "Letters", "review_on": "2027-06-01", "letters_in": "smoke signals"},
    )
    assert status == 422 and body["error"]["field"] == "letters_in"


@pytest.mark.parametrize("kind", ["stage_response", "remedy_offer", "action_update"])
def test_the_shipped_letters_pass_their_own_plain_language_checks(officer, kind):
    from redress.cases.models import Complaint
    from redress.code.letters import LetterKind
    from redress.letters.services import make_draft

    complaint = Complaint.objects.get(reference=remedied(officer))
    draft = make_draft(complaint, LetterKind(kind))
    assert draft.warnings == []
