"""What a drafted piece of evidence is, and the few ways its figures are written.

Figures are written as a published report writes them: thousands separators,
percentages to one decimal place rounded half up (the TSMs' rule, in
`redress.code.tsm`), "none" rather than "0 of 0", and the period they cover.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from redress.administration import deployment
from redress.code.london import LONDON, long_date
from redress.code.tsm import ReportingYear, percentage


@dataclass(frozen=True)
class Drafted:
    """Evidence for one provision: the sentence(s) to show, and, when the figures show the
    landlord falling short, why a "yes" is contradicted (empty when they do not)."""

    number: str
    text: str
    shortfall: str = ""


day = long_date  # the short name the evidence modules write their sentences with


def period(year: ReportingYear) -> str:
    """The words every drafted sentence carries: which twelve months it counts."""
    return f"from {day(year.first_day)} to {day(year.last_day)}"


def as_of(year: ReportingYear) -> dt.date:
    """The date a still-open item is judged on: today, or the year's last day once it is over."""
    return min(deployment.today(), year.last_day)


def moments(year: ReportingYear) -> tuple[dt.datetime, dt.datetime]:
    """The year as a half-open range of instants, midnight to midnight in London, for
    timestamps (a letter issued at 00:30 on 1 April in summer time belongs to that day)."""
    start = dt.datetime.combine(year.first_day, dt.time(), tzinfo=LONDON)
    end = dt.datetime.combine(year.last_day + dt.timedelta(days=1), dt.time(), tzinfo=LONDON)
    return start, end


def count(n: int, one: str, many: str | None = None) -> str:
    """'1 complaint', '1,204 complaints', 'no complaints'."""
    noun = one if n == 1 else (many or f"{one}s")
    return f"no {noun}" if n == 0 else f"{n:,} {noun}"


def share(part: int, whole: int) -> str:
    """'1,204 of 1,250 (96.3%)'."""
    return f"{part:,} of {whole:,} ({percentage(part, whole):.1f}%)"


def listing(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def sentence(text: str) -> str:
    """Capitalise the first letter only ('no complaints were…' → 'No complaints were…')."""
    return text[:1].upper() + text[1:]


def was(n: int) -> str:
    return "was" if n == 1 else "were"


def figure(n: int) -> str:
    """'none' for 0, else the number with separators."""
    return f"{n:,}" if n else "none"
