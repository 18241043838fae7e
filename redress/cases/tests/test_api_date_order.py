"""Dates stay in order across stages (issue 17): receipt, acknowledgement, response,
escalation, stage 2 acknowledgement, response, closure.

The factories' dates: received 1 October 2026, acknowledged 5 October, stage 1
response 16 October, escalated 20 October, stage 2 acknowledged 21 October.
"""

from __future__ import annotations

import pytest

from .factories import (
    assert_refused,
    case_in,
    events,
    ok,
    writes_nothing,
)

pytestmark = pytest.mark.django_db


def refused_for_order(response, field: str = "occurred_at") -> str:
    return assert_refused(response, 422, field, "5.12")["message"]


def correct(api, ref, action: str, occurred_at: str, stage: int = 1):
    event = next(
        e
        for e in events(api, ref)
        if e["action"] == action and e["payload"].get("stage", stage) == stage
    )
    return api.post(
        f"/complaints/{ref}/corrections",
        {"event_id": event["id"], "occurred_at": occurred_at, "reason": "Typed wrongly"},
    )


class TestCommands:
    def test_close_before_the_stage_1_response(self, officer):
        ref = case_in("stage1_responded", officer)
        with writes_nothing(officer, ref):
            message = refused_for_order(
                officer.post(f"/complaints/{ref}/close", {"occurred_at": "2026-10-09T10:00:00Z"})
            )
        assert message == "cannot be before the stage 1 response (16 October 2026)"

    def test_close_on_the_day_of_the_response(self, officer):
        ref = case_in("stage1_responded", officer)
        case = ok(officer.post(f"/complaints/{ref}/close", {"occurred_at": "2026-10-16T16:00:00Z"}))
        assert case["status"] == "closed"

    @pytest.mark.parametrize(
        ("path", "body"),
        [
            (
                "extensions",
                {"working_days": 2, "reason": "Survey", "told_resident_on": "2026-10-21"},
            ),
            ("conflicts", {"description": "Knows the resident", "handling": "Declared"}),
            ("clarification-requests", {"question": "Which room?"}),
            ("update-intervals", {"every_working_days": 5, "agreed_on": "2026-10-21"}),
        ],
    )
    def test_stage_2_work_before_the_escalation(self, officer, second_handler, path, body):
        ref = case_in("stage2_acknowledged", officer, second_handler)
        dated = {**body, "occurred_at": "2026-10-19T10:00:00Z"}
        with writes_nothing(officer, ref):
            message = refused_for_order(second_handler.post(f"/complaints/{ref}/{path}", dated))
        assert message == "cannot be before the escalation to stage 2 (20 October 2026)"

    def test_stage_2_handler_assigned_before_the_escalation(self, officer, make_staff):
        ref = case_in("stage2_requested", officer)
        tess = make_staff("tess", "handler")
        with writes_nothing(officer, ref):
            refused_for_order(
                officer.post(
                    f"/complaints/{ref}/assign",
                    {"handler_id": tess.pk, "occurred_at": "2026-10-19T10:00:00Z"},
                )
            )
        ok(officer.post(f"/complaints/{ref}/assign", {"handler_id": tess.pk}))

    def test_update_interval_agreed_before_the_stage_began(self, officer, second_handler):
        ref = case_in("stage2_acknowledged", officer, second_handler)
        body = {"every_working_days": 5, "agreed_on": "2026-10-19"}
        with writes_nothing(officer, ref):
            message = refused_for_order(
                second_handler.post(f"/complaints/{ref}/update-intervals", body), "agreed_on"
            )
        assert "escalation to stage 2" in message

    def test_a_stage_1_letter_may_be_attached_at_stage_2(self, officer, second_handler):
        """Correspondence follows the receipt only: an old letter is put on the case late."""
        ref = case_in("stage2_acknowledged", officer, second_handler)
        code, item = officer.upload(
            f"/complaints/{ref}/attachments",
            {
                "kind": "letter",
                "direction": "outgoing",
                "title": "Stage 1 response",
                "body": "Dear Ms Jones",
                "occurred_at": "2026-10-16T10:00:00Z",
            },
        )
        assert code == 201, item


class TestCorrections:
    def test_escalation_moved_before_the_receipt(self, officer, second_handler):
        """Issue 17: a correction moved a stage 2 request to a month before receipt."""
        ref = case_in("stage2_acknowledged", officer, second_handler)
        with writes_nothing(officer, ref):
            message = refused_for_order(correct(officer, ref, "escalated", "2026-09-01T10:00:00Z"))
        assert message == (
            "the corrected date would put the escalation to stage 2 (1 September 2026) "
            "before the stage 1 response (16 October 2026)"
        )

    def test_stage_1_response_moved_after_the_escalation(self, officer):
        ref = case_in("stage2_requested", officer)
        with writes_nothing(officer, ref):
            message = refused_for_order(correct(officer, ref, "responded", "2026-10-22T10:00:00Z"))
        assert "put the escalation to stage 2 (20 October 2026) before the stage 1 response" in (
            message
        )

    def test_stage_1_response_moved_after_the_closure(self, officer):
        ref = case_in("stage1_responded", officer)
        ok(officer.post(f"/complaints/{ref}/close", {"occurred_at": "2026-10-19T10:00:00Z"}))
        with writes_nothing(officer, ref):
            message = refused_for_order(correct(officer, ref, "responded", "2026-10-21T10:00:00Z"))
        assert "put the closure (19 October 2026) before the stage 1 response" in message

    def test_receipt_moved_after_the_stage_2_acknowledgement(self, officer, second_handler):
        ref = case_in("stage2_acknowledged", officer, second_handler)
        with writes_nothing(officer, ref):
            refused_for_order(correct(officer, ref, "received", "2026-10-22T10:00:00Z"))

    def test_stage_2_acknowledgement_moved_before_the_escalation(self, officer, second_handler):
        ref = case_in("stage2_acknowledged", officer, second_handler)
        with writes_nothing(officer, ref):
            message = refused_for_order(
                correct(officer, ref, "acknowledged", "2026-10-19T10:00:00Z", stage=2)
            )
        assert "the stage 2 acknowledgement (19 October 2026) before the escalation" in message

    def test_a_correction_that_keeps_the_order_is_made(self, officer, second_handler):
        ref = case_in("stage2_acknowledged", officer, second_handler)
        case = ok(correct(officer, ref, "escalated", "2026-10-19T10:00:00Z"))
        assert case["stages"][1]["requested_on"] == "2026-10-19"
