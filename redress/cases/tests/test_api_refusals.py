"""Every refusal of a complaint command through the API: status, field, rule, and no write.

A refused command must leave no trace: no new row anywhere, the case as it
was and its record (the events) unchanged. `writes_nothing` checks all three.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from redress.code.stages import Command, Status, TransitionRefused, next_status
from redress.conftest import ApiClient
from redress.staff.models import ApiToken

from .factories import (
    POINT,
    STAGE2_ACKNOWLEDGED_AT,
    STAGE2_POINT,
    STATES,
    acknowledge,
    assert_refused,
    case_in,
    new_resident,
    ok,
    open_case,
    same_team,
    sent,
    writes_nothing,
)

pytestmark = pytest.mark.django_db

# Acknowledged and answered (sent another way) on days in order with every state's dates.
ACK_ON = RESPOND_ON = "2026-11-20"
# A body each command accepts, so a refusal can only come from what a test changes.
BODIES = {
    "accept": ("accept", {}),
    "refuse": ("refuse", {"exclusion": "other", "reason": "Evidenced on file"}),
    "acknowledge": (
        "acknowledge",
        {
            "points": [POINT],
            "outcomes_sought": ["Fix the damp"],
            "responsible_for_all": True,
            "communication": sent(ACK_ON),
        },
    ),
    "amend_definition": (
        "definition",
        {"points": [POINT], "outcomes_sought": ["Dry walls"], "responsible_for_all": True},
    ),
    "request_clarification": ("clarification-requests", {"question": "Which room?"}),
    "extend": (
        "extensions",
        {"working_days": 1, "reason": "Survey", "told_resident_on": "2026-10-06"},
    ),
    "agree_update_interval": (
        "update-intervals",
        {"every_working_days": 5, "agreed_on": "2026-10-06"},
    ),
    "record_conflict": ("conflicts", {"description": "Knows the resident", "handling": "Declared"}),
    "respond": (
        "respond",
        {
            "decisions": [{"point": POINT, "decision": "upheld"}],
            "reasons": "Explained",
            "communication": sent(RESPOND_ON),
        },
    ),
    "escalate": ("escalate", {}),
    "close": ("close", {}),
    "add_issue": ("issues", {"description": "Mould"}),
}
STATE_COMMANDS = tuple(c for c in BODIES if c != "add_issue")

# What each state allows, written out by hand from the Code (sections 5 and 6).
ALLOWED = {
    "stage1_received": {
        "accept",
        "refuse",
        "request_clarification",
        "add_issue",
        "extend",
        "agree_update_interval",
        "record_conflict",
        "attach",
        "set_category",
    },
    "stage1_accepted": {
        "acknowledge",
        "request_clarification",
        "add_issue",
        "extend",
        "agree_update_interval",
        "record_conflict",
        "attach",
        "set_category",
    },
    "stage1_acknowledged": {
        "respond",
        "amend_definition",
        "request_clarification",
        "add_issue",
        "extend",
        "agree_update_interval",
        "record_conflict",
        "attach",
        "set_category",
    },
    "stage1_responded": {"escalate", "close", "record_conflict", "attach", "set_category"},
    "stage2_requested": {
        "acknowledge",
        "request_clarification",
        "extend",
        "agree_update_interval",
        "record_conflict",
        "attach",
        "set_category",
    },
    "stage2_acknowledged": {
        "respond",
        "amend_definition",
        "request_clarification",
        "extend",
        "agree_update_interval",
        "record_conflict",
        "attach",
        "set_category",
    },
    "closed": {"attach", "set_category"},
    "refused": {"attach", "set_category"},
}
# For each command, a state in which it is allowed (stage 1 where it can be).
ALLOWED_IN = {
    "accept": "stage1_received",
    "refuse": "stage1_received",
    "acknowledge": "stage1_accepted",
    "request_clarification": "stage1_acknowledged",
    "extend": "stage1_acknowledged",
    "agree_update_interval": "stage1_acknowledged",
    "record_conflict": "stage1_acknowledged",
    "respond": "stage1_acknowledged",
    "escalate": "stage1_responded",
    "close": "stage1_responded",
    "add_issue": "stage1_acknowledged",
    "amend_definition": "stage1_acknowledged",
}
TOMORROW = (timezone.now() + dt.timedelta(days=1)).isoformat()
BEFORE_RECEIPT = "2026-09-30T10:00:00Z"  # the factories' cases are received 2026-10-01


def post(api, ref, command, **changes):
    path, body = BODIES[command]
    return api.post(f"/complaints/{ref}/{path}", {**body, **changes})


def attach_form(**changes):
    return {
        "kind": "call_note",
        "direction": "incoming",
        "title": "Resident rang",
        "body": "Asked for an update",
        **changes,
    }


# --- the state machine ------------------------------------------------------------------


@pytest.mark.parametrize("state", STATES)
def test_allowed_commands_match_the_code(officer, second_handler, state):
    ref = case_in(state, officer, second_handler)
    assert set(ok(officer.get(f"/complaints/{ref}"))["allowed_commands"]) == ALLOWED[state]


@pytest.mark.parametrize(
    ("state", "command"),
    [(s, c) for s in STATES for c in STATE_COMMANDS if c not in ALLOWED[s]],
)
def test_command_in_the_wrong_state_is_409(officer, second_handler, state, command):
    """Each names the rule the state machine gives it (redress/code/tests/test_stages.py
    lists them by hand): never none (issue 17)."""
    ref = case_in(state, officer, second_handler)
    with pytest.raises(TransitionRefused) as refusal:
        next_status(Status(state), Command(command))
    rule = refusal.value.rule
    assert rule
    with writes_nothing(officer, ref):
        error = assert_refused(post(officer, ref, command), 409, None, rule)
    if state in ("closed", "refused"):
        assert "not reopened" in error["message"]


def test_respond_before_acknowledge_is_409(officer):
    ref = case_in("stage1_accepted", officer)
    with writes_nothing(officer, ref):
        error = assert_refused(post(officer, ref, "respond"), 409, None, "6.2")
    assert error["message"] == "acknowledge and define the complaint at stage 1 before responding"


@pytest.mark.parametrize("state", ["stage2_requested", "stage2_acknowledged"])
def test_no_third_stage(officer, second_handler, state):
    ref = case_in(state, officer, second_handler)
    with writes_nothing(officer, ref):
        error = assert_refused(post(officer, ref, "escalate"), 409, None, "5.3")
    assert "no third stage" in error["message"]


@pytest.mark.parametrize("state", ["closed", "refused"])
def test_finished_complaint_is_not_reopened_by_assigning(officer, second_handler, state):
    ref = case_in(state, officer, second_handler)
    with writes_nothing(officer, ref):
        assert_refused(
            officer.post(f"/complaints/{ref}/assign", {"handler_id": second_handler.user.pk}),
            409,
            None,
            "no-reopening",
        )


@pytest.mark.parametrize("state", ["closed", "refused"])
def test_new_issue_on_a_finished_complaint_is_a_new_complaint(officer, second_handler, state):
    ref = case_in(state, officer, second_handler)
    code, new = post(officer, ref, "add_issue")
    assert code == 201, new
    assert new["related_to"] == ref
    assert ok(officer.get(f"/complaints/{ref}"))["status"] == state


# --- opening ------------------------------------------------------------------------------


class TestOpenRefusals:
    def test_blank_summary(self, officer):
        resident = new_resident(officer)
        with writes_nothing():
            assert_refused(
                officer.post("/complaints", {"resident_id": resident, "summary": "  "}),
                422,
                "summary",
                "5.6",
            )

    def test_missing_summary(self, officer):
        with writes_nothing():
            assert_refused(officer.post("/complaints", {}), 422, "summary", None)

    def test_unknown_resident(self, officer):
        with writes_nothing():
            assert_refused(
                officer.post("/complaints", {"resident_id": 999, "summary": "Damp"}),
                404,
                "resident_id",
                None,
            )

    @pytest.mark.parametrize("field", ["issue_arose_on", "resident_aware_on"])
    def test_date_after_receipt(self, officer, field):
        with writes_nothing():
            assert_refused(
                officer.post(
                    "/complaints",
                    {
                        "summary": "Damp",
                        "received_at": "2026-10-01T10:00:00Z",
                        field: "2026-10-02",
                    },
                ),
                422,
                field,
                None,
            )

    def test_future_received_at_names_received_at(self, officer):
        # names "occurred_at", a field this request does not have.
        with writes_nothing():
            assert_refused(
                officer.post("/complaints", {"summary": "Damp", "received_at": TOMORROW}),
                422,
                "received_at",
                "5.12",
            )

    def test_unknown_related_to_names_related_to(self, officer):
        with writes_nothing():
            assert_refused(
                officer.post("/complaints", {"summary": "Damp", "related_to": "CMP-2026-999999"}),
                404,
                "related_to",
                None,
            )

    def test_unknown_channel(self, officer):
        with writes_nothing():
            assert_refused(
                officer.post("/complaints", {"summary": "Damp", "channel": "pigeon"}),
                422,
                "channel",
                None,
            )

    def test_unknown_field(self, officer):
        with writes_nothing():
            assert_refused(
                officer.post("/complaints", {"summary": "Damp", "colour": "red"}),
                422,
                "colour",
                None,
            )


# --- accept and refuse ------------------------------------------------------------------


class TestAcceptRefusals:
    @pytest.mark.parametrize("reason", [None, "", "   "])
    def test_over_12_months_needs_a_discretion_reason(self, officer, reason):
        # Received 2026-10-01; the issue arose on 2025-09-30, a day over 12 months before.
        ref = open_case(officer, issue_arose_on="2025-09-30")
        body = {} if reason is None else {"discretion_reason": reason}
        with writes_nothing(officer, ref):
            assert_refused(
                officer.post(f"/complaints/{ref}/accept", body), 422, "discretion_reason", "2.3"
            )

    def test_twice(self, officer):
        ref = case_in("stage1_accepted", officer)
        with writes_nothing(officer, ref):
            assert_refused(post(officer, ref, "accept"), 409, None, "once-per-stage")

    def test_refused_complaint_cannot_be_accepted(self, officer):
        ref = case_in("refused", officer)
        with writes_nothing(officer, ref):
            error = assert_refused(post(officer, ref, "accept"), 409, None, "no-reopening")
        assert "not reopened" in error["message"]


class TestRefuseRefusals:
    @pytest.mark.parametrize("reason", ["", "  "])
    def test_reason_required(self, officer, reason):
        ref = open_case(officer)
        with writes_nothing(officer, ref):
            assert_refused(post(officer, ref, "refuse", reason=reason), 422, "reason", "2.4")

    def test_reason_missing(self, officer):
        ref = open_case(officer)
        with writes_nothing(officer, ref):
            assert_refused(
                officer.post(f"/complaints/{ref}/refuse", {"exclusion": "other"}),
                422,
                "reason",
                "2.4",
            )

    def test_unknown_exclusion(self, officer):
        ref = open_case(officer)
        with writes_nothing(officer, ref):
            assert_refused(
                post(officer, ref, "refuse", exclusion="too_busy"), 422, "exclusion", None
            )

    @pytest.mark.parametrize(
        "dates",
        [
            {},  # dates not recorded: in time
            {"issue_arose_on": "2025-10-01"},  # exactly 12 months
            {"issue_arose_on": "2024-01-01", "resident_aware_on": "2026-01-01"},
        ],
    )
    def test_over_12_months_refused_when_in_time(self, officer, dates):
        ref = open_case(officer, **dates)
        with writes_nothing(officer, ref):
            assert_refused(
                post(officer, ref, "refuse", exclusion="over_12_months"), 422, "exclusion", "2.3"
            )

    def test_after_acceptance(self, officer):
        ref = case_in("stage1_accepted", officer)
        with writes_nothing(officer, ref):
            assert_refused(post(officer, ref, "refuse"), 409, None, "once-per-stage")

    def test_twice(self, officer):
        ref = case_in("refused", officer)
        with writes_nothing(officer, ref):
            assert_refused(post(officer, ref, "refuse"), 409, None, "no-reopening")


# --- acknowledge ------------------------------------------------------------------------


class TestAcknowledgeRefusals:
    @pytest.mark.parametrize("field", ["points", "outcomes_sought"])
    @pytest.mark.parametrize("value", [[], ["", "  "]])
    def test_definition_needs_points_and_outcomes(self, officer, field, value):
        ref = case_in("stage1_accepted", officer)
        with writes_nothing(officer, ref):
            assert_refused(post(officer, ref, "acknowledge", **{field: value}), 422, field, "5.6")

    @pytest.mark.parametrize("field", ["points", "outcomes_sought"])
    def test_definition_fields_missing(self, officer, field):
        ref = case_in("stage1_accepted", officer)
        body = dict(BODIES["acknowledge"][1])
        del body[field]
        with writes_nothing(officer, ref):
            assert_refused(officer.post(f"/complaints/{ref}/acknowledge", body), 422, field, None)

    def test_before_accept(self, officer):
        ref = open_case(officer)
        with writes_nothing(officer, ref):
            assert_refused(post(officer, ref, "acknowledge"), 409, None, "2.1")

    def test_unknown_field_is_named(self, officer):
        ref = case_in("stage1_accepted", officer)
        with writes_nothing(officer, ref):
            assert_refused(post(officer, ref, "acknowledge", colour="red"), 422, "colour", None)

    def test_stage2_by_the_stage1_handler(self, officer):
        ref = case_in("stage2_requested", officer)
        with writes_nothing(officer, ref):
            assert_refused(
                post(officer, ref, "acknowledge", points=[STAGE2_POINT]), 422, "handler", "6.13"
            )

    def test_stage2_before_the_escalation(self, second_handler, officer):
        ref = case_in("stage2_requested", officer)  # escalated 2026-10-20
        with writes_nothing(officer, ref):
            assert_refused(
                post(second_handler, ref, "acknowledge", communication=sent("2026-10-19")),
                422,
                "communication.sent_on",
                "5.12",
            )


# --- clarification, update intervals, conflicts ------------------------------------------


class TestHandlingRefusals:
    def test_clarification_needs_a_question(self, officer):
        ref = case_in("stage1_acknowledged", officer)
        with writes_nothing(officer, ref):
            assert_refused(
                post(officer, ref, "request_clarification", question=" "), 422, "question", "5.7"
            )

    # At most a working quarter: 1,000,000 working days was once accepted, and 10**30 a
    # server error.
    @pytest.mark.parametrize("every", [0, -5, 66, 1_000_000, 10**30])
    def test_update_interval_from_one_working_day_to_a_working_quarter(self, officer, every):
        ref = case_in("stage1_acknowledged", officer)
        with writes_nothing(officer, ref):
            assert_refused(
                post(officer, ref, "agree_update_interval", every_working_days=every),
                422,
                "every_working_days",
                "5.9",
            )

    def test_update_interval_agreed_in_the_future(self, officer):
        ref = case_in("stage1_acknowledged", officer)
        tomorrow = (timezone.now() + dt.timedelta(days=1)).date().isoformat()
        with writes_nothing(officer, ref):
            assert_refused(
                post(officer, ref, "agree_update_interval", agreed_on=tomorrow),
                422,
                "agreed_on",
                "5.12",
            )

    @pytest.mark.parametrize("field", ["description", "handling"])
    def test_conflict_needs_description_and_handling(self, officer, field):
        ref = case_in("stage1_acknowledged", officer)
        with writes_nothing(officer, ref):
            assert_refused(post(officer, ref, "record_conflict", **{field: ""}), 422, field, "5.8")


# --- extensions ---------------------------------------------------------------------------


class TestStage1ExtensionRefusals:
    """The case is acknowledged 2026-10-05, so the respond-by date in force is 2026-10-19."""

    @pytest.fixture
    def ref(self, officer):
        return case_in("stage1_acknowledged", officer)

    def extend(self, officer, ref, status, field, rule, **changes):
        with writes_nothing(officer, ref):
            return assert_refused(post(officer, ref, "extend", **changes), status, field, rule)

    @pytest.mark.parametrize("reason", ["", "   "])
    def test_no_reason(self, officer, ref, reason):
        self.extend(officer, ref, 422, "reason", "6.4", reason=reason)

    def test_reason_missing(self, officer, ref):
        with writes_nothing(officer, ref):
            assert_refused(
                officer.post(
                    f"/complaints/{ref}/extensions",
                    {"working_days": 1, "told_resident_on": "2026-10-06"},
                ),
                422,
                "reason",
                "6.4",
            )

    def test_no_told_date(self, officer, ref):
        self.extend(officer, ref, 422, "told_resident_on", "6.4", told_resident_on=None)

    def test_told_after_the_respond_by_date_in_force(self, officer, ref):
        error = self.extend(
            officer, ref, 422, "told_resident_on", "6.4", told_resident_on="2026-10-20"
        )
        assert "2026-10-19" in error["message"]

    def test_told_after_an_earlier_extension_moved_the_date_is_in_time(self, officer, ref):
        ok(post(officer, ref, "extend", working_days=2, told_resident_on="2026-10-19"))
        # Now in force: 21 October. Told on the 21st counts; the 22nd does not.
        ok(post(officer, ref, "extend", working_days=1, told_resident_on="2026-10-21"))
        self.extend(officer, ref, 422, "told_resident_on", "6.4", told_resident_on="2026-10-23")

    def test_told_before_the_stage_began(self, officer, ref):
        self.extend(officer, ref, 422, "told_resident_on", "6.4", told_resident_on="2026-09-30")

    def test_told_in_the_future(self, officer, ref):
        tomorrow = (timezone.now() + dt.timedelta(days=1)).date().isoformat()
        self.extend(officer, ref, 422, "told_resident_on", "5.12", told_resident_on=tomorrow)

    @pytest.mark.parametrize("days", [0, -1, 251, 10**30])
    def test_from_one_working_day_to_a_working_year(self, officer, ref, days):
        self.extend(officer, ref, 422, "working_days", "6.4", working_days=days)

    def test_beyond_10_days_by_a_non_manager(self, officer, ref):
        self.extend(officer, ref, 403, "working_days", "6.4", working_days=11)

    def test_beyond_10_days_in_total_by_a_non_manager(self, officer, ref):
        ok(post(officer, ref, "extend", working_days=6))
        self.extend(officer, ref, 403, "working_days", "6.4", working_days=5)

    def test_naming_a_manager_is_not_their_approval(self, officer, manager, ref):
        # Approval is the manager recording the extension, not a name someone else types.
        self.extend(officer, ref, 422, "approved_by", None, working_days=11, approved_by=manager.pk)


class TestStage2ExtensionRefusals:
    """Stage 2 acknowledged 2026-10-21: respond by 2026-11-18; limit 20 working days (6.15)."""

    @pytest.fixture
    def ref(self, officer, second_handler):
        return case_in("stage2_acknowledged", officer, second_handler)

    def extend(self, api, ref, field, rule, **changes):
        body = {"told_resident_on": "2026-11-16", **changes}
        with writes_nothing(api, ref):
            return assert_refused(post(api, ref, "extend", **body), 422, field, rule)

    def test_no_reason(self, second_handler, ref):
        self.extend(second_handler, ref, "reason", "6.15", reason="")

    def test_no_told_date(self, second_handler, ref):
        self.extend(second_handler, ref, "told_resident_on", "6.15", told_resident_on=None)

    def test_told_after_the_respond_by_date_in_force(self, second_handler, ref):
        self.extend(second_handler, ref, "told_resident_on", "6.15", told_resident_on="2026-11-19")

    def test_told_before_escalation(self, second_handler, ref):
        self.extend(second_handler, ref, "told_resident_on", "6.15", told_resident_on="2026-10-19")

    def test_beyond_20_days_by_a_non_manager(self, second_handler, ref):
        body = {"told_resident_on": "2026-11-16", "working_days": 21}
        with writes_nothing(second_handler, ref):
            response = post(second_handler, ref, "extend", **body)
            assert_refused(response, 403, "working_days", "6.15")

    def test_20_days_is_within_the_limit(self, second_handler, ref):
        ok(post(second_handler, ref, "extend", working_days=20, told_resident_on="2026-11-16"))


# --- add issue ------------------------------------------------------------------------------


class TestAddIssueRefusals:
    @pytest.mark.parametrize("state", ["stage1_acknowledged", "stage1_responded"])
    def test_description_required(self, officer, state):
        ref = case_in(state, officer)
        with writes_nothing(officer, ref):
            assert_refused(
                post(officer, ref, "add_issue", description=" "), 422, "description", "6.8"
            )


# --- respond --------------------------------------------------------------------------------


class TestRespondRefusals:
    def test_every_point_needs_a_decision(self, officer):
        ref = case_in("stage1_accepted", officer)
        ok(
            officer.post(
                f"/complaints/{ref}/acknowledge",
                {
                    "points": [POINT, "Rude contractor"],
                    "outcomes_sought": ["Fix the damp"],
                    "communication": sent(ACK_ON),
                    "responsible_for_all": True,
                },
            )
        )
        with writes_nothing(officer, ref):
            error = assert_refused(post(officer, ref, "respond"), 422, "decisions", "6.7")
        assert "Rude contractor" in error["message"]

    def test_no_decisions(self, officer):
        ref = case_in("stage1_acknowledged", officer)
        with writes_nothing(officer, ref):
            assert_refused(post(officer, ref, "respond", decisions=[]), 422, "decisions", "6.7")

    def test_decision_on_another_point_only(self, officer):
        ref = case_in("stage1_acknowledged", officer)
        with writes_nothing(officer, ref):
            assert_refused(
                post(
                    officer,
                    ref,
                    "respond",
                    decisions=[{"point": "Something else", "decision": "upheld"}],
                ),
                422,
                "decisions",
                "6.7",
            )

    def test_added_issue_needs_a_decision_too(self, officer):
        ref = case_in("stage1_acknowledged", officer)
        ok(post(officer, ref, "add_issue"))
        with writes_nothing(officer, ref):
            error = assert_refused(post(officer, ref, "respond"), 422, "decisions", "6.7")
        assert "Mould" in error["message"]

    def test_invalid_decision_value(self, officer):
        ref = case_in("stage1_acknowledged", officer)
        with writes_nothing(officer, ref):
            assert_refused(
                post(officer, ref, "respond", decisions=[{"point": POINT, "decision": "maybe"}]),
                422,
                "decisions.0.decision",
                None,
            )

    def test_reasons_required(self, officer):
        ref = case_in("stage1_acknowledged", officer)
        with writes_nothing(officer, ref):
            assert_refused(post(officer, ref, "respond", reasons=" "), 422, "reasons", "6.7")

    def test_outstanding_action_needs_a_due_date(self, officer):
        ref = case_in("stage1_acknowledged", officer)
        with writes_nothing(officer, ref):
            assert_refused(
                post(
                    officer, ref, "respond", outstanding_actions=[{"description": "Treat the damp"}]
                ),
                422,
                "outstanding_actions.0.due_on",
                None,
            )

    @pytest.mark.parametrize("every", [0, 66, 250, 10**30])
    def test_outstanding_action_updates_from_one_working_day_to_a_working_quarter(
        self, officer, every
    ):
        action = {"description": "Treat the damp", "due_on": "2026-12-01", "update_every": every}
        ref = case_in("stage1_acknowledged", officer)
        with writes_nothing(officer, ref):
            assert_refused(
                post(officer, ref, "respond", outstanding_actions=[action]),
                422,
                "outstanding_actions.0.update_every",
                None,
            )

    def test_outstanding_action_needs_a_description(self, officer):
        # errors name list items "outstanding_actions.0.due_on": two spellings for one API.
        ref = case_in("stage1_acknowledged", officer)
        with writes_nothing(officer, ref):
            assert_refused(
                post(
                    officer,
                    ref,
                    "respond",
                    outstanding_actions=[{"description": " ", "due_on": "2026-11-30"}],
                ),
                422,
                "outstanding_actions.0.description",
                None,
            )

    def test_before_the_acknowledgement(self, officer):
        ref = case_in("stage1_acknowledged", officer)  # acknowledged 2026-10-05
        with writes_nothing(officer, ref):
            assert_refused(
                post(officer, ref, "respond", communication=sent("2026-10-02")),
                422,
                "communication.sent_on",
                "5.12",
            )

    def test_stage2_by_the_stage1_handler(self, officer, second_handler):
        ref = case_in("stage2_acknowledged", officer, second_handler)
        with writes_nothing(officer, ref):
            assert_refused(
                post(
                    officer,
                    ref,
                    "respond",
                    decisions=[{"point": STAGE2_POINT, "decision": "upheld"}],
                ),
                422,
                "actor",
                "6.13",
            )

    def test_stage2_point_needs_a_decision_rule_6_18(self, officer, second_handler):
        ref = case_in("stage2_acknowledged", officer, second_handler)
        with writes_nothing(officer, ref):
            assert_refused(post(second_handler, ref, "respond"), 422, "decisions", "6.18")

    def test_stage2_reasons_required_rule_6_18(self, officer, second_handler):
        # provision is 6.18 (as it already is for a missing decision).
        ref = case_in("stage2_acknowledged", officer, second_handler)
        with writes_nothing(officer, ref):
            assert_refused(
                post(
                    second_handler,
                    ref,
                    "respond",
                    reasons="",
                    decisions=[{"point": STAGE2_POINT, "decision": "upheld"}],
                ),
                422,
                "reasons",
                "6.18",
            )


# --- escalate, stage 2 handler, assign ---------------------------------------------------------


class TestEscalateRefusals:
    def test_before_the_stage1_response_date(self, officer):
        ref = case_in("stage1_responded", officer)  # responded 2026-10-16
        with writes_nothing(officer, ref):
            assert_refused(
                post(officer, ref, "escalate", occurred_at="2026-10-15T10:00:00Z"),
                422,
                "occurred_at",
                "5.12",
            )


class TestAssignRefusals:
    def test_stage1_handler_at_stage2(self, officer):
        ref = case_in("stage2_requested", officer)
        with writes_nothing(officer, ref):
            assert_refused(
                officer.post(f"/complaints/{ref}/assign", {"handler_id": officer.user.pk}),
                422,
                "handler_id",
                "6.13",
            )

    def test_stage1_responder_at_stage2(self, officer, second_handler):
        ref = case_in("stage1_acknowledged", officer)
        same_team(officer, second_handler)
        ok(post(second_handler, ref, "respond"))  # hamid answers officer's stage 1
        ok(post(officer, ref, "escalate"))
        with writes_nothing(officer, ref):
            assert_refused(
                officer.post(f"/complaints/{ref}/assign", {"handler_id": second_handler.user.pk}),
                422,
                "handler_id",
                "6.13",
            )

    def test_stage1_responder_cannot_acknowledge_stage2(self, officer, second_handler):
        ref = case_in("stage1_acknowledged", officer)
        same_team(officer, second_handler)
        ok(post(second_handler, ref, "respond"))
        ok(post(officer, ref, "escalate", occurred_at=f"{RESPOND_ON}T15:00:00Z"))
        with writes_nothing(officer, ref):
            assert_refused(
                post(second_handler, ref, "acknowledge", points=[STAGE2_POINT]),
                422,
                "handler",
                "6.13",
            )

    @pytest.mark.parametrize("kind", ["unknown", "inactive", "not_staff"])
    def test_not_an_active_staff_user(self, officer, django_user_model, kind):
        ref = case_in("stage1_acknowledged", officer)
        handler_id = 99999
        if kind != "unknown":
            user = django_user_model.objects.create_user(
                username=kind, is_staff=kind != "not_staff", is_active=kind != "inactive"
            )
            handler_id = user.pk
        with writes_nothing(officer, ref):
            assert_refused(
                officer.post(f"/complaints/{ref}/assign", {"handler_id": handler_id}),
                422,
                "handler_id",
                None,
            )


# --- attachments ----------------------------------------------------------------------------


class TestAttachRefusals:
    @pytest.fixture(autouse=True)
    def media(self, settings, tmp_path):
        settings.MEDIA_ROOT = tmp_path
        return tmp_path

    @pytest.fixture
    def ref(self, officer):
        return case_in("stage1_acknowledged", officer)

    def test_missing_body_and_file(self, officer, ref):
        with writes_nothing(officer, ref):
            assert_refused(
                officer.upload(f"/complaints/{ref}/attachments", attach_form(body="  ")),
                422,
                "body",
                None,
            )

    @pytest.mark.parametrize("field", ["kind", "direction"])
    def test_unknown_kind_or_direction(self, officer, ref, media, field):
        letter = SimpleUploadedFile("a.txt", b"text", content_type="text/plain")
        with writes_nothing(officer, ref):
            assert_refused(
                officer.upload(
                    f"/complaints/{ref}/attachments",
                    attach_form(**{field: "carrier_pigeon"}, file=letter),
                ),
                422,
                field,
                None,
            )
        assert list(media.rglob("*.txt")) == []

    def test_blank_title(self, officer, ref):
        with writes_nothing(officer, ref):
            assert_refused(
                officer.upload(f"/complaints/{ref}/attachments", attach_form(title=" ")),
                422,
                "title",
                None,
            )

    def test_missing_title(self, officer, ref):
        form = attach_form()
        del form["title"]
        with writes_nothing(officer, ref):
            assert_refused(
                officer.upload(f"/complaints/{ref}/attachments", form), 422, "title", None
            )


# --- when it happened: every command ------------------------------------------------------


@pytest.mark.parametrize("command", list(BODIES))
def test_future_occurred_at_is_refused(officer, command):
    ref = case_in(ALLOWED_IN[command], officer)
    change, field = dated(command, TOMORROW)
    with writes_nothing(officer, ref):
        assert_refused(post(officer, ref, command, **change), 422, field, "5.12")


@pytest.mark.parametrize("command", list(BODIES))
def test_occurred_at_before_receipt_is_refused(officer, command):
    ref = case_in(ALLOWED_IN[command], officer)
    change, field = dated(command, BEFORE_RECEIPT)
    with writes_nothing(officer, ref):
        assert_refused(post(officer, ref, command, **change), 422, field, "5.12")


def dated(command: str, occurred_at: str) -> tuple[dict, str]:
    """The change that dates `command` at `occurred_at`, and the field a refusal names:
    an acknowledgement or a response is dated by the communication that sent it."""
    if command in ("acknowledge", "respond"):
        return {"communication": sent(occurred_at)}, "communication.sent_on"
    return {"occurred_at": occurred_at}, "occurred_at"


@pytest.mark.parametrize(
    "occurred_at", [TOMORROW, BEFORE_RECEIPT], ids=["tomorrow", "before-receipt"]
)
def test_assign_and_attach_check_occurred_at(officer, second_handler, occurred_at):
    ref = case_in("stage1_acknowledged", officer)
    with writes_nothing(officer, ref):
        assert_refused(
            officer.post(
                f"/complaints/{ref}/assign",
                {"handler_id": second_handler.user.pk, "occurred_at": occurred_at},
            ),
            422,
            "occurred_at",
            "5.12",
        )
        assert_refused(
            officer.upload(f"/complaints/{ref}/attachments", attach_form(occurred_at=occurred_at)),
            422,
            "occurred_at",
            "5.12",
        )


def test_a_few_minutes_of_clock_skew_is_allowed(officer):
    ref = case_in("stage1_acknowledged", officer)
    soon = (timezone.now() + dt.timedelta(seconds=30)).isoformat()
    ok(post(officer, ref, "record_conflict", occurred_at=soon))


# --- unknown fields ---------------------------------------------------------------------------


@pytest.mark.parametrize("command", list(BODIES))
def test_unknown_field_is_refused_by_name(officer, command):
    ref = case_in(ALLOWED_IN[command], officer)
    with writes_nothing(officer, ref):
        assert_refused(post(officer, ref, command, colour="red"), 422, "colour", None)


def test_unknown_field_inside_a_list_item_is_named_with_its_index(officer):
    ref = case_in("stage1_acknowledged", officer)
    with writes_nothing(officer, ref):
        assert_refused(
            post(
                officer,
                ref,
                "respond",
                decisions=[{"point": POINT, "decision": "upheld", "colour": "red"}],
            ),
            422,
            "decisions.0.colour",
            None,
        )


# --- not found and not authenticated ----------------------------------------------------------


@pytest.mark.parametrize("command", list(BODIES))
def test_unknown_reference_is_404(officer, command):
    with writes_nothing():
        assert_refused(post(officer, "CMP-2026-999999", command), 404, "reference", None)


def test_unknown_reference_for_reads_assign_and_attach(officer):
    with writes_nothing():
        for path in ("", "/events"):
            assert_refused(
                officer.get(f"/complaints/CMP-2026-999999{path}"), 404, "reference", None
            )
        assert_refused(
            officer.post("/complaints/CMP-2026-999999/assign", {"handler_id": officer.user.pk}),
            404,
            "reference",
            None,
        )
        assert_refused(
            officer.upload("/complaints/CMP-2026-999999/attachments", attach_form()),
            404,
            "reference",
            None,
        )


def unauthenticated(header: str | None):
    return Client(**({"HTTP_AUTHORIZATION": header} if header else {}))


@pytest.mark.parametrize("header", [None, "", "Bearer", "Bearer not-a-token", "Token abc"])
def test_missing_or_invalid_token_is_401(officer, header):
    ref = case_in("stage1_accepted", officer)
    client = unauthenticated(header)
    with writes_nothing(officer, ref):
        for response in (
            client.get(f"/api/v1/complaints/{ref}"),
            client.get("/api/v1/work-queue"),
            client.post(
                f"/api/v1/complaints/{ref}/acknowledge",
                data={"points": [POINT], "outcomes_sought": ["Fix"]},
                content_type="application/json",
            ),
            client.post("/api/v1/residents", data={"name": "Eve"}, content_type="application/json"),
        ):
            assert_refused((response.status_code, response.json()), 401, "Authorization", None)


@pytest.mark.parametrize("kind", ["revoked", "inactive", "no_casework_role"])
def test_token_of_a_revoked_inactive_or_non_casework_user_is_401(officer, make_staff, kind):
    user = make_staff("eve", "handler")
    api = ApiClient(user)
    if kind == "revoked":
        ApiToken.objects.filter(user=user).update(revoked_at=timezone.now())
    elif kind == "inactive":
        user.is_active = False
        user.save()
    else:
        user.groups.clear()
    ref = case_in("stage1_accepted", officer)
    with writes_nothing(officer, ref):
        assert_refused(post(api, ref, "acknowledge"), 401, "Authorization", None)


# --- the work queue ---------------------------------------------------------------------------


# "²" is a digit to str.isdigit() but not to int(); 23 digits and 2**63 are past the
# database's integers: each was a server error.
@pytest.mark.parametrize(
    "query, field",
    [
        ("handler=abc", "handler"),
        ("handler=%C2%B2", "handler"),
        ("handler=12345678901234567890123", "handler"),
        ("handler=-1", "handler"),
        ("offset=9223372036854775808", "offset"),
        ("offset=-1", "offset"),
        ("offset=1000001", "offset"),
        ("limit=0", "limit"),
        ("limit=501", "limit"),
        ("limit=%C2%B2", "limit"),
        ("stage=3", "stage"),
        ("stage=9223372036854775808", "stage"),
    ],
)
def test_work_queue_parameter_out_of_bounds_is_422_naming_it(officer, query, field):
    officer.client.raise_request_exception = False
    response = officer.client.get(f"/api/v1/work-queue?{query}")
    assert response.status_code == 422
    assert response.json()["error"]["field"] == field


def test_work_queue_takes_its_bounds(officer):
    for query in ("handler=me", "handler=1", "stage=2", "limit=500", "offset=1000000"):
        assert officer.get(f"/work-queue?{query}") == (200, []), query


def test_stage2_acknowledge_then_respond_by_other_people_is_fine(
    officer, second_handler, make_staff
):
    """The 6.13 refusals are not over-broad: a third person may answer stage 2."""
    ref = case_in("stage2_requested", officer)
    acknowledge(second_handler, ref, STAGE2_ACKNOWLEDGED_AT, STAGE2_POINT)
    third = ApiClient(make_staff("tess", "handler"))
    same_team(second_handler, third)
    case = ok(
        post(third, ref, "respond", decisions=[{"point": STAGE2_POINT, "decision": "not_upheld"}])
    )
    assert case["status"] == "closed"
    assert "6.13" not in case["breaches"]


# --- dates outside the working-day calendar (1990 to 2100): refusals, not server errors ----


def without_raising(api):
    """Let a server error come back as a 500 response instead of raising in the test."""
    api.client.raise_request_exception = False
    return api


def test_received_before_the_calendar_begins_is_refused(officer):
    # calendar, which raises CalendarError for years before 1990: a 500. Refuse it as 422.
    without_raising(officer)
    response = officer.client.post(
        "/api/v1/complaints",
        content_type="application/json",
        data={"summary": "Damp", "received_at": "1985-01-01T10:00:00Z"},
    )
    assert response.status_code == 422
    assert response.json()["error"]["field"] == "received_at"


def test_huge_extension_is_refused_and_the_case_stays_readable(officer, manager):
    # 30,000 working days is saved and committed, then rendering the case asks the
    # calendar for a date past 2100: a 500 now, and GET /complaints/<ref> 500s for ever.
    ref = case_in("stage1_acknowledged", officer)
    without_raising(officer)
    response = officer.client.post(
        f"/api/v1/complaints/{ref}/extensions",
        content_type="application/json",
        data={
            "working_days": 30000,
            "reason": "Rebuild",
            "told_resident_on": "2026-10-06",
        },
    )
    assert officer.client.get(f"/api/v1/complaints/{ref}").status_code == 200
    assert response.status_code == 422
    assert response.json()["error"]["field"] == "working_days"


def test_occurred_at_in_year_one_is_refused(officer):
    # 0001-01-01 with a positive offset: a 500 instead of a 422 on occurred_at.
    ref = case_in("stage1_acknowledged", officer)
    without_raising(officer)
    with writes_nothing(officer, ref):
        response = officer.client.post(
            f"/api/v1/complaints/{ref}/conflicts",
            content_type="application/json",
            data={"description": "x", "handling": "y", "occurred_at": "0001-01-01T00:00:00+05:00"},
        )
    assert response.status_code == 422
    assert response.json()["error"]["field"] == "occurred_at"
