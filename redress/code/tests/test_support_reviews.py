"""The next review of an adjustment or a restriction: after today, and not beyond the bound."""

from __future__ import annotations

import datetime as dt

import pytest

from redress.code.support_reviews import Need, latest_review, months_after, review_date_problem

TODAY = dt.date(2026, 12, 5)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2026, 12, 5), 12, dt.date(2027, 12, 5)),
        (dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)),
        (dt.date(2027, 2, 28), 12, dt.date(2028, 2, 28)),
        (dt.date(2028, 2, 29), 24, dt.date(2030, 2, 28)),
        (dt.date(2026, 11, 30), 3, dt.date(2027, 2, 28)),
    ],
)
def test_months_after_keeps_the_day_or_the_month_s_last(day, months, expected):
    assert months_after(day, months) == expected


def test_a_restriction_is_reviewed_within_a_year_an_adjustment_within_two():
    assert latest_review(Need.RESTRICTION, TODAY) == dt.date(2027, 12, 5)
    assert latest_review(Need.ADJUSTMENT, TODAY) == dt.date(2028, 12, 5)


@pytest.mark.parametrize("need", list(Need))
def test_the_review_date_is_after_today(need):
    for day in (TODAY, TODAY - dt.timedelta(days=1)):
        assert review_date_problem(need, day, TODAY) == "the review date must be after today"
    assert review_date_problem(need, TODAY + dt.timedelta(days=1), TODAY) == ""


def test_a_review_in_2036_is_refused_with_the_latest_date_allowed():
    assert review_date_problem(Need.ADJUSTMENT, dt.date(2036, 1, 1), TODAY) == (
        "the review date must be within 24 months: 5 December 2028 at the latest"
    )
    assert review_date_problem(Need.RESTRICTION, dt.date(2027, 12, 5), TODAY) == ""
    assert review_date_problem(Need.RESTRICTION, dt.date(2027, 12, 6), TODAY) == (
        "the review date must be within 12 months: 5 December 2027 at the latest"
    )
