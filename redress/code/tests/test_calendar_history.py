"""The past stays as it was: a calendar change counts only for due dates not yet passed.

Worked examples write dates as literals; November 2026 has no bank holidays in
England and Wales, so only weekends and the closures named here are days off.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redress.code.calendars import (
    CalendarHistory,
    ClosureRecord,
    DeploymentCalendar,
    WorkingDayCalendar,
    calendar_for,
    calendar_history,
)

D = dt.date
EW = calendar_for("england-and-wales")
DEPLOYED = DeploymentCalendar(D(2026, 1, 1), "england-and-wales", frozenset())
# The case: 23 to 30 November 2026 closed, recorded on 5 December.
LATE_WEEK = [D(2026, 11, day) for day in (23, 24, 25, 26, 27, 30)]

days = st.dates(min_value=D(2026, 1, 1), max_value=D(2027, 6, 30))
counts = st.integers(min_value=0, max_value=30)
FEW = settings(max_examples=200, deadline=None)


def history(*closures: ClosureRecord, deployments=(DEPLOYED,)):
    return calendar_history(list(deployments), closures)


def closed(day: dt.date, added_on: dt.date, withdrawn_on: dt.date | None = None):
    return ClosureRecord(day, added_on, withdrawn_on)


def test_a_closure_recorded_after_a_due_date_passed_leaves_it_where_it_was():
    recorded_late = history(*(closed(day, D(2026, 12, 5)) for day in LATE_WEEK))
    # Received Friday 13 November: 10 working days is Friday 27 November, passed by 5 December.
    assert recorded_late.add_working_days(D(2026, 11, 13), 10) == D(2026, 11, 27)
    # Working days overdue on Monday 7 December: 30 November, 1 to 4 and 7 December.
    assert recorded_late.working_days_left(D(2026, 12, 7), D(2026, 11, 27)) == -6
    assert recorded_late.is_working_day(D(2026, 11, 24))


def test_a_closure_recorded_late_still_moves_a_due_date_not_yet_passed():
    recorded_late = history(*(closed(day, D(2026, 12, 5)) for day in LATE_WEEK))
    # Received Monday 16 November: 20 working days was Monday 14 December; the six
    # closure days in it move it to Tuesday 22 December.
    assert EW.add_working_days(D(2026, 11, 16), 20) == D(2026, 12, 14)
    assert recorded_late.add_working_days(D(2026, 11, 16), 20) == D(2026, 12, 22)


def test_a_due_date_on_the_day_the_closure_is_recorded_has_not_passed():
    on_the_day = history(closed(D(2026, 11, 30), D(2026, 12, 2)))
    # Wednesday 18 November + 10 is Wednesday 2 December, the day the closure is recorded.
    assert on_the_day.add_working_days(D(2026, 11, 18), 10) == D(2026, 12, 3)
    # Tuesday 17 November + 10 is Tuesday 1 December, passed by then.
    assert on_the_day.add_working_days(D(2026, 11, 17), 10) == D(2026, 12, 1)


def test_a_closure_recorded_in_advance_counts_as_it_always_did():
    ahead = history(closed(D(2026, 12, 29), D(2026, 11, 2)))
    assert not ahead.is_working_day(D(2026, 12, 29))
    assert ahead.add_working_days(D(2026, 12, 22), 3) == D(2026, 12, 30)  # 23, 24, (28) 30
    assert ahead.working_days_left(D(2027, 1, 4), D(2026, 12, 24)) == -3  # 28, 30, 31 Dec


def test_withdrawing_a_closure_counts_from_the_day_it_is_withdrawn():
    withdrawn = history(closed(D(2026, 11, 20), D(2026, 11, 2), D(2026, 11, 25)))
    # Due dates that passed before 25 November keep the closure; later ones lose it.
    assert withdrawn.add_working_days(D(2026, 11, 16), 5) == D(2026, 11, 24)
    assert withdrawn.add_working_days(D(2026, 11, 18), 10) == D(2026, 12, 2)
    # Friday 20 November stayed a day off: the office was closed that day as far as anyone knew.
    assert not withdrawn.is_working_day(D(2026, 11, 20))


def test_a_changed_nation_counts_only_from_the_day_it_is_recorded():
    scotland = DeploymentCalendar(D(2026, 12, 1), "scotland", frozenset())
    moved = history(deployments=(DEPLOYED, scotland))
    # St Andrew's Day (Monday 30 November) is a Scottish bank holiday, recorded on 1 December.
    assert moved.add_working_days(D(2026, 11, 16), 10) == D(2026, 11, 30)
    assert moved.add_working_days(D(2026, 11, 17), 10) == D(2026, 12, 2)
    assert moved.is_working_day(D(2026, 11, 30))
    assert moved.nation == "scotland"


def test_no_change_is_a_plain_calendar_and_the_first_settings_always_applied():
    assert history() is EW
    deployed = DeploymentCalendar(D(2026, 12, 1), "england-and-wales", frozenset(LATE_WEEK))
    assert history(deployments=(deployed,)) == calendar_for("england-and-wales", LATE_WEEK)


def test_changes_are_in_order_one_a_day():
    with pytest.raises(ValueError, match="in the order made"):
        CalendarHistory(EW, ((D(2026, 12, 2), EW), (D(2026, 12, 1), EW)))
    with pytest.raises(ValueError, match="needs the deployment's settings"):
        calendar_history([], ())


# --- properties ---------------------------------------------------------------------------


@st.composite
def closure_records(draw) -> ClosureRecord:
    """A closure day recorded up to 40 days before or after it, perhaps withdrawn later."""
    day = draw(days)
    added_on = day + dt.timedelta(days=draw(st.integers(min_value=-40, max_value=40)))
    kept = draw(st.integers(min_value=0, max_value=30))
    return closed(day, added_on, None if kept == 0 else added_on + dt.timedelta(days=kept))


closures = st.lists(closure_records(), max_size=4)


@FEW
@given(closures, days, counts, st.integers(min_value=0, max_value=60))
def test_a_closure_added_after_a_due_date_passed_never_changes_it(before, start, n, lag):
    # Whatever else the calendar held, one more closure day recorded once a due date
    # had passed leaves that due date where it was; one for a day already gone by
    # when recorded leaves its overdue count too.
    calendar = history(*before)
    due = calendar.add_working_days(start, n)
    recorded_on = due + dt.timedelta(days=1 + lag)
    today = recorded_on + dt.timedelta(days=lag)
    for day in (start, due - dt.timedelta(days=lag), due, recorded_on - dt.timedelta(days=1)):
        later = history(*before, closed(day, recorded_on))
        assert later.add_working_days(start, n) == due
        assert later.working_days_left(today, due) == calendar.working_days_left(today, due)
    for day in (recorded_on, today + dt.timedelta(days=lag)):
        assert history(*before, closed(day, recorded_on)).add_working_days(start, n) == due


@FEW
@given(days, counts, days, st.integers(min_value=0, max_value=40))
def test_a_closure_added_before_a_due_date_passed_counts_in_full(start, n, day, ahead):
    due = EW.add_working_days(start, n)
    with_it = history(closed(day, due - dt.timedelta(days=ahead)))
    expected = calendar_for("england-and-wales", [day]).add_working_days(start, n)
    assert with_it.add_working_days(start, n) == expected


@FEW
@given(closures, st.lists(days, min_size=1, max_size=20), counts)
def test_arrays_give_the_single_dates_answers(recorded, starts, n):
    calendar = history(*recorded)
    found = calendar.add_working_days_array(np.array(starts + [None], dtype="datetime64[D]"), n)
    assert [d.astype(dt.date) for d in found[:-1]] == [
        calendar.add_working_days(start, n) for start in starts
    ]
    assert np.isnat(found[-1])


@FEW
@given(closures, days, days)
def test_working_days_left_counts_each_day_by_its_own_calendar(recorded, today, due):
    calendar = history(*recorded)
    earlier, later = sorted((today, due))
    working = sum(
        calendar.as_of(day).is_working_day(day)
        for day in (earlier + dt.timedelta(days=i) for i in range(1, (later - earlier).days + 1))
    )
    assert calendar.working_days_left(today, due) == (working if due >= today else -working)


def test_a_plain_calendar_is_its_own_history():
    assert isinstance(EW.as_of(D(2026, 1, 1)), WorkingDayCalendar) and EW.as_of(D(1999, 1, 1)) is EW
