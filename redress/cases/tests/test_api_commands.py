"""Every complaint command through the API when it succeeds: what it changes and records.

Dates are back-dated and checked against hand-worked literals (see factories.py).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from redress.cases.models import Complaint, Correspondence
from redress.code.london import london_date
from redress.conftest import ApiClient
from redress.remedies.models import Remedy

from .factories import (
    POINT,
    RESPONDED_AT,
    STAGE2_ACKNOWLEDGED_AT,
    STAGE2_POINT,
    TODAY,
    acknowledge,
    assert_refused,
    case_in,
    events,
    new_resident,
    ok,
    open_case,
    respond,
    sent,
    writes_nothing,
)

pytestmark = pytest.mark.django_db


def actions(api, ref: str) -> list[str]:
    return [e["action"] for e in events(api, ref)]


def last_event(api, ref: str) -> dict:
    return events(api, ref)[-1]


# --- opening a complaint -------------------------------------------------------------


class TestOpen:
    def test_open_directly_starts_the_acknowledgement_clock(self, officer):
        resident = new_resident(officer)
        case = ok(
            officer.post(
                "/complaints",
                {
                    "resident_id": resident,
                    "summary": "Damp in the bedroom",
                    "channel": "email",
                    "received_at": "2026-10-01T10:00:00Z",
                    "category": "repairs",
                },
            ),
            201,
        )
        assert case["reference"] == f"CMP-2026-{Complaint.objects.get().pk:06d}"
        assert case["status"] == "stage1_received"
        assert case["stage"] == 1
        assert case["resident"] == resident
        assert case["received_on"] == "2026-10-01"
        # Thursday 1 October 2026 + 5 working days = Thursday 8 October.
        assert case["stages"][0]["acknowledge_by"] == "2026-10-08"
        # Projected from the acknowledge-by date until acknowledged: 8 Oct + 10 = 22 Oct.
        assert case["stages"][0]["respond_by"] == "2026-10-22"
        assert (case["next_action"], case["next_due"]) == ("acknowledge", "2026-10-08")
        assert case["issues"] == ["Damp in the bedroom"]
        assert case["allowed_commands"] == [
            "accept",
            "refuse",
            "request_clarification",
            "add_issue",
            "extend",
            "agree_update_interval",
            "record_conflict",
            "attach",
            "set_category",
        ]
        [received] = events(officer, case["reference"])
        assert received["action"] == "received"
        assert received["payload"]["channel"] == "email"
        assert received["backdated"] is True

    def test_received_late_in_the_evening_utc_is_the_next_day_in_london(self, officer):
        # 23:30 UTC on 30 September is 00:30 on 1 October in British Summer Time.
        ref = open_case(officer, received_at="2026-09-30T23:30:00Z")
        case = ok(officer.get(f"/complaints/{ref}"))
        assert case["received_on"] == "2026-10-01"
        assert case["stages"][0]["acknowledge_by"] == "2026-10-08"

    def test_open_without_received_at_is_now_and_not_backdated(self, officer):
        ref = open_case(officer, received_at=None)
        case = ok(officer.get(f"/complaints/{ref}"))
        assert case["received_on"] == london_date(timezone.now()).isoformat()
        assert events(officer, ref)[0]["backdated"] is False

    def test_related_to_links_the_new_complaint_to_the_old(self, officer):
        old = case_in("refused", officer)
        new = open_case(officer, related_to=old)
        assert ok(officer.get(f"/complaints/{new}"))["related_to"] == old
        assert ok(officer.get(f"/complaints/{old}"))["linked"] == [new]
        assert events(officer, new)[0]["payload"]["related_to"] == old


# --- accept and refuse (section 2) ---------------------------------------------------


class TestAccept:
    def test_accept_in_time(self, officer):
        ref = open_case(officer, issue_arose_on="2026-09-01")
        case = ok(officer.post(f"/complaints/{ref}/accept", {}))
        assert case["status"] == "stage1_accepted"
        assert case["next_action"] == "acknowledge"
        event = last_event(officer, ref)
        assert event["action"] == "accepted"
        assert event["payload"] == {"in_time": True, "discretion_reason": ""}

    def test_exactly_twelve_months_is_in_time(self, officer):
        ref = open_case(officer, issue_arose_on="2025-10-01")
        ok(officer.post(f"/complaints/{ref}/accept", {}))
        assert last_event(officer, ref)["payload"]["in_time"] is True

    def test_aware_within_twelve_months_is_in_time(self, officer):
        ref = open_case(officer, issue_arose_on="2024-05-01", resident_aware_on="2026-01-10")
        ok(officer.post(f"/complaints/{ref}/accept", {}))
        assert last_event(officer, ref)["payload"]["in_time"] is True

    def test_over_twelve_months_accepted_with_discretion_recorded(self, officer):
        ref = open_case(officer, issue_arose_on="2025-09-30")
        case = ok(
            officer.post(
                f"/complaints/{ref}/accept", {"discretion_reason": "  Resident was in hospital  "}
            )
        )
        assert case["status"] == "stage1_accepted"
        assert last_event(officer, ref)["payload"] == {
            "in_time": False,
            "discretion_reason": "Resident was in hospital",
        }


class TestRefuse:
    @pytest.mark.parametrize("exclusion", ["legal_proceedings", "previously_considered", "other"])
    def test_refuse_under_each_exclusion(self, officer, exclusion):
        ref = open_case(officer)
        case = ok(
            officer.post(
                f"/complaints/{ref}/refuse", {"exclusion": exclusion, "reason": "Evidenced on file"}
            )
        )
        assert case["status"] == "refused"
        assert case["exclusion"] == exclusion
        assert case["next_action"] is None and case["next_due"] is None
        assert case["allowed_commands"] == ["attach", "set_category"]
        assert last_event(officer, ref)["payload"] == {
            "exclusion": exclusion,
            "reason": "Evidenced on file",
        }
        assert ref not in [row["reference"] for row in ok(officer.get("/work-queue"))]

    def test_refuse_over_twelve_months_when_out_of_time(self, officer):
        ref = open_case(officer, issue_arose_on="2025-06-01", resident_aware_on="2025-07-01")
        case = ok(
            officer.post(
                f"/complaints/{ref}/refuse",
                {"exclusion": "over_12_months", "reason": "Issue ended July 2025"},
            )
        )
        assert case["status"] == "refused"
        assert case["exclusion"] == "over_12_months"


# --- acknowledging, defining and handling --------------------------------------------


class TestAcknowledge:
    def test_acknowledge_sets_definition_handler_and_respond_by(self, officer):
        ref = case_in("stage1_accepted", officer)
        case = ok(
            officer.post(
                f"/complaints/{ref}/acknowledge",
                {
                    "points": [" Damp not fixed ", ""],
                    "outcomes_sought": ["Fix the damp"],
                    "responsible_for": ["Repairs"],
                    "not_responsible_for": ["Contents insurance"],
                    "communication": sent("2026-10-05"),
                },
            )
        )
        stage = case["stages"][0]
        assert case["status"] == "stage1_acknowledged"
        assert stage["definition"] == {
            "points": ["Damp not fixed"],
            "outcomes_sought": ["Fix the damp"],
            "responsible_for_all": False,
            "responsible_for": ["Repairs"],
            "not_responsible_for": ["Contents insurance"],
        }
        assert stage["acknowledged_on"] == "2026-10-05"
        assert stage["acknowledged_on_time"] is True
        # Acknowledged by the letter recorded as sent that day, and only by it.
        sent_item = Correspondence.objects.get(pk=stage["acknowledgement_sent"])
        assert (sent_item.kind, sent_item.direction) == ("letter", "outgoing")
        assert sent_item.body == "The letter as sent"
        # Monday 5 October 2026 + 10 working days = Monday 19 October.
        assert stage["respond_by"] == "2026-10-19"
        assert (case["next_action"], case["next_due"]) == ("respond", "2026-10-19")
        assert case["handler"] == officer.user.pk == stage["handler"]
        assert last_event(officer, ref)["payload"]["handler"] == officer.user.pk

    def test_late_acknowledgement_is_a_breach_of_6_2(self, officer):
        ref = case_in("stage1_accepted", officer)
        case = acknowledge(officer, ref, occurred_at="2026-10-09T10:00:00Z")
        assert case["stages"][0]["acknowledged_on_time"] is False
        assert "6.2" in case["breaches"]
        # Friday 9 October + 10 working days = Friday 23 October.
        assert case["stages"][0]["respond_by"] == "2026-10-23"


class TestClarification:
    def test_request_clarification_is_recorded(self, officer):
        ref = case_in("stage1_acknowledged", officer)
        case = ok(
            officer.post(f"/complaints/{ref}/clarification-requests", {"question": "Which room?"})
        )
        assert case["status"] == "stage1_acknowledged"
        event = last_event(officer, ref)
        assert (event["action"], event["payload"]) == (
            "clarification_requested",
            {"question": "Which room?"},
        )


class TestExtensions:
    def test_stage1_extension_within_the_limit_moves_respond_by(self, officer):
        ref = case_in("stage1_acknowledged", officer)
        case = ok(
            officer.post(
                f"/complaints/{ref}/extensions",
                {
                    "working_days": 5,
                    "reason": "Surveyor's report awaited",
                    "told_resident_on": "2026-10-15",
                },
            )
        )
        stage = case["stages"][0]
        # 19 October + 5 working days = Monday 26 October.
        assert stage["respond_by"] == "2026-10-26"
        assert case["next_due"] == "2026-10-26"
        assert stage["extension_working_days"] == 5
        assert stage["extensions"] == [
            {
                "working_days": 5,
                "reason": "Surveyor's report awaited",
                "agreed_on": "2026-10-15",
                "approved_by": None,
            }
        ]
        assert "6.4" not in case["breaches"]
        assert last_event(officer, ref)["payload"] == {
            "stage": 1,
            "working_days": 5,
            "reason": "Surveyor's report awaited",
            "told_resident_on": "2026-10-15",
            "approved_by": None,
            "respond_by": "2026-10-26",
        }

    def test_told_on_the_respond_by_date_itself_counts(self, officer):
        ref = case_in("stage1_acknowledged", officer)
        case = ok(
            officer.post(
                f"/complaints/{ref}/extensions",
                {"working_days": 1, "reason": "Contractor ill", "told_resident_on": "2026-10-19"},
            )
        )
        assert case["stages"][0]["respond_by"] == "2026-10-20"

    def test_two_extensions_up_to_the_limit_add_up(self, officer):
        ref = case_in("stage1_acknowledged", officer)
        ok(
            officer.post(
                f"/complaints/{ref}/extensions",
                {"working_days": 4, "reason": "Survey", "told_resident_on": "2026-10-15"},
            )
        )
        case = ok(
            officer.post(
                f"/complaints/{ref}/extensions",
                {"working_days": 6, "reason": "Second survey", "told_resident_on": "2026-10-22"},
            )
        )
        # 19 Oct + 4 = Fri 23 Oct; + 6 = Mon 2 November.
        assert case["stages"][0]["respond_by"] == "2026-11-02"
        assert case["stages"][0]["extension_working_days"] == 10

    def test_beyond_the_limit_recorded_by_a_manager_is_their_approval(self, officer, manager):
        ref = case_in("stage1_acknowledged", officer)
        case = ok(
            ApiClient(manager).post(
                f"/complaints/{ref}/extensions",
                {
                    "working_days": 15,
                    "reason": "Structural survey",
                    "told_resident_on": "2026-10-15",
                },
            )
        )
        stage = case["stages"][0]
        # 19 October + 15 working days = Monday 9 November.
        assert stage["respond_by"] == "2026-11-09"
        assert stage["extensions"][0]["approved_by"] == manager.pk
        assert "6.4" not in case["breaches"]

    def test_extension_before_acknowledgement_moves_the_projected_date(self, officer):
        ref = case_in("stage1_accepted", officer)
        case = ok(
            officer.post(
                f"/complaints/{ref}/extensions",
                {"working_days": 2, "reason": "Awaiting records", "told_resident_on": "2026-10-06"},
            )
        )
        # Projected: ack-by 8 Oct + 10 = 22 Oct; + 2 = Monday 26 October.
        assert case["stages"][0]["respond_by"] == "2026-10-26"

    def test_stage2_extension_limit_is_20_working_days(self, officer, second_handler):
        ref = case_in("stage2_acknowledged", officer, second_handler)
        case = ok(
            second_handler.post(
                f"/complaints/{ref}/extensions",
                {
                    "working_days": 20,
                    "reason": "Independent survey",
                    "told_resident_on": "2026-11-16",
                },
            )
        )
        stage2 = case["stages"][1]
        # Wednesday 18 November + 20 working days = Wednesday 16 December.
        assert stage2["respond_by"] == "2026-12-16"
        assert case["stages"][0]["respond_by"] == "2026-10-19"  # stage 1 untouched
        assert last_event(officer, ref)["payload"]["stage"] == 2


class TestUpdateIntervalsAndConflicts:
    def test_agree_update_interval(self, officer):
        ref = case_in("stage1_acknowledged", officer)
        ok(
            officer.post(
                f"/complaints/{ref}/update-intervals",
                {"every_working_days": 5, "agreed_on": "2026-10-12", "note": " weekly "},
            )
        )
        event = last_event(officer, ref)
        assert event["action"] == "update_interval_agreed"
        assert event["payload"] == {
            "stage": 1,
            "every_working_days": 5,
            "agreed_on": "2026-10-12",
            "note": "weekly",
        }

    def test_record_conflict(self, officer):
        ref = case_in("stage1_responded", officer)
        ok(
            officer.post(
                f"/complaints/{ref}/conflicts",
                {
                    "description": "Handler's relative is the contractor",
                    "handling": "Reassigned review",
                },
            )
        )
        event = last_event(officer, ref)
        assert event["action"] == "conflict_recorded"
        assert event["payload"] == {
            "description": "Handler's relative is the contractor",
            "handling": "Reassigned review",
        }


class TestAddIssue:
    def test_before_acknowledgement_the_issue_joins_stage_1(self, officer):
        ref = case_in("stage1_accepted", officer)
        code, case = officer.post(f"/complaints/{ref}/issues", {"description": "Mould"})
        assert code == 200, case
        assert case["outcome"] == "added"
        assert case["reference"] == ref
        assert case["issues"] == ["Damp in the bedroom", "Mould"]

    def test_after_acknowledgement_the_definition_gains_the_point(self, officer):
        ref = case_in("stage1_acknowledged", officer)
        code, case = officer.post(f"/complaints/{ref}/issues", {"description": "Mould"})
        assert code == 200, case
        assert case["outcome"] == "added"
        assert case["stages"][0]["definition"]["points"] == [POINT, "Mould"]
        assert last_event(officer, ref)["action"] == "issue_added"
        # ...so the response must now decide it too.
        ok(
            officer.post(
                f"/complaints/{ref}/respond",
                {
                    "decisions": [
                        {"point": POINT, "decision": "upheld"},
                        {"point": "Mould", "decision": "not_upheld"},
                    ],
                    "reasons": "Explained",
                    "communication": sent(RESPONDED_AT),
                },
            )
        )

    def test_after_the_stage_1_response_it_is_a_new_linked_complaint(self, officer):
        ref = case_in("stage1_responded", officer)
        code, new = officer.post(f"/complaints/{ref}/issues", {"description": "Mould"})
        assert code == 201, new
        assert new["outcome"] == "new_complaint"
        assert new["reference"] != ref
        assert new["related_to"] == ref
        assert new["status"] == "stage1_received"
        assert new["summary"] == "Mould"
        old = ok(officer.get(f"/complaints/{ref}"))
        assert old["status"] == "stage1_responded"
        assert old["linked"] == [new["reference"]]
        assert old["issues"] == ["Damp in the bedroom"]
        assert last_event(officer, ref)["payload"] == {
            "new_complaint": new["reference"],
            "description": "Mould",
        }


class TestRespond:
    def test_stage1_response_records_decisions_remedies_and_actions(self, officer):
        ref = case_in("stage1_acknowledged", officer)
        case = ok(
            officer.post(
                f"/complaints/{ref}/respond",
                {
                    "decisions": [{"point": POINT, "decision": "partly_upheld"}],
                    "reasons": "The repair was missed",
                    "remedies": [
                        {
                            "kind": "financial",
                            "description": "Compensation",
                            "amount": "150.00",
                            "due_on": "2026-10-30",
                        }
                    ],
                    "outstanding_actions": [
                        {"description": "Treat the damp", "due_on": "2026-11-30"}
                    ],
                    "communication": sent("2026-10-16"),
                },
            )
        )
        stage = case["stages"][0]
        assert case["status"] == "stage1_responded"
        assert (case["next_action"], case["next_due"]) == (None, None)
        assert stage["responded_on"] == "2026-10-16"
        assert stage["responded_on_time"] is True
        assert stage["response"] == {
            "decisions": [{"point": POINT, "decision": "partly_upheld"}],
            "reasons": "The repair was missed",
        }
        # The remedy is a row, the one place letters and pages read it from.
        remedy = Remedy.objects.get(complaint__reference=ref)
        assert (remedy.kind, remedy.description, remedy.amount, remedy.due_on, remedy.stage) == (
            "financial",
            "Compensation",
            Decimal("150.00"),
            dt.date(2026, 10, 30),
            1,
        )
        assert case["outstanding_actions"] == [
            {
                "description": "Treat the damp",
                "due_on": "2026-11-30",
                "completed_on": None,
                "stage": 1,
            }
        ]
        assert case["allowed_commands"] == [
            "record_conflict",
            "escalate",
            "close",
            "attach",
            "set_category",
        ]

    def test_late_response_is_a_breach_of_6_3(self, officer):
        ref = case_in("stage1_acknowledged", officer)
        case = respond(officer, ref, occurred_at="2026-10-20T10:00:00Z")
        assert case["stages"][0]["responded_on_time"] is False
        assert "6.3" in case["breaches"]


class TestEscalateAndStage2:
    def test_escalate_needs_no_reason_and_starts_stage_2(self, officer):
        ref = case_in("stage1_responded", officer)
        case = ok(
            officer.post(f"/complaints/{ref}/escalate", {"occurred_at": "2026-10-20T10:00:00Z"})
        )
        assert case["status"] == "stage2_requested"
        assert case["stage"] == 2
        assert case["handler"] is None
        stage2 = case["stages"][1]
        assert stage2["number"] == 2
        assert stage2["requested_on"] == "2026-10-20"
        # Tuesday 20 October + 5 working days = Tuesday 27 October.
        assert stage2["acknowledge_by"] == "2026-10-27"
        assert (case["next_action"], case["next_due"]) == ("acknowledge", "2026-10-27")
        assert last_event(officer, ref)["payload"] == {"still_wrong": ""}

    def test_escalation_note_is_kept(self, officer):
        ref = case_in("stage1_responded", officer)
        case = ok(officer.post(f"/complaints/{ref}/escalate", {"still_wrong": "Still damp"}))
        assert case["stages"][1]["escalation_note"] == "Still damp"

    def test_stage2_acknowledged_by_another_handler(self, officer, second_handler):
        ref = case_in("stage2_requested", officer)
        case = acknowledge(second_handler, ref, STAGE2_ACKNOWLEDGED_AT, STAGE2_POINT)
        stage2 = case["stages"][1]
        assert case["status"] == "stage2_acknowledged"
        assert case["handler"] == second_handler.user.pk == stage2["handler"]
        # Wednesday 21 October + 20 working days = Wednesday 18 November.
        assert stage2["respond_by"] == "2026-11-18"
        assert case["stages"][0]["definition"]["points"] == [POINT]
        assert "6.13" not in case["breaches"]

    def test_stage2_response_closes_the_complaint(self, officer, second_handler):
        ref = case_in("closed", officer, second_handler)
        case = ok(officer.get(f"/complaints/{ref}"))
        assert case["status"] == "closed"
        assert case["stages"][1]["responded_on"] == "2026-11-16"
        assert case["stages"][1]["responded_on_time"] is True
        assert case["allowed_commands"] == ["attach", "set_category"]
        # Acknowledging an unassigned case takes it on, and the record says so.
        assert actions(officer, ref) == [
            "received",
            "accepted",
            "assigned",
            "acknowledged",
            "responded",
            "escalated",
            "assigned",
            "acknowledged",
            "responded",
        ]

    def test_assign_a_new_handler_at_stage_2(self, officer, second_handler):
        ref = case_in("stage2_requested", officer)
        case = ok(officer.post(f"/complaints/{ref}/assign", {"handler_id": second_handler.user.pk}))
        assert case["handler"] == second_handler.user.pk
        # Acknowledging defines stage 2: the stage 1 handler may not, even for another (6.13).
        with writes_nothing(officer, ref):
            assert_refused(
                officer.post(
                    f"/complaints/{ref}/acknowledge",
                    {
                        "points": [STAGE2_POINT],
                        "outcomes_sought": ["Fix it"],
                        "communication": sent(STAGE2_ACKNOWLEDGED_AT),
                        "responsible_for_all": True,
                    },
                ),
                422,
                "actor",
                "6.13",
            )
        case = acknowledge(second_handler, ref, STAGE2_ACKNOWLEDGED_AT, STAGE2_POINT)
        assert case["stages"][1]["handler"] == second_handler.user.pk
        # Assigned already: acknowledging it assigns nobody (stage 1's taking-on, the officer's).
        assert actions(officer, ref).count("assigned") == 2


class TestAssign:
    def test_assign_at_stage_1_after_acknowledgement_moves_the_stage_handler(
        self, officer, second_handler
    ):
        ref = case_in("stage1_acknowledged", officer)
        case = ok(officer.post(f"/complaints/{ref}/assign", {"handler_id": second_handler.user.pk}))
        assert case["handler"] == second_handler.user.pk
        assert case["stages"][0]["handler"] == second_handler.user.pk
        assert last_event(officer, ref)["payload"] == {"handler": second_handler.user.pk}


class TestClose:
    def test_close_after_the_stage_1_response(self, officer):
        ref = case_in("stage1_responded", officer)
        case = ok(officer.post(f"/complaints/{ref}/close", {"note": "Resident satisfied"}))
        assert case["status"] == "closed"
        assert case["next_due"] is None
        assert case["allowed_commands"] == ["attach", "set_category"]
        assert last_event(officer, ref)["payload"] == {"note": "Resident satisfied"}


class TestAttachments:
    @pytest.fixture(autouse=True)
    def media(self, settings, tmp_path):
        settings.MEDIA_ROOT = tmp_path
        return tmp_path

    @pytest.mark.today(TODAY)  # the file is filed under the year it arrives
    def test_upload_a_letter_file(self, officer, media):
        ref = case_in("stage1_acknowledged", officer)
        letter = SimpleUploadedFile("ack.txt", b"Dear Ms Jones", content_type="text/plain")
        code, body = officer.upload(
            f"/complaints/{ref}/attachments",
            {
                "kind": "letter",
                "direction": "outgoing",
                "title": "Acknowledgement letter",
                "file": letter,
                "occurred_at": "2026-10-05T11:00:00Z",
            },
        )
        assert code == 201, body
        assert body["kind"] == "letter"
        assert body["file"].startswith("correspondence/2026/")
        item = Correspondence.objects.get(pk=body["id"])
        assert item.file.read() == b"Dear Ms Jones"
        assert (media / body["file"]).exists()
        event = last_event(officer, ref)
        assert event["action"] == "correspondence_attached"
        assert event["payload"]["file"] == body["file"]

    def test_text_only_call_note(self, officer):
        ref = case_in("stage1_received", officer)
        code, body = officer.upload(
            f"/complaints/{ref}/attachments",
            {
                "kind": "call_note",
                "direction": "incoming",
                "title": "Resident rang",
                "body": "Asked for an update",
            },
        )
        assert code == 201, body
        assert body["file"] is None
        assert Correspondence.objects.get(pk=body["id"]).body == "Asked for an update"

    @pytest.mark.parametrize("state", ["closed", "refused"])
    def test_attach_is_allowed_on_a_finished_complaint(self, officer, second_handler, state):
        ref = case_in(state, officer, second_handler)
        code, body = officer.upload(
            f"/complaints/{ref}/attachments",
            {"kind": "email", "direction": "incoming", "title": "Thanks", "body": "Thank you"},
        )
        assert code == 201, body
        assert ok(officer.get(f"/complaints/{ref}"))["status"] == state


# --- when things happened --------------------------------------------------------------


class TestOccurredAt:
    def test_backdated_command_is_shown_as_backdated(self, officer):
        ref = case_in("stage1_accepted", officer)
        acknowledge(officer, ref, occurred_at="2026-10-05T10:00:00Z")
        event = last_event(officer, ref)
        # Sent on 5 October, a day with no time: noon in London (11:00 UTC in summer time).
        assert event["occurred_at"].startswith("2026-10-05T11:00:00")
        assert event["backdated"] is True

    def test_command_without_occurred_at_is_not_backdated(self, officer):
        ref = case_in("stage1_accepted", officer)
        ok(officer.post(f"/complaints/{ref}/clarification-requests", {"question": "Which room?"}))
        assert last_event(officer, ref)["backdated"] is False

    def test_events_are_listed_in_the_order_they_happened(self, officer):
        ref = case_in("stage1_acknowledged", officer)
        ok(
            officer.post(
                f"/complaints/{ref}/conflicts",
                {
                    "description": "Knows the resident",
                    "handling": "Declared",
                    "occurred_at": "2026-10-02T10:00:00Z",
                },
            )
        )
        assert actions(officer, ref) == [
            "received",
            "conflict_recorded",
            "accepted",
            "assigned",
            "acknowledged",
        ]


# --- dates across bank holidays ---------------------------------------------------------


class TestBankHolidays:
    def test_christmas_2025(self, officer):
        # Friday 19 December 2025: 22, 23, 24 (3), 25 and 26 are bank holidays, 29 (4), 30 (5).
        ref = open_case(officer, received_at="2025-12-19T10:00:00Z")
        assert ok(officer.get(f"/complaints/{ref}"))["stages"][0]["acknowledge_by"] == "2025-12-30"

    def test_christmas_2026_with_the_boxing_day_substitute(self, officer, monkeypatch):
        monkeypatch.setattr(timezone, "now", lambda: dt.datetime(2027, 1, 20, 12, 0, tzinfo=dt.UTC))
        # Friday 18 December 2026: 21, 22, 23, 24 (4); Fri 25 and Mon 28 are bank holidays;
        # Tuesday 29 December is day 5.
        ref = open_case(officer, received_at="2026-12-18T10:00:00Z")
        case = ok(officer.get(f"/complaints/{ref}"))
        assert case["stages"][0]["acknowledge_by"] == "2026-12-29"
        ok(officer.post(f"/complaints/{ref}/accept", {"occurred_at": "2026-12-21T10:00:00Z"}))
        case = acknowledge(officer, ref, occurred_at="2026-12-22T10:00:00Z")
        # Tuesday 22 December: 23, 24, 29, 30, 31 (5); Friday 1 January 2027 is a bank
        # holiday; 4 to 8 January (10) -> Friday 8 January 2027.
        assert case["stages"][0]["respond_by"] == "2027-01-08"
        # 8 January 2027 + 3 working days = Wednesday 13 January.
        case = ok(
            officer.post(
                f"/complaints/{ref}/extensions",
                {"working_days": 3, "reason": "Staff holiday", "told_resident_on": "2027-01-08"},
            )
        )
        assert case["stages"][0]["respond_by"] == "2027-01-13"


# --- the work queue --------------------------------------------------------------------


class TestWorkQueue:
    @pytest.mark.today(TODAY)
    def test_overdue_first_then_by_next_due(self, officer):
        late = case_in("stage1_acknowledged", officer)  # respond by 2026-10-19: overdue
        soon = open_case(officer, received_at="2026-11-20T10:00:00Z")  # acknowledge by 11-27
        later = open_case(officer, received_at="2026-11-23T10:00:00Z")  # acknowledge by 11-30
        queue = ok(officer.get("/work-queue"))
        assert [(r["reference"], r["next_action"], r["next_due"]) for r in queue] == [
            (late, "respond", "2026-10-19"),
            (soon, "acknowledge", "2026-11-27"),
            (later, "acknowledge", "2026-11-30"),
        ]

    def test_finished_and_waiting_cases_leave_the_queue(self, officer, second_handler):
        for state in ("stage1_responded", "closed", "refused"):
            case_in(state, officer, second_handler)
        assert ok(officer.get("/work-queue")) == []

    def test_handler_me(self, officer, second_handler):
        mine = case_in("stage1_acknowledged", officer)
        case_in("stage1_received", officer)  # no handler yet
        theirs = case_in("stage2_acknowledged", officer, second_handler)
        assert [r["reference"] for r in ok(officer.get("/work-queue?handler=me"))] == [mine]
        rows = ok(second_handler.get("/work-queue?handler=me"))
        assert [(r["reference"], r["handler"]) for r in rows] == [(theirs, second_handler.user.pk)]
        by_id = ok(officer.get(f"/work-queue?handler={second_handler.user.pk}"))
        assert [r["reference"] for r in by_id] == [theirs]

    def test_stage_2(self, officer, second_handler):
        case_in("stage1_acknowledged", officer)
        requested = case_in("stage2_requested", officer)  # acknowledge by 2026-10-27
        acknowledged = case_in("stage2_acknowledged", officer, second_handler)  # respond 11-18
        rows = ok(officer.get("/work-queue?stage=2"))
        assert [(r["reference"], r["status"], r["next_due"]) for r in rows] == [
            (requested, "stage2_requested", "2026-10-27"),
            (acknowledged, "stage2_acknowledged", "2026-11-18"),
        ]

    def test_limit_and_offset(self, officer):
        refs = [open_case(officer, received_at=f"2026-10-0{day}T10:00:00Z") for day in (1, 2, 5)]
        assert [r["reference"] for r in ok(officer.get("/work-queue?limit=2"))] == refs[:2]
        assert [r["reference"] for r in ok(officer.get("/work-queue?limit=2&offset=2"))] == refs[2:]


def test_a_complaint_about_a_contractors_work(officer):
    from redress.cases.models import Contractor

    contractor = Contractor.objects.create(name="Acme Repairs")
    ref = open_case(officer, contractor_id=contractor.pk)
    assert ok(officer.get(f"/complaints/{ref}"))["contractor"] == contractor.pk
    status, body = officer.post(
        "/complaints", {"resident_id": None, "summary": "x", "contractor_id": 999}
    )
    assert status == 422 and body["error"]["field"] == "contractor_id"
