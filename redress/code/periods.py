"""Reporting periods: any run of calendar days, the run before it, and its months.

The oversight dashboards (9.x) report on any dates the MRC or the senior lead
choose, each compared with the period of the same length just before it. Dates
are London calendar dates; both ends are included.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .london import long_date

ONE_DAY = dt.timedelta(days=1)


class PeriodError(ValueError):
    """A period whose last day comes before its first."""


@dataclass(frozen=True)
class Period:
    first_day: dt.date
    last_day: dt.date

    def __post_init__(self) -> None:
        if self.last_day < self.first_day:
            raise PeriodError(
                f"the period cannot end ({self.last_day.isoformat()}) before it starts"
                f" ({self.first_day.isoformat()})"
            )

    @classmethod
    def of(cls, span) -> Period:
        """Any object with first_day and last_day (a ReportingYear, say) as a Period."""
        return cls(span.first_day, span.last_day)

    @property
    def days(self) -> int:
        return (self.last_day - self.first_day).days + 1

    def previous(self) -> Period:
        """The period of as many days ending the day before this one starts."""
        last = self.first_day - ONE_DAY
        return Period(last - dt.timedelta(days=self.days - 1), last)

    def months(self) -> list[tuple[dt.date, dt.date]]:
        """Each calendar month the period touches, as (first day, last day) clipped to it."""
        found = []
        start = self.first_day
        while start <= self.last_day:
            following = dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
            end = min(following - ONE_DAY, self.last_day)
            found.append((start, end))
            start = following
        return found

    @property
    def label(self) -> str:
        """For example "1 April 2026 to 20 November 2026" (one day: just the day)."""
        first = long_date(self.first_day)
        return first if self.days == 1 else f"{first} to {long_date(self.last_day)}"

    @property
    def slug(self) -> str:
        """For file names: "2026-04-01-to-2026-11-20"."""
        return f"{self.first_day.isoformat()}-to-{self.last_day.isoformat()}"
