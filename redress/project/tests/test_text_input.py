"""Required text must be real text, through the API and the pages alike (issue 17, part 5).

A zero-width space, a byte-order mark or a control character is not an answer: the API and
every form normalise what comes in once (redress/code/text.py), and a required answer that
is empty after that is refused by name, with the Code's provision. A NUL or a lone
surrogate, which no database stores, is a 422 naming the field, never a 500.
"""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from redress.cases.models import Complaint, Extension
from redress.cases.tests.factories import (
    POINT,
    RESPONDED_AT,
    assert_refused,
    by_letter,
    case_in,
    new_resident,
    open_case,
    sent,
    writes_nothing,
)
from redress.intake.tests.test_views_public import form_data

pytestmark = pytest.mark.django_db

# Looks typed, is not: a zero-width space, a word joiner, a byte-order mark and a bell.
BLANK = " \u200b\u2060\ufeff\x07 "


def test_a_summary_of_invisible_characters_is_refused_5_6(officer):
    resident = new_resident(officer)
    with writes_nothing():
        response = officer.post(
            "/complaints", {"resident_id": resident, "summary": BLANK, "channel": "phone"}
        )
    assert_refused(response, 422, "summary", "5.6")


def test_an_extension_reason_of_invisible_characters_is_refused_6_4(officer):
    ref = case_in("stage1_accepted", officer)
    body = {"working_days": 5, "reason": BLANK, "told_resident_on": "2026-10-06"}
    with writes_nothing(officer, ref):
        response = officer.post(f"/complaints/{ref}/extensions", body)
    assert_refused(response, 422, "reason", "6.4")


def test_response_reasons_of_invisible_characters_are_refused_6_7(officer):
    ref = case_in("stage1_acknowledged", officer)
    body = {
        "decisions": [{"point": POINT, "decision": "upheld"}],
        "reasons": BLANK,
        "communication": sent(RESPONDED_AT),
    }
    with writes_nothing(officer, ref):
        response = officer.post(f"/complaints/{ref}/respond", body)
    assert_refused(response, 422, "reasons", "6.7")


def test_text_is_stored_normalised_with_its_lines(officer):
    ref = open_case(officer, summary="\ufeff Damp\u200b in the\r\nbedroom \u00a0")
    assert Complaint.objects.get(reference=ref).summary == "Damp in the\nbedroom"


def _raw(api, path: str, text: str):
    """POST a JSON body written by hand, so it can hold what json.dumps would not make."""
    response = api.client.post(f"/api/v1{path}", data=text, content_type="application/json")
    return response.status_code, response.json()


@pytest.mark.parametrize("bad", ["\\ud800", "\\udfff", "\\u0000"])
def test_a_lone_surrogate_or_nul_is_a_422_naming_the_field(officer, bad):
    resident = new_resident(officer)
    ref = case_in("stage1_acknowledged", officer)
    cases = [
        ("/complaints", f'{{"resident_id": {resident}, "summary": "Leak {bad}"}}', "summary"),
        ("/residents", f'{{"name": "Ada", "phone": "{bad}"}}', "phone"),
        (
            f"/complaints/{ref}/respond",
            f'{{"decisions": [{{"point": "{bad}", "decision": "upheld"}}], "reasons": "x"}}',
            "decisions.0.point",
        ),
        (f"/complaints/{ref}/issues", f'{{"description": "a{bad}b"}}', "description"),
    ]
    for path, body, field in cases:
        json.loads(body)  # valid JSON: the refusal is of the text, not the syntax
        with writes_nothing(officer, ref):
            status, error = _raw(officer, path, body)
        assert status == 422, (path, error)
        assert error["error"]["field"] == field, (path, error)


def test_a_list_item_with_a_surrogate_is_refused_by_its_list(officer):
    ref = case_in("stage1_accepted", officer)
    body = '{"points": ["Damp", "\\udc00"], "outcomes_sought": ["Fix it"]}'
    with writes_nothing(officer, ref):
        status, error = _raw(officer, f"/complaints/{ref}/acknowledge", body)
    assert status == 422 and error["error"]["field"] == "points", error


def test_a_surrogate_in_a_form_field_of_the_api_is_refused(officer):
    ref = open_case(officer)
    with writes_nothing(officer, ref):
        status, error = officer.upload(
            f"/complaints/{ref}/attachments",
            {"kind": "letter", "direction": "incoming", "title": "\u200b", "body": "Hello"},
        )
    assert status == 422 and error["error"]["field"] == "title", error


# --- the pages ----------------------------------------------------------------------------


@pytest.fixture
def staff_page(client, make_staff):
    user = make_staff("olive-pages", "complaints officer")
    client.force_login(user)
    return client


def test_the_extension_form_refuses_a_reason_of_invisible_characters(staff_page, officer):
    ref = case_in("stage1_accepted", officer)
    before = Extension.objects.filter(stage__complaint__reference=ref).count()
    response = staff_page.post(
        reverse("cases:command", args=[ref, "extend"]),
        {
            "extend-working_days": "5",
            "extend-reason": BLANK,
            "extend-told_resident_on_day": "6",
            "extend-told_resident_on_month": "10",
            "extend-told_resident_on_year": "2026",
        },
    )
    assert response.status_code == 422
    assert "Enter the reason for the extension" in response.content.decode()
    assert Extension.objects.filter(stage__complaint__reference=ref).count() == before


def test_a_form_refuses_a_nul_on_its_field(staff_page, officer):
    ref = case_in("stage1_accepted", officer)
    response = staff_page.post(
        reverse("cases:command", args=[ref, "request_clarification"]),
        {"request_clarification-question": "Which\x00 room?"},
    )
    assert response.status_code == 422
    assert "Question must not contain a NUL character" in response.content.decode()


def test_the_public_form_refuses_invisible_answers_and_keeps_lines(client):
    response = client.post("/make-a-complaint/", form_data(what_happened=BLANK))
    assert response.status_code == 200
    assert "Tell us what happened" in response.content.decode()
    assert not Complaint.objects.exists()
    typed = "Mould\u200b in the bedroom\r\nfor months\x07"
    assert client.post("/make-a-complaint/", form_data(what_happened=typed)).status_code == 303
    assert Complaint.objects.get().summary.startswith("Mould in the bedroom\nfor months\n")


def test_every_form_normalises_its_text():
    """Every form a page uses is a TextForm: one added on plain forms.Form fails here."""
    from django import forms
    from django.urls import get_resolver

    from redress.ui.forms import TextForm

    assert get_resolver().url_patterns  # imports every view, and so every form a page uses

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    ours = {f for f in subclasses(forms.BaseForm) if f.__module__.startswith("redress.")}
    assert len(ours) > 30
    plain = sorted(f"{f.__module__}.{f.__qualname__}" for f in ours if not issubclass(f, TextForm))
    assert not plain, f"forms that do not normalise their text: {plain}"


# --- the services -------------------------------------------------------------------------


def test_a_service_tests_the_normalised_text_whoever_calls_it(make_staff):
    """A required text is checked normalised in the service too (record/checks.py), for
    callers other than a form or the API: an import, a command, a test."""
    from redress.cases import services
    from redress.cases.tests.test_views_case import open_case as open_by_service
    from redress.record.errors import Refused

    officer = make_staff("olive-services", "complaints officer")
    complaint = open_by_service(officer)
    services.accept(complaint.reference, actor=officer)
    extension = {"working_days": 5, "told_resident_on": complaint.received_on}
    with pytest.raises(Refused) as refused:
        services.extend(complaint.reference, actor=officer, reason=BLANK, **extension)
    assert (refused.value.field, refused.value.rule) == ("reason", "6.4")
    with pytest.raises(Refused) as refused:
        services.extend(complaint.reference, actor=officer, reason="a\x00", **extension)
    assert refused.value.field == "reason"
    with pytest.raises(Refused) as refused:
        services.acknowledge(
            complaint.reference,
            actor=officer,
            points=[BLANK],
            outcomes_sought=["Fix"],
            communication=by_letter(),
            responsible_for_all=True,
        )
    assert refused.value.field == "points"
