"""Adjustments (5.10) and restrictions (5.14) through the API: review dates within bounds,
and reviews that keep, change or end one, each an event; nothing is deleted."""

from __future__ import annotations

import datetime as dt

import pytest

from redress.cases.tests.factories import assert_refused, new_resident, ok, writes_nothing
from redress.intake.models import BehaviourRestriction, ReasonableAdjustment
from redress.record.models import Event

pytestmark = [pytest.mark.django_db, pytest.mark.today(dt.date(2026, 12, 2))]

TODAY = dt.date(2026, 12, 2)
IN_A_MONTH = "2027-01-04"
ADJUSTMENT = {"adjustment": "Large print letters", "disability_disclosed": "Sight loss"}
RESTRICTION = {"restriction": "Contact by email only", "evidence": "Abusive calls on 3 Nov"}


def record(api, resident: int, need: str, review_on: str = IN_A_MONTH):
    body = {**(ADJUSTMENT if need == "adjustment" else RESTRICTION), "review_on": review_on}
    return api.post(f"/residents/{resident}/{need}s", body)


def review(api, resident: int, need: str, item: int, **changes):
    body = {
        f"{need}_id": item,
        "outcome": "kept",
        "note": "Spoke to her: still needed",
        "next_review_on": "2027-06-01",
        **changes,
    }
    return api.post(f"/residents/{resident}/{need}-reviews", body)


@pytest.mark.parametrize(
    ("need", "rule", "latest"),
    [("adjustment", "5.10", "2028-12-02"), ("restriction", "5.14", "2027-12-02")],
)
def test_a_review_date_in_2036_or_past_the_bound_is_refused_by_name(officer, need, rule, latest):
    resident = new_resident(officer)
    for day in ("2036-01-01", (dt.date.fromisoformat(latest) + dt.timedelta(days=1)).isoformat()):
        with writes_nothing():
            error = assert_refused(record(officer, resident, need, day), 422, "review_on", rule)
        assert "at the latest" in error["message"]
    ok(record(officer, resident, need, latest), 201)


@pytest.mark.parametrize("need", ["adjustment", "restriction"])
def test_kept_moves_the_review_on_and_is_an_event(officer, need):
    resident = new_resident(officer)
    item = ok(record(officer, resident, need), 201)["id"]
    body = ok(review(officer, resident, need, item), 201)
    assert body == {"id": item, "review_on": "2027-06-01", "ended_on": None}
    event = Event.objects.filter(subject_kind="resident", subject_id=resident).last()
    assert event.action == f"{need}_reviewed"
    assert event.payload == {
        "kind": need,
        "item": item,
        "outcome": "kept",
        "note": "Spoke to her: still needed",
        "due_on": IN_A_MONTH,
        "next_review_on": "2027-06-01",
    }


def test_changed_rewords_it_and_keeps_both_sides(officer):
    resident = new_resident(officer)
    item = ok(record(officer, resident, "adjustment"), 201)["id"]
    ok(review(officer, resident, "adjustment", item, outcome="changed", changed_to="Braille"), 201)
    assert ReasonableAdjustment.objects.get(pk=item).adjustment == "Braille"
    event = Event.objects.filter(action="adjustment_reviewed").get()
    assert (event.payload["before"], event.payload["after"]) == ("Large print letters", "Braille")


def test_ended_keeps_the_row_and_stops_counting_it(officer):
    resident = new_resident(officer)
    item = ok(record(officer, resident, "restriction"), 201)["id"]
    ok(record(officer, resident, "adjustment"), 201)
    body = ok(
        review(officer, resident, "restriction", item, outcome="ended", next_review_on=None), 201
    )
    assert body["ended_on"] == TODAY.isoformat()
    assert BehaviourRestriction.objects.get(pk=item).ended_on == TODAY
    assert ok(officer.get(f"/residents/{resident}"))["support_needs"] == {
        "adjustments": 1,
        "restrictions": 0,
    }
    shown = ok(officer.post(f"/residents/{resident}/support-needs", {"reason": "review"}))
    assert shown["restrictions"] == [] and len(shown["adjustments"]) == 1
    # Ended is ended: a second review is refused (the state, not a field).
    with writes_nothing():
        assert_refused(review(officer, resident, "restriction", item), 409, None, "5.14")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"next_review_on": "2036-01-01"}, "next_review_on"),
        ({"next_review_on": "2027-12-03"}, "next_review_on"),  # over 12 months
        ({"next_review_on": TODAY.isoformat()}, "next_review_on"),
        ({"next_review_on": None}, "next_review_on"),
        ({"outcome": "ended", "next_review_on": "2027-06-01"}, "next_review_on"),
        ({"note": "  "}, "note"),
        ({"outcome": "changed", "changed_to": ""}, "changed_to"),
        ({"outcome": "changed", "changed_to": "Contact by email only"}, "changed_to"),
        ({"changed_to": "Phone only"}, "changed_to"),
    ],
)
def test_refused_reviews_name_the_field_and_change_nothing(officer, changes, field):
    resident = new_resident(officer)
    item = ok(record(officer, resident, "restriction"), 201)["id"]
    before = BehaviourRestriction.objects.values().get(pk=item)
    with writes_nothing():
        assert_refused(
            review(officer, resident, "restriction", item, **changes), 422, field, "5.14"
        )
    assert BehaviourRestriction.objects.values().get(pk=item) == before


def test_an_outcome_outside_the_three_is_refused(officer):
    resident = new_resident(officer)
    item = ok(record(officer, resident, "adjustment"), 201)["id"]
    status, body = review(officer, resident, "adjustment", item, outcome="deleted")
    assert status == 422 and body["error"]["field"] == "outcome"


def test_another_resident_s_adjustment_is_not_found(officer):
    mine, theirs = new_resident(officer), new_resident(officer, "Bea Smith")
    item = ok(record(officer, theirs, "adjustment"), 201)["id"]
    with writes_nothing():
        assert_refused(review(officer, mine, "adjustment", item), 404, "adjustment_id", None)
