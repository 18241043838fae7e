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

The past stays as it was. A landlord's calendar changes (a closure day added or
withdrawn, a deployment's nation or closure days changed), and a change made on
day T counts for a due date only if that due date had not passed by T (it is T or
later): `CalendarHistory` applies each change, in the order made, while the due
date it is computing has not yet passed, so a change never removes a breach that
already existed or turns an overdue case into one on time. A question about one
day (is it a working day? how many working days late?) is answered day by day,
each by the calendar as it stood at the end of that day (today's for a day still to
come), so a closure recorded for a day that has passed changes only the due dates
still to come.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache

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

    def as_of(self, day: dt.date) -> WorkingDayCalendar:
        """The calendar as it stood on `day`: a calendar without history is always itself."""
        return self

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


@dataclass(frozen=True)
class CalendarHistory:
    """A calendar and the changes made to it, each the calendar from the day it was made.

    It answers as a WorkingDayCalendar does, by the rule in the module docstring.
    `changes` are (day made, calendar from then on), in the order made, at most one
    a day (the calendar at the end of that day).
    """

    first: WorkingDayCalendar
    changes: tuple[tuple[dt.date, WorkingDayCalendar], ...] = ()

    def __post_init__(self) -> None:
        days = [day for day, _ in self.changes]
        if days != sorted(set(days)):
            raise ValueError("calendar changes must be in the order made, one a day")
        object.__setattr__(self, "_days", days)
        object.__setattr__(self, "_calendars", [self.first, *(c for _, c in self.changes)])

    @property
    def current(self) -> WorkingDayCalendar:
        return self._calendars[-1]  # type: ignore[attr-defined]

    @property
    def nation(self) -> str:
        return self.current.nation

    @property
    def closures(self) -> frozenset[dt.date]:
        return self.current.closures

    def as_of(self, day: dt.date) -> WorkingDayCalendar:
        """The calendar as it stood at the end of `day` (today's for a day still to come)."""
        return self._calendars[bisect_right(self._days, day)]  # type: ignore[attr-defined]

    def is_working_day(self, day: dt.date) -> bool:
        return self.as_of(day).is_working_day(day)

    def add_working_days(self, start: dt.date, days: int) -> dt.date:
        """The due date `days` working days after `start`, each change counting only
        while that due date has not passed. Changes made by `start` always count (a due
        date is never before its start), so the walk begins with the calendar then."""
        made = self._days  # type: ignore[attr-defined]
        at = bisect_right(made, start)
        due = self._calendars[at].add_working_days(start, days)  # type: ignore[attr-defined]
        for later in range(at, len(made)):
            if due < made[later]:
                break
            due = self._calendars[later + 1].add_working_days(start, days)  # type: ignore[attr-defined]
        return due

    def add_working_days_array(self, starts: np.ndarray, days: int | np.ndarray) -> np.ndarray:
        """Vectorised add_working_days: the same walk, over the rows whose due date has
        not passed when each change was made (NaT never has, so stays NaT)."""
        starts = np.asarray(starts, dtype="datetime64[D]")
        days = np.broadcast_to(np.asarray(days), starts.shape)
        due = np.array(self.first.add_working_days_array(starts, days), dtype="datetime64[D]")
        for made, calendar in self.changes:
            moving = due >= np.datetime64(made, "D")
            if not moving.any():
                break  # every due date has passed, and stays passed for later changes
            due[moving] = calendar.add_working_days_array(starts[moving], days[moving])
        return due

    def working_days_left(self, today: dt.date, due: dt.date) -> int:
        """As WorkingDayCalendar's, each day counted by the calendar as it stood on that
        day: a change made since never moves how overdue something already was."""
        one = dt.timedelta(days=1)
        made = self._days  # type: ignore[attr-defined]
        earlier, later = sorted((today, due))
        count = 0
        while earlier < later:  # the days in (earlier, later], one stretch per calendar
            at = bisect_right(made, earlier + one)
            end = later if at == len(made) else min(later, made[at] - one)
            count += self._calendars[at].working_days_left(earlier, end)  # type: ignore[attr-defined]
            earlier = end
        return count if due >= today else -count


# Either answers every question a clock asks.
Calendar = WorkingDayCalendar | CalendarHistory


@dataclass(frozen=True)
class DeploymentCalendar:
    """The deployment's settings for the calendar, from the day they were recorded."""

    recorded_on: dt.date
    nation: str
    closures: frozenset[dt.date]


@dataclass(frozen=True)
class ClosureRecord:
    """A closure day and the days it was added and (if it was) withdrawn."""

    day: dt.date
    added_on: dt.date
    withdrawn_on: dt.date | None = None


def calendar_history(
    deployments: Sequence[DeploymentCalendar], closures: Iterable[ClosureRecord] = ()
) -> Calendar:
    """The calendar with its history, from the recorded settings and closure days.

    The first recorded settings have always applied (nothing earlier was recorded);
    each later one, each closure added and each withdrawn is a change on its day.
    Without any change this is a plain WorkingDayCalendar.
    """
    if not deployments:
        raise ValueError("a calendar history needs the deployment's settings")
    return _shared_history(tuple(deployments), frozenset(closures))


@lru_cache(maxsize=64)
def _shared_history(
    deployments: tuple[DeploymentCalendar, ...], closures: frozenset[ClosureRecord]
) -> Calendar:
    first, *later = deployments
    made = {d.recorded_on for d in later}
    made |= {c.added_on for c in closures}
    made |= {c.withdrawn_on for c in closures if c.withdrawn_on is not None}

    def calendar_at_end_of(day: dt.date | None) -> WorkingDayCalendar:
        settings = first
        for deployment in later:
            if day is not None and deployment.recorded_on <= day:
                settings = deployment
        active = {
            c.day
            for c in closures
            if day is not None
            and c.added_on <= day
            and (c.withdrawn_on is None or c.withdrawn_on > day)
        }
        return calendar_for(settings.nation, settings.closures | active)

    start = calendar_at_end_of(None)
    changes = tuple((day, calendar_at_end_of(day)) for day in sorted(made))
    if not changes:
        return start
    return CalendarHistory(start, changes)
