"""The dashboard's figures for any period and the one before, against dashboard_set's
hand count (the counting is in that module's docstring)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal

import pytest

from redress.code.calendars import calendar_for
from redress.oversight import dashboard, selectors

from .dashboard_set import PERIOD, PREVIOUS, TODAY, the_dashboard_set  # noqa: F401

pytestmark = pytest.mark.django_db
D = dt.date


def test_the_previous_period_is_the_one_counted_by_hand():
    assert PERIOD.previous() == PREVIOUS


def test_volumes_by_month_clip_the_months(dashboard_set):
    rows = selectors.received_by_month(PERIOD)
    assert [(r["month"], r["received"], r["refused"], r["escalated"]) for r in rows] == [
        (D(2026, 4, 20), 1, 0, 0),  # A
        (D(2026, 5, 1), 3, 1, 1),  # B, C, D (refused); A's escalation
        (D(2026, 6, 1), 1, 0, 0),  # E
    ]
    before = selectors.received_by_month(PREVIOUS)
    assert [r["received"] for r in before] == [0, 2, 1]  # Feb 27-28; F, G; H
    assert [r["refused"] for r in before] == [0, 0, 1]
    # 4 accepted at stage 1 and 1 escalation, per 1,000 of 2,000 homes.
    assert selectors.per_thousand_homes(rows) == {"homes": 2000, "stage1": 2.0, "stage2": 0.5}
    assert selectors.per_thousand_homes(before) == {"homes": 2000, "stage1": 1.0, "stage2": 0.0}


def test_no_homes_no_rates(dashboard_set, settings):
    settings.REDRESS_HOMES = 0
    assert selectors.per_thousand_homes(selectors.received_by_month(PERIOD)) is None
    assert "per 1,000" not in str(dashboard.volumes(PERIOD, TODAY).rows)


def test_timeliness_and_days_late(dashboard_set):
    stage1, stage2 = selectors.timeliness(PERIOD)
    # A on time; B 4 and C 9 working days late: 13 in all, median 6.5.
    assert stage1 == {
        "stage": 1,
        "responded": 3,
        "acknowledged_on_time": 3,
        "responded_on_time": 1,
        "extended": 0,
        "within_timescales": 1,
        "late": 2,
        "days_late": 13,
        "median_days_late": 6.5,
    }
    assert (stage2["responded"], stage2["responded_on_time"], stage2["late"]) == (1, 1, 0)
    assert stage2["median_days_late"] is None
    stage1, stage2 = selectors.timeliness(PREVIOUS)
    # F on time with its extension; G one working day late over Easter.
    assert (stage1["responded"], stage1["responded_on_time"], stage1["extended"]) == (2, 1, 1)
    assert (stage1["late"], stage1["days_late"], stage1["median_days_late"]) == (1, 1, 1.0)
    assert stage2["responded"] == 0


@pytest.mark.parametrize(
    ("recorded_on", "days_late", "median"),
    [
        # Closing on 27 May, recorded on 1 May, leaves both deadlines (19 and 26 May) where
        # they were, and takes a working day out of C's lateness: 28, 29 May, 1 to 5 June
        # and the Saturday, 8. B's (20, 21, 22, 26 May) stays 4.
        (D(2026, 5, 1), 12, 6.0),
        # The same closure recorded on 28 May, the day after: 27 May was a working day as
        # far as anyone knew on it, and C stays 9 working days late.
        (D(2026, 5, 28), 13, 6.5),
    ],
)
def test_a_closure_day_takes_a_day_out_of_lateness_only_if_recorded_by_then(
    dashboard_set, recorded_on, days_late, median
):
    from redress.administration.models import ClosureDay

    closure = ClosureDay.objects.create(date=D(2026, 5, 27), reason="Closure")
    at = dt.datetime.combine(recorded_on, dt.time(12), tzinfo=dt.UTC)
    ClosureDay.objects.filter(pk=closure.pk).update(created_at=at)
    stage1 = selectors.timeliness(PERIOD)[0]
    assert (stage1["late"], stage1["days_late"], stage1["median_days_late"]) == (
        2,
        days_late,
        median,
    )


def test_working_days_late_and_the_weighted_median():
    calendar = calendar_for("england-and-wales")
    assert selectors.working_days_late(calendar, D(2026, 5, 19), D(2026, 5, 26)) == 4
    assert selectors.working_days_late(calendar, D(2026, 5, 22), D(2026, 5, 23)) == 1  # Sat
    assert selectors.working_days_late(calendar, D(2026, 5, 22), D(2026, 5, 25)) == 1  # holiday
    assert selectors.working_days_late(calendar, D(2026, 5, 22), D(2026, 5, 22)) == 0
    assert selectors.weighted_median(Counter({4: 1, 9: 1})) == 6.5
    assert selectors.weighted_median(Counter({1: 3, 10: 1})) == 1
    assert selectors.weighted_median(Counter({1: 2, 10: 2})) == 5.5
    assert selectors.weighted_median(Counter()) is None


def test_outcomes_refusals_and_categories(dashboard_set):
    assert [(r["counts"], r["total"]) for r in selectors.decisions(PERIOD)] == [
        ([2, 1, 1], 4),  # A and C upheld, B's two points
        ([1, 0, 0], 1),  # A at stage 2
    ]
    assert [(r["counts"], r["total"]) for r in selectors.decisions(PREVIOUS)] == [
        ([1, 0, 1], 2),
        ([0, 0, 0], 0),
    ]
    refused = {r["label"]: r["count"] for r in selectors.refusals(PERIOD)}
    assert refused["Legal proceedings filed"] == 1 and sum(refused.values()) == 1
    refused = {r["label"]: r["count"] for r in selectors.refusals(PREVIOUS)}
    assert refused["Previously considered under the policy"] == 1 and sum(refused.values()) == 1
    found = {r["label"]: r["count"] for r in selectors.categories(PERIOD)}
    assert (found["Repairs"], found["Damp and mould"], found["No category recorded"]) == (3, 1, 1)
    found = {r["label"]: r["count"] for r in selectors.categories(PREVIOUS)}
    assert (found["Repairs"], found["Damp and mould"], found["No category recorded"]) == (2, 1, 0)


def test_remedies(dashboard_set):
    now = selectors.remedies(PERIOD)
    # Offered in the period: A's apology, B's £150 and C's £75.50. Completed: the apology,
    # B's (2 June) and G's (offered before, paid 20 April).
    assert (now["offered"], now["completed"]) == (3, 3)
    assert (now["financial_offered"], now["amount_offered"]) == (2, Decimal("225.50"))
    assert (now["financial_paid"], now["amount_paid"]) == (2, Decimal("200.00"))
    kinds = {r["label"]: (r["offered"], r["completed"]) for r in now["kinds"]}
    assert kinds["Apology"] == (1, 1) and kinds["Financial remedy"] == (2, 2)
    before = selectors.remedies(PREVIOUS)
    assert (before["offered"], before["completed"]) == (1, 0)
    assert (before["amount_offered"], before["amount_paid"]) == (Decimal("50.00"), Decimal("0"))


def test_learning(dashboard_set):
    assert selectors.learning(PERIOD) == {"identified": 1, "completed": 1, "open_at_end": 1}
    assert selectors.learning(PREVIOUS) == {"identified": 2, "completed": 1, "open_at_end": 1}


def test_ombudsman(dashboard_set):
    now = selectors.ombudsman_outcomes(PERIOD, TODAY)
    assert {r["label"]: r["count"] for r in now["findings"]}["Maladministration"] == 1
    assert now["orders"]["due_in_year"] == 1 and now["orders"]["complied_on_time"] == 1
    before = selectors.ombudsman_outcomes(PREVIOUS, TODAY)
    assert {r["label"]: r["count"] for r in before["findings"]}["No maladministration"] == 1


def test_the_tables_set_each_figure_against_the_previous_period(dashboard_set):
    rows = {row[0]: row[1:] for row in dashboard.volumes(PERIOD, TODAY).rows}
    assert rows == {
        "Complaints received at stage 1": (5, 3, 2),
        "Of which not accepted": (1, 1, 0),
        "Escalations to stage 2 requested": (1, 0, 1),
        "Stage 1 complaints accepted per 1,000 homes": (2.0, 1.0, 1.0),
        "Stage 2 escalations per 1,000 homes": (0.5, 0.0, 0.5),
    }
    rows = {row[0]: row[1:] for row in dashboard.timeliness(PERIOD, TODAY).rows}
    assert rows["Stage 1: answered late"] == (2, 1, 1)
    assert rows["Stage 1: working days late, in total"] == (13, 1, 12)
    assert rows["Stage 1: median working days late, of those answered late"] == (6.5, 1.0, 5.5)
    assert rows["Stage 2: median working days late, of those answered late"] == (None,) * 3
    rows = {row[0]: row[1:] for row in dashboard.remedies(PERIOD, TODAY).rows}
    assert rows["Amount paid (£)"] == (Decimal("200.00"), Decimal("0"), Decimal("200.00"))
    months = dashboard.volumes_by_month(PERIOD, TODAY)
    assert [row[0] for row in months.rows] == [
        "April 2026 (20 to 30)",
        "May 2026",
        "June 2026 (1 to 10)",
    ]
    open_now = dashboard.open_now(PERIOD, TODAY)
    assert open_now.rows[0] == ("Stage 1", 0, 1, 0, 0, 0, 1, 0)  # E, 8 days old
    assert {t.name for t in dashboard.tables(PERIOD, TODAY)} == set(dashboard.BUILDERS)


def test_a_reporting_year_still_works_as_before(dashboard_set):
    from redress.code.tsm import ReportingYear

    year = ReportingYear(2026)
    assert len(selectors.received_by_month(year)) == 12
    assert sum(r["received"] for r in selectors.received_by_month(year)) == 6  # A to E, and H
