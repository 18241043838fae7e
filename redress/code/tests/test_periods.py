"""Reporting periods: validation, the previous period and the months, by example and property."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from redress.code.periods import Period, PeriodError
from redress.code.tsm import ReportingYear

D = dt.date
days = st.dates(min_value=D(1991, 1, 1), max_value=D(2099, 12, 31))


@st.composite
def periods(draw) -> Period:
    first = draw(days)
    length = draw(st.integers(min_value=0, max_value=800))
    return Period(first, min(first + dt.timedelta(days=length), D(2099, 12, 31)))


def test_the_last_day_cannot_come_before_the_first():
    with pytest.raises(PeriodError):
        Period(D(2026, 5, 2), D(2026, 5, 1))
    assert Period(D(2026, 5, 1), D(2026, 5, 1)).days == 1


def test_the_previous_period_by_example():
    # 1 April to 20 November 2026 is 234 days; the 234 days before end on 31 March.
    period = Period(D(2026, 4, 1), D(2026, 11, 20))
    assert period.days == 234
    assert period.previous() == Period(D(2025, 8, 10), D(2026, 3, 31))
    # A leap February: 29 days back from 1 March 2024.
    assert Period(D(2024, 3, 1), D(2024, 3, 29)).previous() == Period(D(2024, 2, 1), D(2024, 2, 29))


def test_a_reporting_year_as_a_period():
    period = Period.of(ReportingYear(2025))
    assert period == Period(D(2025, 4, 1), D(2026, 3, 31))
    assert [start.month for start, _ in period.months()] == [4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3]
    assert period.months()[-1] == (D(2026, 3, 1), D(2026, 3, 31))


def test_months_are_clipped_to_the_period():
    assert Period(D(2025, 12, 15), D(2026, 2, 3)).months() == [
        (D(2025, 12, 15), D(2025, 12, 31)),
        (D(2026, 1, 1), D(2026, 1, 31)),
        (D(2026, 2, 1), D(2026, 2, 3)),
    ]
    assert Period(D(2026, 6, 9), D(2026, 6, 9)).months() == [(D(2026, 6, 9), D(2026, 6, 9))]


def test_labels():
    assert Period(D(2026, 4, 1), D(2026, 11, 20)).label == "1 April 2026 to 20 November 2026"
    assert Period(D(2026, 4, 1), D(2026, 4, 1)).label == "1 April 2026"
    assert Period(D(2026, 4, 1), D(2026, 11, 20)).slug == "2026-04-01-to-2026-11-20"


@given(periods())
def test_the_previous_period_is_as_long_and_ends_the_day_before(period):
    before = period.previous()
    assert before.days == period.days
    assert before.last_day + dt.timedelta(days=1) == period.first_day


@given(periods())
def test_the_months_cover_the_period_exactly_once(period):
    months = period.months()
    assert months[0][0] == period.first_day
    assert months[-1][1] == period.last_day
    assert sum((end - start).days + 1 for start, end in months) == period.days
    for (_, end), (start, _) in zip(months, months[1:], strict=False):
        assert start == end + dt.timedelta(days=1) and start.day == 1
    for start, end in months:
        assert (start.year, start.month) == (end.year, end.month)
