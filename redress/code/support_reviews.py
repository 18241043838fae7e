"""Keeping reasonable adjustments (5.10) and contact restrictions (5.14) under review.

The Code asks for adjustments to be "kept under active review" and restrictions "under
regular review", and sets no period. The landlords' self-assessments that do name one
review restrictions every three months. So the next review is always ahead of today and
never further than a bound that still means "regular": a year for a restriction (it
limits how a resident may reach their landlord), two years for an adjustment. A date
beyond it (a review in 2036) is a typing mistake, not a plan.
"""

from __future__ import annotations

import calendar
import datetime as dt
from enum import StrEnum

from .london import long_date


class Need(StrEnum):
    ADJUSTMENT = "adjustment"
    RESTRICTION = "restriction"


class Outcome(StrEnum):
    """What a review decided: the adjustment or restriction stays, is changed, or ends."""

    KEPT = "kept"
    CHANGED = "changed"
    ENDED = "ended"


RULE = {Need.ADJUSTMENT: "5.10", Need.RESTRICTION: "5.14"}
LONGEST_MONTHS = {Need.ADJUSTMENT: 24, Need.RESTRICTION: 12}


def months_after(day: dt.date, months: int) -> dt.date:
    """The same day `months` on, or that month's last day when it has no such day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def latest_review(need: Need, today: dt.date) -> dt.date:
    return months_after(today, LONGEST_MONTHS[Need(need)])


def review_date_problem(need: Need, review_on: dt.date, today: dt.date) -> str:
    """Why `review_on` cannot be the next review, in words; "" when it can."""
    if review_on <= today:
        return "the review date must be after today"
    latest = latest_review(need, today)
    if review_on > latest:
        months = LONGEST_MONTHS[Need(need)]
        return f"the review date must be within {months} months: {long_date(latest)} at the latest"
    return ""
