"""Through the API: a complaint's category is one of the landlord's (by name in any case, or
by id) and changes with an event; the definition states responsibility (5.7) and is
amended, before and after kept, until the stage is answered."""

from __future__ import annotations

import pytest

from redress.cases.models import Category
from redress.record.checks import today

from .factories import (
    POINT,
    STAGE2_POINT,
    assert_refused,
    case_in,
    events,
    new_resident,
    ok,
    open_case,
    sent,
    writes_nothing,
)

pytestmark = pytest.mark.django_db


def last_event(api, ref: str) -> dict:
    return events(api, ref)[-1]


def repairs() -> Category:
    return Category.objects.get(name="Repairs")


# --- the category ---------------------------------------------------------------------------


@pytest.mark.parametrize("given", ["repairs", "REPAIRS", " Repairs "])
def test_a_category_is_named_in_any_case(officer, given):
    ref = open_case(officer, category=given)
    case = ok(officer.get(f"/complaints/{ref}"))
    assert (case["category"], case["category_id"]) == ("Repairs", repairs().pk)
    assert events(officer, ref)[0]["payload"]["category"] == "Repairs"


@pytest.mark.parametrize("given", ["id", "digits"])
def test_a_category_is_named_by_its_id(officer, given):
    pk = repairs().pk
    ref = open_case(officer, category=pk if given == "id" else str(pk))
    assert ok(officer.get(f"/complaints/{ref}"))["category"] == "Repairs"


@pytest.mark.parametrize("given", ["Gas boilers", 999_999, "999999", 10**30], ids=repr)
def test_anything_but_the_landlords_category_is_422_naming_it(officer, given):
    resident = new_resident(officer)
    with writes_nothing():
        assert_refused(
            officer.post(
                "/complaints", {"resident_id": resident, "summary": "Leak", "category": given}
            ),
            422,
            "category",
            None,
        )


@pytest.mark.parametrize("given", ["", "   ", None], ids=repr)
def test_no_category_yet_is_blank(officer, given):
    ref = open_case(officer, category=given)
    assert ok(officer.get(f"/complaints/{ref}"))["category"] is None


def test_a_deactivated_category_is_refused(officer):
    Category.objects.filter(name="Lettings").update(active=False)
    resident = new_resident(officer)
    with writes_nothing():
        assert_refused(
            officer.post(
                "/complaints", {"resident_id": resident, "summary": "Leak", "category": "Lettings"}
            ),
            422,
            "category",
            None,
        )


def test_triage_files_it_on_accepting(officer):
    ref = open_case(officer)
    case = ok(officer.post(f"/complaints/{ref}/accept", {"category": "damp AND mould"}))
    assert case["category"] == "Damp and mould"
    assert last_event(officer, ref)["payload"]["category"] == {
        "before": None,
        "after": "Damp and mould",
    }


def test_accepting_with_an_unknown_category_writes_nothing(officer):
    ref = open_case(officer)
    with writes_nothing(officer, ref):
        assert_refused(
            officer.post(f"/complaints/{ref}/accept", {"category": "Plumbing"}),
            422,
            "category",
            None,
        )


def test_the_category_changes_with_an_event_before_and_after(officer):
    ref = open_case(officer, category="Repairs")
    case = ok(officer.post(f"/complaints/{ref}/category", {"category": "Staff conduct"}))
    assert case["category"] == "Staff conduct"
    event = last_event(officer, ref)
    assert event["action"] == "category_set"
    assert event["payload"] == {"before": "Repairs", "after": "Staff conduct"}


def test_a_closed_complaint_can_be_refiled(officer, second_handler):
    ref = case_in("closed", officer, second_handler)
    case = ok(officer.post(f"/complaints/{ref}/category", {"category": "Repairs"}))
    assert (case["status"], case["category"]) == ("closed", "Repairs")


@pytest.mark.parametrize(
    ("given", "words"),
    [("Repairs", "already filed under Repairs"), ("Plumbing", "one of the landlord's")],
)
def test_the_same_or_an_unknown_category_is_refused(officer, given, words):
    ref = open_case(officer, category="Repairs")
    with writes_nothing(officer, ref):
        error = assert_refused(
            officer.post(f"/complaints/{ref}/category", {"category": given}), 422, "category", None
        )
    assert words in error["message"]


# --- the definition -------------------------------------------------------------------------


def define(api, ref, path="acknowledge", **changes):
    """Acknowledge (sent another way today) or amend with the definition and `changes`."""
    body = {"points": [POINT], "outcomes_sought": ["Fix the damp"], **changes}
    if path == "acknowledge":
        body["communication"] = sent(today())
    return api.post(f"/complaints/{ref}/{path}", body)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({}, "responsible_for"),
        ({"responsible_for": ["The repair"]}, "not_responsible_for"),
        ({"not_responsible_for": ["The neighbour's leak"]}, "responsible_for"),
        (
            {"responsible_for_all": True, "not_responsible_for": ["The neighbour's leak"]},
            "not_responsible_for",
        ),
    ],
)
def test_acknowledging_needs_what_we_are_responsible_for(officer, changes, field):
    ref = case_in("stage1_accepted", officer)
    with writes_nothing(officer, ref):
        assert_refused(define(officer, ref, **changes), 422, field, "5.7")


def test_responsible_for_all_of_it(officer):
    ref = case_in("stage1_accepted", officer)
    case = ok(define(officer, ref, responsible_for_all=True))
    assert case["stages"][0]["definition"]["responsible_for_all"] is True


def test_the_definition_is_amended_with_before_and_after(officer):
    ref = case_in("stage1_acknowledged", officer)
    before = ok(officer.get(f"/complaints/{ref}"))["stages"][0]["definition"]
    case = ok(
        define(
            officer,
            ref,
            "definition",
            points=[POINT, "Mould in the hall"],
            responsible_for=["The repair"],
            not_responsible_for=["The neighbour's leak"],
        )
    )
    after = case["stages"][0]["definition"]
    assert after["points"] == [POINT, "Mould in the hall"]
    assert after["responsible_for_all"] is False
    event = last_event(officer, ref)
    assert event["action"] == "definition_amended"
    assert event["payload"] == {"stage": 1, "before": before, "after": after}
    # The response must now decide the new point too (6.7).
    error = assert_refused(
        officer.post(
            f"/complaints/{ref}/respond",
            {
                "decisions": [{"point": POINT, "decision": "upheld"}],
                "reasons": "Explained",
                "communication": sent(today()),
            },
        ),
        422,
        "decisions",
        "6.7",
    )
    assert "Mould in the hall" in error["message"]


def test_an_unchanged_definition_is_refused(officer):
    ref = case_in("stage1_acknowledged", officer)
    with writes_nothing(officer, ref):
        assert_refused(
            define(officer, ref, "definition", responsible_for_all=True), 422, "points", None
        )


def test_the_definition_stays_as_answered(officer):
    ref = case_in("stage1_responded", officer)
    with writes_nothing(officer, ref):
        error = assert_refused(
            define(officer, ref, "definition", responsible_for_all=True),
            409,
            None,
            "stage-answered",
        )
    assert "stage 1 has been answered" in error["message"]


def test_a_stage_1_person_does_not_amend_stage_2(officer, second_handler):
    ref = case_in("stage2_acknowledged", officer, second_handler)
    with writes_nothing(officer, ref):
        assert_refused(
            define(officer, ref, "definition", points=[STAGE2_POINT, "New"]),
            422,
            "actor",
            "6.13",
        )
    case = ok(
        define(
            second_handler,
            ref,
            "definition",
            points=[STAGE2_POINT, "New"],
            responsible_for_all=True,
        )
    )
    assert case["stages"][1]["definition"]["points"] == [STAGE2_POINT, "New"]
    # Stage 1's definition is as it was answered.
    assert case["stages"][0]["definition"]["points"] == [POINT]


# --- intake ---------------------------------------------------------------------------------


def contact(api, resident: int, **changes):
    return api.post(
        "/contacts",
        {
            "resident_id": resident,
            "channel": "phone",
            "classification": "complaint",
            "summary": "Damp in the bedroom",
            **changes,
        },
    )


def test_a_contact_that_is_a_complaint_takes_only_the_landlords_category(officer):
    resident = new_resident(officer)
    with writes_nothing():
        assert_refused(contact(officer, resident, category="Damp issues"), 422, "category", None)
    body = ok(contact(officer, resident, category="damp and mould"), 201)
    assert ok(officer.get(f"/complaints/{body['complaint']}"))["category"] == "Damp and mould"


@pytest.mark.parametrize(("label", "filed"), [("REPAIRS", "Repairs"), ("heating", None)])
def test_a_complaint_about_a_service_request_starts_in_its_category_if_the_landlord_has_it(
    officer, label, filed
):
    resident = new_resident(officer)
    request = ok(contact(officer, resident, classification="service_request", category=label), 201)[
        "service_request"
    ]
    body = ok(
        officer.post(
            f"/service-requests/{request}/complaints",
            {"summary": "Nobody came", "channel": "phone"},
        ),
        201,
    )
    assert ok(officer.get(f"/complaints/{body['complaint']}"))["category"] == filed
