"""Worked examples of the bulk audit, dates counted by hand on the 2025 calendars.

England and Wales 2025: Good Friday 18 Apr, Easter Monday 21 Apr, 5 May,
26 May, 25 Aug. Scotland has no Easter Monday but has 2 Jan and 4 Aug.
"""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest

from redress.code.calendars import calendar_for
from redress.tracker import audit_tracker, read_tracker
from redress.tracker.output import write_json

from .helpers import csv_text

D = dt.date
LATE_2025 = D(2025, 12, 31)


def audit(rows, as_of=LATE_2025, nation="england-and-wales"):
    tracker = read_tracker(io.StringIO(csv_text(rows)))
    assert tracker.problems == []
    out = io.StringIO()
    write_json(tracker, audit_tracker(tracker, calendar_for(nation), as_of), out)
    return json.loads(out.getvalue())


def one(as_of=LATE_2025, nation="england-and-wales", **cells):
    [result] = audit([{"reference": "A", **cells}], as_of, nation)
    return result


def stage(ack_by, respond_by, ack_on_time=None, responded_on_time=None):
    return {
        "acknowledge_by": ack_by,
        "respond_by": respond_by,
        "acknowledged_on_time": ack_on_time,
        "responded_on_time": responded_on_time,
    }


def test_received_on_good_friday_in_england():
    # Day 1 is Tue 22 Apr (Easter Monday is off): ack by Mon 28 Apr; then +10 = Tue 13 May.
    result = one(received="2025-04-18", as_of=D(2025, 4, 28))
    assert result == {
        "reference": "A",
        "stage1": stage("2025-04-28", "2025-05-13"),
        "stage2": None,
        "breaches": [],
    }


def test_received_on_good_friday_in_scotland():
    # No Easter Monday in Scotland: ack by Fri 25 Apr; +10 skips 5 May = Mon 12 May.
    result = one(received="2025-04-18", as_of=D(2025, 4, 25), nation="scotland")
    assert result["stage1"] == stage("2025-04-25", "2025-05-12")


def test_a_utc_timestamp_late_on_30_march_is_received_on_31_march():
    result = one(received="2025-03-30T23:30:00Z", as_of=D(2025, 3, 31))
    assert result["stage1"]["acknowledge_by"] == "2025-04-07"  # Mon 31 Mar + 5


def test_respond_by_counts_from_the_actual_acknowledgement():
    # Received Mon 2 Jun, acknowledged Tue 3 Jun: respond by Tue 17 Jun.
    result = one(received="2025-06-02", stage1_acknowledged="2025-06-03",
                 stage1_responded="2025-06-17")  # fmt: skip
    assert result["stage1"] == stage("2025-06-09", "2025-06-17", True, True)
    assert result["breaches"] == []


def test_overdue_actions_are_breaches_as_of_the_date():
    # Received Mon 2 Jun, nothing done: ack by Mon 9 Jun, respond by (projected) Mon 23 Jun.
    received = {"received": "2025-06-02"}
    assert one(as_of=D(2025, 6, 9), **received)["breaches"] == []
    assert one(as_of=D(2025, 6, 10), **received)["breaches"] == ["6.2"]
    assert one(as_of=D(2025, 6, 23), **received)["breaches"] == ["6.2"]
    late = one(as_of=D(2025, 6, 24), **received)
    assert late["breaches"] == ["6.2", "6.3"]
    assert late["stage1"] == stage("2025-06-09", "2025-06-23")  # on time: null until done


def test_answered_without_an_acknowledgement_by_the_ack_date_is_not_late():
    result = one(received="2025-06-02", stage1_responded="2025-06-06", as_of=D(2025, 7, 1))
    assert result["stage1"] == stage("2025-06-09", "2025-06-23", None, True)
    assert result["breaches"] == []


def test_late_acknowledgement_and_late_response():
    result = one(received="2025-06-02", stage1_acknowledged="2025-06-10",
                 stage1_responded="2025-06-25")  # fmt: skip
    # Respond by runs from the actual (late) acknowledgement: 10 Jun + 10 = Tue 24 Jun.
    assert result["stage1"] == stage("2025-06-09", "2025-06-24", False, False)
    assert result["breaches"] == ["6.2", "6.3"]


# Received Mon 2 Jun, acknowledged Tue 3 Jun: respond by Tue 17 Jun before any extension.
ACKNOWLEDGED = {"received": "2025-06-02", "stage1_acknowledged": "2025-06-03"}


@pytest.mark.parametrize(
    "extension, responded, respond_by, breaches",
    [
        # Ten days agreed on the respond-by date with a reason: Tue 1 Jul.
        (("10", "2025-06-17", "contractor"), "2025-07-01", "2025-07-01", []),
        # Agreed a day too late: the old date stands.
        (("10", "2025-06-18", "contractor"), "2025-07-01", "2025-06-17", ["6.3", "6.4"]),
        # No recorded reason.
        (("10", "2025-06-10", ""), "2025-06-17", "2025-06-17", ["6.4"]),
        (("10", "2025-06-10", "   "), "2025-06-17", "2025-06-17", ["6.4"]),
        # No agreed date.
        (("10", "", "contractor"), "2025-06-17", "2025-06-17", ["6.4"]),
        # An agreed date but no days, or zero days.
        (("", "2025-06-10", "contractor"), "2025-06-17", "2025-06-17", ["6.4"]),
        (("0", "2025-06-10", "contractor"), "2025-06-17", "2025-06-17", ["6.4"]),
        # Beyond the 10-day limit: the recorded reason is the good reason. 17 Jun + 15 = 8 Jul.
        (("15", "2025-06-10", "expert report"), "2025-07-08", "2025-07-08", []),
        # Zero days and no date is no extension at all.
        (("0", "", "n/a"), "2025-06-17", "2025-06-17", []),
    ],
)
def test_stage1_extensions(extension, responded, respond_by, breaches):
    days, agreed, reason = extension
    result = one(
        **ACKNOWLEDGED,
        stage1_extension_working_days=days,
        stage1_extension_agreed=agreed,
        stage1_extension_reason=reason,
        stage1_responded=responded,
    )
    assert result["stage1"]["respond_by"] == respond_by
    assert result["breaches"] == breaches


ESCALATED = {
    "received": "2025-03-31",
    "stage1_acknowledged": "2025-04-01",
    "stage1_responded": "2025-04-10",
    "escalation_requested": "2025-04-20",  # Easter Sunday
}


def test_stage2_clock_and_an_invalid_stage2_extension():
    # Escalated Easter Sunday: day 1 is Tue 22 Apr, ack by Mon 28 Apr. Acknowledged then:
    # +20 skips 5 and 26 May = Wed 28 May. An extension with no reason does not move it.
    result = one(
        **ESCALATED,
        stage2_acknowledged="2025-04-28",
        stage2_extension_working_days="10",
        stage2_extension_agreed="2025-05-20",
        stage2_responded="2025-05-29",
    )
    assert result["stage1"] == stage("2025-04-07", "2025-04-15", True, True)
    assert result["stage2"] == stage("2025-04-28", "2025-05-28", True, False)
    assert result["breaches"] == ["6.14", "6.15"]


def test_a_late_stage2_acknowledgement_is_6_11():
    result = one(**ESCALATED, stage2_acknowledged="2025-04-29", as_of=D(2025, 5, 1))
    assert result["breaches"] == ["6.11"]


@pytest.mark.parametrize(
    "first, second, same",
    [
        ("Ann Smith", " ann SMITH ", True),
        ("Ann Smith", "Ann Smyth", False),
        ("Ann Smith", "", False),
        ("", "", False),
        ("  ", " ", False),
    ],
)
def test_same_handler_at_both_stages_is_6_13(first, second, same):
    result = one(**ESCALATED, stage1_handler=first, stage2_handler=second, as_of=D(2025, 4, 22))
    assert result["breaches"] == (["6.13"] if same else [])


def test_same_handler_needs_a_stage_2():
    result = one(received="2025-06-02", stage1_handler="Ann", stage2_handler="Ann",
                 as_of=D(2025, 6, 2))  # fmt: skip
    assert result["breaches"] == []


def test_breaches_come_in_the_codes_order():
    result = one(
        received="2025-06-02",
        stage1_acknowledged="2025-06-10",
        stage1_extension_working_days="5",
        stage1_responded="2025-07-01",
        stage1_handler="Ann",
        escalation_requested="2025-07-02",
        stage2_handler="ann",
        as_of=D(2025, 12, 1),
    )
    assert result["breaches"] == ["6.2", "6.3", "6.4", "6.11", "6.13", "6.14"]


def test_a_refused_complaint_has_no_stages_and_no_breaches():
    result = one(refused="yes", received="2025-01-02", stage1_handler="Ann",
                 escalation_requested="2025-02-01", stage2_handler="Ann")  # fmt: skip
    assert result == {"reference": "A", "stage1": None, "stage2": None, "breaches": []}


def test_rows_stay_in_file_order_and_references_are_json_escaped():
    rows = [
        {"reference": 'Q"1\\', "received": "2025-06-02"},
        {"reference": "Café", "received": "2025-06-03"},
    ]
    assert [r["reference"] for r in audit(rows)] == ['Q"1\\', "Café"]
