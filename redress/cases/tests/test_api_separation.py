"""6.13 through the API: everyone who took part in stage 1 is refused stage 2 (issue 17).

Not only the last stage 1 handler and the responder: whoever was its handler at any
moment, acknowledged it, wrote or added to its definition, extended it or answered it.
Dates are the factories' (received 1 October 2026, escalated 20 October 2026).
"""

from __future__ import annotations

import datetime as dt

import pytest

from redress.cases.imports import import_tracker_rows
from redress.cases.models import Complaint
from redress.conftest import ApiClient
from redress.tracker.rows import TrackerRow

from .factories import (
    POINT,
    RESPONDED_AT,
    STAGE2_ACKNOWLEDGED_AT,
    STAGE2_POINT,
    STAGE2_RESPONDED_AT,
    acknowledge,
    assert_refused,
    case_in,
    escalate,
    events,
    ok,
    respond,
    same_team,
    sent,
    writes_nothing,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def priya(make_staff):
    return ApiClient(make_staff("priya", "handler"))


@pytest.fixture
def tess(make_staff):
    return ApiClient(make_staff("tess", "handler"))


@pytest.fixture
def team(officer, second_handler, priya, tess):
    """Olive, Hamid, Priya and Tess work together, so each may open the others' cases."""
    same_team(officer, second_handler, priya, tess)


def assign(officer, ref, api):
    return officer.post(f"/complaints/{ref}/assign", {"handler_id": api.user.pk})


def acknowledge_stage2(api, ref):
    return api.post(
        f"/complaints/{ref}/acknowledge",
        {
            "points": [STAGE2_POINT],
            "outcomes_sought": ["Fix it"],
            "responsible_for_all": True,
            "communication": sent(STAGE2_ACKNOWLEDGED_AT),
        },
    )


def assert_6_13(response, field: str) -> None:
    assert_refused(response, 422, field, "6.13")


def escalated_and_refused_to(officer, ref, api) -> None:
    """The resident escalates; giving `api`'s user stage 2 is refused, and writes nothing."""
    escalate(officer, ref)
    with writes_nothing(officer, ref):
        assert_6_13(assign(officer, ref, api), "handler_id")


@pytest.mark.usefixtures("team")
class TestTheIssueScenario:
    """Acknowledge as Hamid, reassign to Priya, Priya answers, escalate: Hamid was
    given stage 2 and answered it. Now he is refused at every turn."""

    @pytest.fixture
    def ref(self, officer, second_handler, priya):
        ref = case_in("stage1_accepted", officer)
        acknowledge(second_handler, ref)  # unassigned: Hamid takes it on
        ok(assign(officer, ref, priya))
        respond(priya, ref)
        escalate(officer, ref)
        return ref

    def test_he_is_not_assigned_stage_2(self, officer, second_handler, ref):
        with writes_nothing(officer, ref):
            assert_6_13(assign(officer, ref, second_handler), "handler_id")

    def test_he_does_not_take_stage_2_by_acknowledging_it(self, officer, second_handler, ref):
        with writes_nothing(officer, ref):
            assert_6_13(acknowledge_stage2(second_handler, ref), "handler")

    def test_he_does_not_answer_nor_extend_stage_2(self, officer, second_handler, tess, ref):
        acknowledge(tess, ref, STAGE2_ACKNOWLEDGED_AT, STAGE2_POINT)
        with writes_nothing(officer, ref):
            assert_6_13(
                second_handler.post(
                    f"/complaints/{ref}/respond",
                    {
                        "decisions": [{"point": STAGE2_POINT, "decision": "upheld"}],
                        "reasons": "x",
                        "communication": sent(STAGE2_RESPONDED_AT),
                    },
                ),
                "actor",
            )
            assert_6_13(
                second_handler.post(
                    f"/complaints/{ref}/extensions",
                    {"working_days": 5, "reason": "Survey", "told_resident_on": "2026-10-22"},
                ),
                "actor",
            )

    def test_the_responder_neither(self, officer, priya, ref):
        with writes_nothing(officer, ref):
            assert_6_13(assign(officer, ref, priya), "handler_id")

    def test_someone_else_takes_and_closes_it(self, officer, tess, ref):
        ok(assign(officer, ref, tess))
        acknowledge(tess, ref, STAGE2_ACKNOWLEDGED_AT, STAGE2_POINT)
        case = respond(tess, ref, "2026-11-16T10:00:00Z", STAGE2_POINT)
        assert case["status"] == "closed"


@pytest.mark.usefixtures("team")
def test_a_handler_for_a_moment_is_a_stage_1_person(officer, second_handler, priya):
    """Hamid was given stage 1 and had it taken away before doing anything."""
    ref = case_in("stage1_accepted", officer)
    ok(assign(officer, ref, second_handler))
    ok(assign(officer, ref, priya))
    acknowledge(priya, ref)
    respond(priya, ref)
    escalated_and_refused_to(officer, ref, second_handler)


@pytest.mark.usefixtures("team")
def test_whoever_wrote_the_definition_is_a_stage_1_person(officer, second_handler, priya):
    """Hamid acknowledged and defined Priya's case; it stayed hers."""
    ref = case_in("stage1_accepted", officer)
    ok(assign(officer, ref, priya))
    case = acknowledge(second_handler, ref)
    assert case["handler"] == priya.user.pk == case["stages"][0]["handler"]
    respond(priya, ref)
    escalated_and_refused_to(officer, ref, second_handler)


@pytest.mark.usefixtures("team")
def test_whoever_extended_stage_1_is_a_stage_1_person(officer, tess):
    ref = case_in("stage1_acknowledged", officer)
    ok(
        tess.post(
            f"/complaints/{ref}/extensions",
            {"working_days": 2, "reason": "Survey", "told_resident_on": "2026-10-06"},
        )
    )
    respond(officer, ref)
    escalated_and_refused_to(officer, ref, tess)


def respond_to_both(api, ref):
    decisions = [{"point": p, "decision": "upheld"} for p in (POINT, "Mould")]
    body = {"decisions": decisions, "reasons": "Missed", "communication": sent(RESPONDED_AT)}
    ok(api.post(f"/complaints/{ref}/respond", body))


@pytest.mark.usefixtures("team")
def test_adding_to_the_definition_makes_a_stage_1_person(officer, tess):
    ref = case_in("stage1_acknowledged", officer)
    ok(tess.post(f"/complaints/{ref}/issues", {"description": "Mould"}))
    respond_to_both(officer, ref)
    escalated_and_refused_to(officer, ref, tess)


@pytest.mark.usefixtures("team")
def test_logging_an_issue_or_accepting_before_the_definition_does_not(officer, tess, priya):
    """Not over-broad: who logged an issue before the acknowledgement, or accepted the
    complaint, did not consider it; they may take stage 2."""
    ref = case_in("stage1_accepted", officer)
    ok(tess.post(f"/complaints/{ref}/issues", {"description": "Mould"}))
    ok(assign(officer, ref, priya))
    acknowledge(priya, ref)
    respond(priya, ref)
    escalate(officer, ref)
    case = ok(assign(officer, ref, tess))
    assert case["handler"] == tess.user.pk


def test_acknowledging_an_unassigned_case_is_recorded_as_taking_it_on(officer, second_handler):
    ref = case_in("stage1_accepted", officer)
    case = acknowledge(second_handler, ref)
    assert case["handler"] == second_handler.user.pk
    taken = [e for e in events(officer, ref) if e["action"] == "assigned"]
    assert len(taken) == 1
    assert taken[0]["actor"] == "Hamid"
    assert taken[0]["payload"] == {"handler": second_handler.user.pk, "on_acknowledging": True}
    # When the acknowledgement was sent: 5 October, at noon in London as a day with no time.
    assert taken[0]["occurred_at"].startswith("2026-10-05T11:00:00")


def test_a_tracker_handler_is_matched_by_name(officer, second_handler, tess):
    """An imported case names its stage 1 handler; the user of that name may not take
    stage 2 (names match ignoring case and surrounding spaces, as in an audit)."""
    D = dt.date
    row = TrackerRow(
        line=2,
        reference="T-9",
        received=D(2026, 10, 1),
        stage1_acknowledged=D(2026, 10, 5),
        stage1_responded=D(2026, 10, 16),
        stage1_handler=" HAMID ",
        escalation_requested=D(2026, 10, 20),
    )
    import_tracker_rows([row])
    with writes_nothing(officer, "T-9"):
        assert_6_13(assign(officer, "T-9", second_handler), "handler_id")
    assert ok(assign(officer, "T-9", tess))["handler"] == tess.user.pk


def test_a_regime_without_the_provision_still_keeps_stage_2_apart(officer):
    """The SPSO model names no same-handler provision; stage 2 is still someone else's,
    and the refusal carries the rule's stable name."""
    ref = case_in("stage2_requested", officer)
    Complaint.objects.filter(reference=ref).update(regime="spso-model")
    with writes_nothing(officer, ref):
        assert_refused(assign(officer, ref, officer), 422, "handler_id", "separate-stages")
