"""Working-day calendars: Monday to Friday less the nation's bank holidays.

"Within N working days of X" means on or before the Nth working day after X.
Day X never counts, and when X is not a working day the first working day
after it is day 1. numpy's ``busday_offset`` with ``roll="backward"`` is
exactly that rule: rolling a non-working X back to the last working day P
makes P + N land on the same date. Using the one numpy primitive for single
dates and for arrays keeps the app and bulk audits in step by construction.

Adding no working days leaves the date where it is. (numpy alone would roll a
weekend or bank-holiday start back to the working day before it, a due date
earlier than the thing it is due from.) Adding then stays additive for every
n, m >= 0, but only N >= 1 is guaranteed to land on a working day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

import holidays
import numpy as np

# The `holidays` package's subdivision for each nation whose bank holidays a
# landlord can follow. England and Wales share theirs.
NATIONS = {
    "england-and-wales": "ENG",
    "scotland": "SCT",
    "northern-ireland": "NIR",
}
DEFAULT_NATION = "england-and-wales"
FIRST_YEAR = 1990
LAST_YEAR = 2100


class CalendarError(ValueError):
    """A calendar name we do not know, or a date outside the calendar's years."""


@cache
def bank_holidays(nation: str) -> frozenset[dt.date]:
    """Every bank holiday of the nation between FIRST_YEAR and LAST_YEAR."""
    try:
        subdivision = NATIONS[nation]
    except KeyError:
        known = ", ".join(NATIONS)
        raise CalendarError(f"unknown calendar {nation!r}; choose one of: {known}") from None
    found = holidays.country_holidays(
        "GB", subdiv=subdivision, years=range(FIRST_YEAR, LAST_YEAR + 1)
    )
    return frozenset(found)


@dataclass(frozen=True)
class WorkingDayCalendar:
    """A nation's working days, less any extra closure days the landlord sets."""

    nation: str = DEFAULT_NATION
    closures: frozenset[dt.date] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        # Accept any iterable of dates (a list, a set) and keep the calendar hashable.
        object.__setattr__(self, "closures", frozenset(self.closures))
        days_off = sorted(bank_holidays(self.nation) | set(self.closures))
        busdaycal = np.busdaycalendar(weekmask="1111100", holidays=days_off)
        object.__setattr__(self, "_busdaycal", busdaycal)
        object.__setattr__(self, "_days_off", frozenset(days_off))

    @property
    def busdaycal(self) -> np.busdaycalendar:
        return self._busdaycal  # type: ignore[attr-defined]

    def is_working_day(self, day: dt.date) -> bool:
        _check_range(day)
        return day.weekday() < 5 and day not in self._days_off  # type: ignore[attr-defined]

    def add_working_days(self, start: dt.date, days: int) -> dt.date:
        """The date that is `days` working days after `start` (see module docstring)."""
        if days < 0:
            raise ValueError("working days to add must not be negative")
        _check_range(start)
        if days == 0:
            return start
        result = np.busday_offset(
            np.datetime64(start, "D"), days, roll="backward", busdaycal=self.busdaycal
        )
        return result.astype(dt.date)

    def add_working_days_array(self, starts: np.ndarray, days: int | np.ndarray) -> np.ndarray:
        """Vectorised add_working_days over datetime64[D] arrays; NaT stays NaT.

        `days` is one count or an array of counts; where it is 0 the start is
        returned unchanged, exactly as add_working_days does.
        """
        starts = np.asarray(starts, dtype="datetime64[D]")
        days = np.asarray(days)
        if np.any(days < 0):
            raise ValueError("working days to add must not be negative")
        moved = np.busday_offset(starts, days, roll="backward", busdaycal=self.busdaycal)
        return np.where(days == 0, starts, moved)

    def working_days_left(self, today: dt.date, due: dt.date) -> int:
        """Working days after today up to and including due; negative once overdue.

        Due today is 0; due on the next working day is 1; one working day
        overdue is -1.
        """
        _check_range(today)
        _check_range(due)
        # Count the working days in (earlier, later] and sign the result. Not
        # busday_count(today + 1, due + 1) for both directions: numpy counts a
        # reversed range as (end, begin], which is one day off when overdue.
        one = dt.timedelta(days=1)
        earlier, later = sorted((today, due))
        count = int(
            np.busday_count(
                np.datetime64(earlier + one, "D"),
                np.datetime64(later + one, "D"),
                busdaycal=self.busdaycal,
            )
        )
        return count if due >= today else -count


def _check_range(day: dt.date) -> None:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise CalendarError(f"{day.isoformat()} is outside {FIRST_YEAR} to {LAST_YEAR}")


def calendar_for(
    nation: str = DEFAULT_NATION, closures: Iterable[dt.date] = ()
) -> WorkingDayCalendar:
    """A shared calendar per nation and closure set (building one costs ~0.2 s).

    `closures` may be any iterable of dates (a list or a set as well as a
    tuple); the same dates in any order share one calendar.
    """
    return _shared_calendar(nation, frozenset(closures))


@cache
def _shared_calendar(nation: str, closures: frozenset[dt.date]) -> WorkingDayCalendar:
    return WorkingDayCalendar(nation=nation, closures=closures)
