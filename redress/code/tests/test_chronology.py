"""The stage events' order, across both stages: no date puts one before another."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from redress.code.chronology import (
    ORDER,
    Moment,
    acknowledged,
    began,
    latest,
    misplaced,
    previous,
    responded,
)

M = Moment
D = dt.date


def test_the_order_is_the_codes():
    assert ORDER == (
        M.RECEIVED,
        M.ACKNOWLEDGED,
        M.RESPONDED,
        M.ESCALATED,
        M.STAGE2_ACKNOWLEDGED,
        M.STAGE2_RESPONDED,
        M.CLOSED,
    )
    assert [began(1), acknowledged(1), responded(1)] == [M.RECEIVED, M.ACKNOWLEDGED, M.RESPONDED]
    assert [began(2), acknowledged(2), responded(2)] == [
        M.ESCALATED,
        M.STAGE2_ACKNOWLEDGED,
        M.STAGE2_RESPONDED,
    ]
    assert previous(M.ESCALATED) is M.RESPONDED
    assert previous(M.RECEIVED) is M.RECEIVED


def test_closure_before_the_stage_1_response_is_misplaced():
    """Issue 17: `close` dated before the stage 1 response was accepted."""
    dates = {M.RECEIVED: D(2026, 10, 1), M.RESPONDED: D(2026, 10, 16), M.CLOSED: D(2026, 10, 9)}
    assert misplaced(dates) == (M.CLOSED, M.RESPONDED)


def test_an_escalation_before_the_receipt_is_misplaced_across_stages():
    """Issue 17: a correction moved a stage 2 request a month before the receipt."""
    dates = {
        M.RECEIVED: D(2026, 10, 1),
        M.ACKNOWLEDGED: D(2026, 10, 5),
        M.RESPONDED: D(2026, 10, 16),
        M.ESCALATED: D(2026, 9, 1),
    }
    assert misplaced(dates) == (M.ESCALATED, M.RESPONDED)


def test_a_moment_is_measured_against_the_latest_before_it():
    # No acknowledgement recorded: the response still follows the receipt.
    dates = {M.RECEIVED: D(2026, 10, 5), M.RESPONDED: D(2026, 10, 2)}
    assert misplaced(dates) == (M.RESPONDED, M.RECEIVED)
    # What follows is measured against the latest date before it, whichever moment has it.
    assert latest(dates, M.ESCALATED) == (M.RECEIVED, D(2026, 10, 5))
    assert latest({}, M.CLOSED) is None
    assert latest({M.RECEIVED: D(2026, 10, 1), M.CLOSED: D(2026, 9, 1)}, M.RESPONDED) == (
        M.RECEIVED,
        D(2026, 10, 1),
    )


def test_the_same_day_is_in_order():
    day = D(2026, 10, 1)
    assert misplaced(dict.fromkeys(ORDER, day)) is None
    assert misplaced({}) is None


days = st.dates(min_value=D(2024, 4, 1), max_value=D(2027, 3, 31))
some_dates = st.dictionaries(st.sampled_from(ORDER), days | st.none())


@given(some_dates)
def test_misplaced_exactly_when_the_dates_are_not_sorted(dates):
    dated = [dates[m] for m in ORDER if dates.get(m)]
    assert (misplaced(dates) is None) == (dated == sorted(dated))


@given(some_dates)
def test_the_misplaced_moment_is_before_one_it_follows(dates):
    found = misplaced(dates)
    if found is not None:
        later, earlier = found
        assert ORDER.index(earlier) < ORDER.index(later)
        assert dates[later] < dates[earlier]
        # Nothing before `later` is out of order: it is the first one.
        assert (
            misplaced({m: d for m, d in dates.items() if ORDER.index(m) < ORDER.index(later)})
            is None
        )


@given(some_dates, st.sampled_from(ORDER), days)
def test_a_date_on_or_after_the_latest_keeps_the_order(dates, moment, day):
    """What every dated command relies on: a new moment dated on or after everything
    before it leaves an ordered record ordered (nothing after it has happened yet)."""
    before = {m: d for m, d in dates.items() if ORDER.index(m) < ORDER.index(moment)}
    if misplaced(before) is not None:
        return
    floor = latest(before, previous(moment)) if moment is not M.RECEIVED else None
    placed = {**before, moment: day}
    assert (misplaced(placed) is None) == (floor is None or day >= floor[1])
