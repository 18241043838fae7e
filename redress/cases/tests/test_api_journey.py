"""A complaint's whole life through the API, and the record it leaves."""

from __future__ import annotations

import datetime as dt

import pytest

from redress.cases.models import Correspondence
from redress.code.london import london_date

from .factories import sent

pytestmark = pytest.mark.django_db


def new_resident(api, name="Ada Jones"):
    status, body = api.post(
        "/residents", {"name": name, "postcode": "SE1 7PB", "email": "ada@example.org"}
    )
    assert status == 201, body
    return body["id"]


def test_complaint_from_contact_to_final_response(officer, second_handler):
    resident = new_resident(officer)
    status, contact = officer.post(
        "/contacts",
        {
            "resident_id": resident,
            "channel": "phone",
            "classification": "complaint",
            "summary": "Damp in the bedroom has not been fixed",
        },
    )
    assert status == 201, contact
    ref = contact["complaint"]
    assert ref.startswith("CMP-")

    status, case = officer.get(f"/complaints/{ref}")
    assert case["status"] == "stage1_received"
    assert case["next_action"] == "acknowledge"

    assert officer.post(f"/complaints/{ref}/accept")[0] == 200
    status, case = officer.post(
        f"/complaints/{ref}/acknowledge",
        {
            "points": ["Damp not fixed"],
            "outcomes_sought": ["Fix the damp"],
            "responsible_for": ["Repairs"],
            "not_responsible_for": ["Contents insurance"],
            "communication": {"how": "issue", "delivery": "email"},
        },
    )
    assert status == 200, case
    assert case["status"] == "stage1_acknowledged"
    assert case["next_action"] == "respond"
    assert case["stages"][0]["definition"]["points"] == ["Damp not fixed"]

    status, case = officer.post(
        f"/complaints/{ref}/respond",
        {
            "decisions": [{"point": "Damp not fixed", "decision": "upheld"}],
            "reasons": "The repair was missed",
            "remedies": [
                {"kind": "apology", "description": "We apologise", "due_on": "2099-01-05"}
            ],
            "outstanding_actions": [{"description": "Treat the damp", "due_on": "2099-01-05"}],
            "communication": {"how": "issue", "delivery": "post"},
        },
    )
    assert status == 200, case
    assert case["status"] == "stage1_responded"
    assert case["next_due"] is None
    assert case["outstanding_actions"][0]["description"] == "Treat the damp"

    status, case = officer.post(f"/complaints/{ref}/escalate", {})
    assert status == 200, case
    assert case["status"] == "stage2_requested"
    assert case["handler"] is None

    status, case = second_handler.post(
        f"/complaints/{ref}/acknowledge",
        {
            "points": ["Stage 1 did not fix the damp"],
            "outcomes_sought": ["Fix it now"],
            "communication": {
                "how": "recorded",
                "sent_on": case["stages"][1]["requested_on"],
                "channel": "phone",
                "note": "Rang Ms Jones to acknowledge stage 2 and read her the definition",
            },
            "responsible_for_all": True,
        },
    )
    assert status == 200, case
    status, case = second_handler.post(
        f"/complaints/{ref}/respond",
        {
            "decisions": [{"point": "Stage 1 did not fix the damp", "decision": "partly_upheld"}],
            "reasons": "Works booked",
            "communication": {
                "how": "recorded",
                "sent_on": case["stages"][1]["requested_on"],
                "channel": "email",
                "note": "Our stage 2 answer, sent from the shared mailbox",
            },
        },
    )
    assert status == 200, case
    assert case["status"] == "closed"
    assert case["allowed_commands"] == ["attach", "set_category"]

    status, events = officer.get(f"/complaints/{ref}/events")
    assert [e["action"] for e in events] == [
        "received",
        "accepted",
        "assigned",  # taking the unassigned case on by acknowledging it
        "letter_issued",  # the acknowledgement letter that acknowledged it
        "acknowledged",
        "letter_issued",
        "responded",
        "escalated",
        "assigned",
        "acknowledged",
        "responded",
    ]
    assert all(e["recorded_at"] for e in events)
    assert events[0]["actor"] == "Olive"


def test_work_queue_orders_by_next_due_overdue_first(officer):
    resident = new_resident(officer)
    refs = []
    for received in ("2026-11-02T10:00:00Z", "2026-10-01T10:00:00Z", "2026-11-10T10:00:00Z"):
        status, case = officer.post(
            "/complaints", {"resident_id": resident, "summary": "Noise", "received_at": received}
        )
        assert status == 201, case
        refs.append(case["reference"])
    status, queue = officer.get("/work-queue")
    assert [row["reference"] for row in queue] == [refs[1], refs[0], refs[2]]
    # 1 October 2026 (Thursday) + 5 working days = Thursday 8 October.
    assert queue[0]["next_due"] == "2026-10-08"


def test_a_wrong_date_is_corrected_by_a_new_event(officer):
    resident = new_resident(officer)
    status, case = officer.post(
        "/complaints",
        {"resident_id": resident, "summary": "Leak", "received_at": "2026-10-01T10:00:00Z"},
    )
    ref = case["reference"]
    officer.post(f"/complaints/{ref}/accept", {"occurred_at": "2026-10-01T11:00:00Z"})
    officer.post(
        f"/complaints/{ref}/acknowledge",
        {
            "points": ["Leak"],
            "outcomes_sought": ["Fix"],
            "communication": sent("2026-10-09T11:00:00Z"),
            "responsible_for_all": True,
        },
    )
    _, events = officer.get(f"/complaints/{ref}/events")
    acknowledged = next(e for e in events if e["action"] == "acknowledged")
    _, case = officer.get(f"/complaints/{ref}")
    assert "6.2" in case["breaches"]  # 9 Oct is after the acknowledge-by date, 8 Oct

    status, case = officer.post(
        f"/complaints/{ref}/corrections",
        {
            "event_id": acknowledged["id"],
            "occurred_at": "2026-10-07T15:00:00Z",
            "reason": "Letter was posted on the 7th; typed wrongly",
        },
    )
    assert status == 200, case
    assert case["stages"][0]["acknowledged_on"] == "2026-10-07"
    # The communication that acknowledged it carries the corrected date too.
    item = Correspondence.objects.get(pk=case["stages"][0]["acknowledgement_sent"])
    assert london_date(item.occurred_at) == dt.date(2026, 10, 7)
    # Wed 7 Oct + 10 working days = Wed 21 Oct.
    assert case["stages"][0]["respond_by"] == "2026-10-21"
    assert "6.2" not in case["breaches"]
    _, events = officer.get(f"/complaints/{ref}/events")
    correction = events[-1]
    assert correction["action"] == "corrected" and correction["corrects"] == acknowledged["id"]
    assert next(e for e in events if e["id"] == acknowledged["id"])["occurred_at"].startswith(
        "2026-10-09"
    )

    status, body = officer.post(
        f"/complaints/{ref}/corrections",
        {"event_id": acknowledged["id"], "occurred_at": "2026-09-30T10:00:00Z", "reason": "x"},
    )
    assert status == 422 and body["error"]["field"] == "occurred_at"


def test_nul_characters_are_refused_by_field_not_stored(officer):
    status, body = officer.post("/residents", {"name": "Ada\x00Jones"})
    assert status == 422 and body["error"]["field"] == "name"
    status, body = officer.post(
        "/complaints", {"summary": "ok", "related_to": None, "category": "a\x00"}
    )
    assert status == 422 and body["error"]["field"] == "category"
    assert officer.get("/complaints/CMP%00X")[0] == 404


def test_opening_replies_with_what_a_read_returns_without_reading_it_back(
    officer, django_assert_max_num_queries
):
    """The reply to POST /complaints is built from the rows the service wrote; it must
    match a fresh read exactly, and stay cheap (it is the busiest write)."""
    resident = new_resident(officer)
    related = officer.post(
        "/complaints", {"resident_id": resident, "summary": "Leak", "channel": "phone"}
    )[1]["reference"]
    # token, roles, resident, related, calendar, savepoint, insert x3, update, event,
    # release, needs (2)
    with django_assert_max_num_queries(15):
        status, created = officer.post(
            "/complaints",
            {
                "resident_id": resident,
                "summary": "Mould after the leak",
                "channel": "email",
                "related_to": related,
            },
        )
    assert status == 201, created
    assert created["related_to"] == related
    assert created["issues"] == ["Mould after the leak"]
    assert created["stages"][0]["acknowledge_by"] is not None
    assert officer.get(f"/complaints/{created['reference']}") == (200, created)
