"""A value the schema calls wrong is refused by name, not read leniently (issue 17, part 9).

Pydantic reads `true` as the number 1, `0` as false, a number as seconds since 1970 and a
time without its zone as a guess; the schema documents none of them, so schemathesis sent
them as invalid data and they were accepted: an action's updates every `true` working days,
a representative's authority recorded on 1 January 1970. The API's `Input` takes JSON
booleans, JSON integers, dates and times in the schema's formats, amounts as numbers or
digits, and any other value is a 422 naming the field; a finding or impact outside its
choices is refused even on a remedy that keeps none.
"""

from __future__ import annotations

import pytest

from redress.cases.tests.factories import (
    TODAY,
    assert_refused,
    case_in,
    new_resident,
    writes_nothing,
)

pytestmark = [pytest.mark.django_db, pytest.mark.today(TODAY)]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"received_at": 1_700_000_000}, "received_at"),
        ({"received_at": "2026-10-01T10:00:00"}, "received_at"),  # no offset
        ({"received_at": "2026-10-01 10:00:00Z"}, "received_at"),
        ({"issue_arose_on": 0}, "issue_arose_on"),
        ({"issue_arose_on": "2026-10-01T00:00:00Z"}, "issue_arose_on"),
        ({"resident_id": True}, "resident_id"),
        ({"resident_id": "1"}, "resident_id"),
        ({"resident_id": 1.0}, "resident_id"),
    ],
)
def test_a_value_of_another_type_or_form_is_refused(officer, changes, field):
    body = {"resident_id": new_resident(officer), "summary": "A leak", **changes}
    with writes_nothing():
        response = officer.post("/complaints", body)
    assert_refused(response, 422, field, None)


def test_times_with_their_offset_and_plain_dates_are_taken(officer):
    body = {
        "resident_id": new_resident(officer),
        "summary": "A leak",
        "received_at": "2026-10-01T10:00:00.5+01:00",
        "issue_arose_on": "2026-09-30",
    }
    code, complaint = officer.post("/complaints", body)
    assert code == 201, complaint
    assert complaint["received_on"] == "2026-10-01"


def test_a_yes_or_no_is_a_boolean(officer):
    ref = case_in("stage1_acknowledged", officer)
    body = {"kind": "acknowledgement", "large_print": 0}
    assert_refused(
        officer.post(f"/complaints/{ref}/letters/preview", body), 422, "large_print", None
    )


def remedy(officer, **changes) -> dict:
    return {
        "kind": "financial",
        "description": "Put right",
        "due_on": "2026-12-31",
        "owner_user_id": officer.user.pk,
        **changes,
    }


@pytest.mark.parametrize(
    ("amount", "taken"),
    [("150", True), ("150.5", True), (150.25, True), ("1e5", False), ("", False)],
)
def test_an_amount_is_a_number_or_its_digits(officer, amount, taken):
    ref = case_in("stage1_acknowledged", officer)
    body = remedy(officer, finding="service_failure", impact="adverse", distress=amount)
    code, answer = officer.post(f"/complaints/{ref}/remedies", body)
    if taken:
        assert code == 201, answer
    else:
        assert_refused((code, answer), 422, "distress", None)


def test_a_finding_outside_its_choices_is_refused_on_any_remedy(officer):
    ref = case_in("stage1_acknowledged", officer)
    with writes_nothing(officer, ref):
        response = officer.post(
            f"/complaints/{ref}/remedies", remedy(officer, kind="apology", finding="zzz")
        )
    assert_refused(response, 422, "finding", None)
