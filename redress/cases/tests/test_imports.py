"""`import-cases` on the database side: complaints with their events, idempotently."""

from __future__ import annotations

import datetime as dt

import pytest

from redress.cases.imports import import_tracker_rows
from redress.cases.models import Complaint
from redress.code.timescales import Extension
from redress.code.tsm import ReportingYear, measures
from redress.oversight.selectors import measure_counts
from redress.record.models import Event
from redress.tracker.rows import TrackerRow

from .measures_oracle import count_measures_from_db

pytestmark = pytest.mark.django_db
D = dt.date


def tracker_rows():
    return [
        # Closed at stage 2, on time throughout, different handlers.
        TrackerRow(
            line=2,
            reference="T-1",
            received=D(2025, 4, 1),
            stage1_acknowledged=D(2025, 4, 3),
            stage1_responded=D(2025, 4, 10),
            stage1_handler="Ann",
            escalation_requested=D(2025, 4, 14),
            stage2_acknowledged=D(2025, 4, 16),
            stage2_responded=D(2025, 5, 1),
            stage2_handler="Bob",
        ),
        # Stage 1 answered late: Tue 1 Apr + 5 = Tue 8 Apr to acknowledge (done 8 Apr);
        # respond by 8 Apr + 10, skipping Good Friday 18 and Easter Monday 21 = Thu 24 Apr.
        # The extension has no agreed date so it does not count: 25 Apr is late.
        TrackerRow(
            line=3,
            reference="T-2",
            received=D(2025, 4, 1),
            stage1_acknowledged=D(2025, 4, 8),
            stage1_responded=D(2025, 4, 25),
            stage1_handler="Ann",
            stage1_extension=Extension(5, None, "waiting for survey", True),
        ),
        TrackerRow(
            line=4,
            reference="T-3",
            received=D(2025, 5, 2),
            refused=True,
            refusal_reason="Legal proceedings",
        ),
        TrackerRow(line=5, reference="T-4", received=D(2025, 6, 2)),
    ]


def test_import_creates_complaints_with_events_and_is_idempotent():
    first = import_tracker_rows(tracker_rows())
    assert (first.created, first.skipped) == (4, 0)
    again = import_tracker_rows(tracker_rows())
    assert (again.created, again.skipped) == (0, 4)
    assert Complaint.objects.count() == 4

    closed = Complaint.objects.get(reference="T-1")
    assert closed.status == "closed"
    assert closed.next_due is None
    actions = list(
        Event.objects.for_subject("complaint", closed.pk).values_list("action", flat=True)
    )
    assert actions == [
        "received",
        "accepted",
        "acknowledged",
        "responded",
        "escalated",
        "acknowledged",
        "responded",
    ]
    event = Event.objects.for_subject("complaint", closed.pk).first()
    assert event.actor_label == "import" and event.backdated
    assert closed.stages.get(number=2).handler_name == "Bob"

    refused = Complaint.objects.get(reference="T-3")
    assert refused.status == "refused" and refused.stages.count() == 0

    waiting = Complaint.objects.get(reference="T-4")
    assert waiting.status == "stage1_accepted"
    # Mon 2 June 2025 + 5 working days = Mon 9 June.
    assert (waiting.next_action, waiting.next_due) == ("acknowledge", D(2025, 6, 9))
    extension = Complaint.objects.get(reference="T-2").stages.get().extensions.get()
    assert extension.agreed_on is None and extension.good_reason


def test_tsm_from_db_counts_the_imported_year():
    import_tracker_rows(tracker_rows())
    counts = measure_counts(ReportingYear(2025))
    assert counts == count_measures_from_db(ReportingYear(2025))
    # Three accepted stage 1 complaints (the refused one is not counted), one escalation;
    # stage 1 answered: T-1 on time, T-2 late (its extension had no agreed date).
    assert (counts.stage1_received, counts.stage2_received) == (3, 1)
    assert (counts.stage1_responded, counts.stage1_within_timescales) == (2, 1)
    assert (counts.stage2_responded, counts.stage2_within_timescales) == (1, 1)
    result = measures(ReportingYear(2025), 1000, counts)
    assert result["CH01_stage1_per_1000"] == 3.0
    assert result["CH02_stage1_percent"] == 50.0
    assert result["CH02_stage2_percent"] == 100.0


def test_tsm_from_db_outside_the_year_is_empty():
    import_tracker_rows(tracker_rows())
    counts = measure_counts(ReportingYear(2023))
    assert measures(ReportingYear(2023), 500, counts)["CH02_stage1_percent"] is None
