"""Issuing letters through the API: the Code's required elements are checked before sending."""

from __future__ import annotations

import pytest
from django.core import mail

from redress.cases.tests.factories import (
    assert_refused,
    case_in,
    events,
    ok,
    open_case,
    writes_nothing,
)
from redress.code.london import london_date
from redress.letters.models import Letter

pytestmark = pytest.mark.django_db

BY_POST = {"how": "issue", "delivery": "post"}


def issue(api, ref, kind, delivery="post", **fields):
    return api.post(f"/complaints/{ref}/letters", {"kind": kind, "delivery": delivery, **fields})


def preview(api, ref, kind, **fields):
    return ok(api.post(f"/complaints/{ref}/letters/preview", {"kind": kind, **fields}))


def test_a_stage_response_cannot_go_while_e_and_f_are_unsaid(officer, responded):
    draft = preview(officer, responded, "stage_response")
    assert draft["missing"] == [
        {"element": "(e) the remedy offered, or that none is", "rule": "6.9"},
        {"element": "(f) the outstanding actions, or that there are none", "rule": "6.9"},
    ]
    with writes_nothing(officer, responded):
        error = assert_refused(issue(officer, responded, "stage_response"), 409, None, "6.9")
    assert "(e) the remedy offered" in error["message"]
    assert "(f) the outstanding actions" in error["message"]


def test_a_complete_stage_response_is_issued_stored_and_recorded(officer, responded):
    body = ok(
        issue(officer, responded, "stage_response", no_remedy=True, no_outstanding_actions=True),
        201,
    )
    assert body["kind"] == "stage_response" and body["stage"] == 1
    letter = Letter.objects.get(pk=body["id"])
    assert letter.pdf.startswith(b"%PDF")
    assert letter.sha256 == Letter.digest(letter.html, letter.text, bytes(letter.pdf))
    assert "Damp not fixed" in letter.html and "we agree (upheld)" in letter.html
    assert "stage 2" in letter.text and "check-a-complaint" in letter.text
    issued = [e for e in events(officer, responded) if e["action"] == "letter_issued"]
    assert issued[0]["payload"]["sha256"] == letter.sha256
    listed = ok(officer.get(f"/complaints/{responded}/letters"))
    assert [item["id"] for item in listed] == [letter.pk]
    case = ok(officer.get(f"/complaints/{responded}"))
    assert case["status"] == "stage1_responded"


def test_the_stage_2_response_points_to_the_ombudsman(officer, closed):
    body = ok(
        issue(officer, closed, "stage_response", no_remedy=True, no_outstanding_actions=True), 201
    )
    letter = Letter.objects.get(pk=body["id"])
    assert letter.stage == 2
    assert "Housing Ombudsman" in letter.text and "0300 111 3000" in letter.text


def test_an_acknowledgement_letter_goes_only_with_the_acknowledge_step(officer):
    """Issued on its own before the stage is acknowledged, the record would not count it;
    with the step, a definition lacking the responsibilities (which the letter needs) refuses
    the whole step, naming the field and 5.7, and nothing is written."""
    ref = case_in("stage1_accepted", officer)
    draft = preview(officer, ref, "acknowledgement")
    rules = {m["rule"] for m in draft["missing"]}
    assert {"5.6", "5.7", "6.2"} <= rules
    with writes_nothing(officer, ref):
        error = assert_refused(issue(officer, ref, "acknowledgement"), 422, "kind", None)
        assert "Acknowledge on the case page" in error["message"]
        body = {"points": ["Damp"], "outcomes_sought": ["Fix it"], "communication": BY_POST}
        error = assert_refused(
            officer.post(f"/complaints/{ref}/acknowledge", body), 422, "responsible_for", "5.7"
        )
    assert "say that we are responsible for all of it" in error["message"]


def test_an_acknowledgement_says_what_we_are_not_responsible_for(officer):
    ref = case_in("stage1_accepted", officer)
    case = ok(
        officer.post(
            f"/complaints/{ref}/acknowledge",
            {
                "points": ["Damp not fixed"],
                "outcomes_sought": ["Fix the damp"],
                "responsible_for": ["The repair"],
                "not_responsible_for": ["The neighbour's leak"],
                "communication": BY_POST,
            },
        )
    )
    letter = Letter.objects.get(complaint__reference=ref)
    assert "The neighbour&#39;s leak" in letter.html or "The neighbour's leak" in letter.html
    assert "Olive" in letter.text  # the named handler
    # The letter is what acknowledged the stage: its day, and the stage points at it.
    stage = case["stages"][0]
    issued = [e for e in events(officer, ref) if e["action"] == "letter_issued"][0]
    assert stage["acknowledgement_sent"] == issued["payload"]["correspondence"]
    assert stage["acknowledged_on"] == london_date(letter.issued_at).isoformat()
    # Now it is acknowledged, the letter may go again (a copy) from the letters page.
    ok(issue(officer, ref, "acknowledgement"), 201)


def test_a_refusal_letter_needs_a_refused_complaint(officer):
    ref = open_case(officer)
    assert_refused(issue(officer, ref, "refusal"), 409, None, "2.4")
    refused = case_in("refused", officer)
    letter = Letter.objects.get(pk=ok(issue(officer, refused, "refusal"), 201)["id"])
    assert "Court claim issued 1 September" in letter.text
    assert "Housing Ombudsman" in letter.text


def test_an_extension_notice_needs_the_ombudsmans_details(officer, settings):
    ref = case_in("stage1_acknowledged", officer)
    ok(
        officer.post(
            f"/complaints/{ref}/extensions",
            {"working_days": 5, "reason": "Waiting for a survey", "told_resident_on": "2026-10-15"},
        )
    )
    settings.REDRESS_OMBUDSMAN = dict.fromkeys(("name", "address", "phone", "email", "website"), "")
    assert_refused(issue(officer, ref, "extension"), 409, None, "6.5")
    settings.REDRESS_OMBUDSMAN = {
        "name": "Housing Ombudsman Service",
        "address": "PO Box 1484",
        "phone": "0300 111 3000",
        "email": "info@housing-ombudsman.org.uk",
        "website": "www.housing-ombudsman.org.uk",
    }
    letter = Letter.objects.get(pk=ok(issue(officer, ref, "extension"), 201)["id"])
    assert "Waiting for a survey" in letter.text and "26 October 2026" in letter.text
    assert "0300 111 3000" in letter.text


def test_a_clarification_needs_the_question(officer):
    ref = case_in("stage1_acknowledged", officer)
    assert_refused(issue(officer, ref, "clarification"), 409, None, "5.7")
    body = ok(issue(officer, ref, "clarification", question="Which room is damp?"), 201)
    assert "Which room is damp?" in Letter.objects.get(pk=body["id"]).text


def test_an_email_letter_is_sent_with_its_pdf(
    officer, responded, django_capture_on_commit_callbacks, queued_tasks
):
    with django_capture_on_commit_callbacks(execute=True):
        ok(
            issue(
                officer,
                responded,
                "stage_response",
                delivery="email",
                no_remedy=True,
                no_outstanding_actions=True,
            ),
            201,
        )
    assert mail.outbox == []  # queued for the worker, not sent by the request
    queued_tasks()
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["ada@example.org"] and responded in sent.subject
    name, content, mimetype = sent.attachments[0]
    assert mimetype == "application/pdf" and content.startswith(b"%PDF")
    assert any(e["action"] == "letter_delivered" for e in events(officer, responded))


def test_a_failing_mail_server_is_recorded(
    officer, responded, settings, django_capture_on_commit_callbacks, monkeypatch, queued_tasks
):
    def refuse(*args, **kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        ok(
            issue(
                officer,
                responded,
                "stage_response",
                delivery="email",
                no_remedy=True,
                no_outstanding_actions=True,
            ),
            201,
        )
    queued_tasks()
    failed = [e for e in events(officer, responded) if e["action"] == "letter_not_delivered"]
    assert "connection refused" in failed[0]["payload"]["error"]
    assert failed[0]["payload"]["attempt"] == 1 and failed[0]["payload"]["next_attempt_at"]


def test_email_needs_an_address(officer, make_staff):
    status, resident = officer.post("/residents", {"name": "Bo No-Email"})
    ref = case_in("stage1_responded", officer, resident=resident["id"])
    fields = {"no_remedy": True, "no_outstanding_actions": True}
    assert_refused(
        issue(officer, ref, "stage_response", delivery="email", **fields), 422, "delivery", None
    )


def test_unknown_kind_and_delivery_name_the_field(officer, responded):
    assert_refused(issue(officer, responded, "sonnet"), 422, "kind", None)
    assert_refused(issue(officer, responded, "update", delivery="pigeon"), 422, "delivery", None)


def test_another_handlers_case_is_not_found(officer, make_staff, responded):
    from redress.conftest import ApiClient

    stranger = ApiClient(make_staff("sam", "handler"))
    ok(officer.post(f"/complaints/{responded}/assign", {"handler_id": officer.user.pk}))
    assert stranger.post(f"/complaints/{responded}/letters/preview", {"kind": "update"})[0] == 404


def test_an_issued_letter_cannot_be_changed_or_deleted(officer, responded):
    body = ok(
        issue(officer, responded, "stage_response", no_remedy=True, no_outstanding_actions=True),
        201,
    )
    letter = Letter.objects.get(pk=body["id"])
    letter.subject = "Something else"
    with pytest.raises(TypeError):
        letter.save()
    with pytest.raises(TypeError):
        letter.delete()


def test_the_database_refuses_to_change_an_issued_letter(officer, responded):
    from django.db import DatabaseError, connection, transaction

    fields = {"no_remedy": True, "no_outstanding_actions": True}
    body = ok(issue(officer, responded, "stage_response", **fields), 201)
    update = "UPDATE letters_letter SET subject = 'x' WHERE id = %s"
    with (
        pytest.raises(DatabaseError, match="never changed"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(update, [body["id"]])
    assert Letter.objects.get(pk=body["id"]).subject != "x"
