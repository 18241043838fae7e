"""Remedy bands and overdue items: the rules, with bands passed in as data."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from redress.code.calendars import calendar_for
from redress.code.remedies import (
    DUE_SOON_WORKING_DAYS,
    Band,
    financial_total,
    outside_band_warning,
    suggest_band,
    update_due_on,
    working_days_overdue,
)

BANDS = [
    Band("minor", "Minor failure", Decimal("0"), Decimal("100"), "minor"),
    Band("adverse", "Adversely affected", Decimal("100"), Decimal("600"), "adverse"),
    Band("significant", "Significant impact", Decimal("600"), Decimal("1000"), "significant"),
    Band(
        "serious", "Serious", Decimal("1000"), None, "serious", finding="severe_maladministration"
    ),
]
CALENDAR = calendar_for("england-and-wales")
# Spring bank holiday 2026 is Monday 25 May: the Friday before is the 22nd.
FRIDAY, SATURDAY, HOLIDAY, TUESDAY = (dt.date(2026, 5, d) for d in (22, 23, 25, 26))


@pytest.mark.parametrize(
    ("finding", "impact", "key"),
    [
        ("service_failure", "minor", "minor"),
        ("maladministration", "adverse", "adverse"),
        ("maladministration", "significant", "significant"),
        ("service_failure", "serious", "serious"),
        # Severe maladministration points to its band whatever the impact.
        ("severe_maladministration", "minor", "serious"),
        ("reasonable_redress", "adverse", "adverse"),
    ],
)
def test_the_band_follows_the_finding_and_impact(finding, impact, key):
    assert suggest_band(BANDS, finding, impact).key == key


@pytest.mark.parametrize("finding", ["no_maladministration", "outside_jurisdiction"])
def test_no_band_where_no_remedy_is_due(finding):
    assert suggest_band(BANDS, finding, "serious") is None


def test_no_band_for_an_impact_nobody_configured():
    assert suggest_band(BANDS, "maladministration", "") is None


def test_bands_are_data_not_code():
    mine = [Band("low", "Low", Decimal("0"), Decimal("50"), "minor")]
    assert suggest_band(mine, "service_failure", "minor").high == Decimal("50")


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        ("100", ""),
        ("600", ""),
        ("350.50", ""),
        ("99.99", "£99.99 is below the suggested band (Adversely affected, £100 to £600)"),
        ("600.01", "£600.01 is above the suggested band (Adversely affected, £100 to £600)"),
    ],
)
def test_a_warning_when_the_amount_is_outside_the_band(amount, words):
    assert outside_band_warning(BANDS[1], Decimal(amount)) == words


def test_the_top_band_has_no_ceiling():
    assert outside_band_warning(BANDS[3], Decimal("25000")) == ""
    assert "below" in outside_band_warning(BANDS[3], Decimal("999"))


def test_no_warning_without_a_band_or_an_amount():
    assert outside_band_warning(None, Decimal("5000")) == ""
    assert outside_band_warning(BANDS[0], None) == ""


def test_the_amount_is_the_sum_of_its_parts():
    parts = (Decimal("50"), None, Decimal("125.5"), Decimal("0.25"))
    assert financial_total(*parts) == Decimal("175.75")


def test_due_on_the_friday_before_a_bank_holiday_is_not_overdue_on_the_holiday():
    assert working_days_overdue(CALENDAR, HOLIDAY, FRIDAY) == 0
    assert working_days_overdue(CALENDAR, SATURDAY, FRIDAY) == 0


def test_it_is_one_working_day_overdue_on_the_tuesday():
    assert working_days_overdue(CALENDAR, TUESDAY, FRIDAY) == 1


def test_due_today_is_not_overdue():
    assert working_days_overdue(CALENDAR, FRIDAY, FRIDAY) == 0


def test_due_soon_spans_two_working_days_over_the_holiday():
    thursday = dt.date(2026, 5, 21)
    # Friday is day 1, Tuesday (after the holiday) day 2: the last day that is due soon.
    assert CALENDAR.add_working_days(thursday, DUE_SOON_WORKING_DAYS) == dt.date(2026, 5, 26)


def test_an_update_is_due_the_agreed_working_days_after_the_last():
    # Five working days after Tuesday 19 May, with the holiday, is Wednesday 27 May.
    since = dt.date(2026, 5, 19)
    assert update_due_on(CALENDAR, since, 5) == dt.date(2026, 5, 27)
    assert update_due_on(CALENDAR, since, None) is None
