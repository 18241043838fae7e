"""Putting things right (section 7): remedy bands and when a promised item is overdue.

The Housing Ombudsman's remedies guidance scales a financial remedy with the
impact on the resident. The bands are the landlord's configuration (held in
the database), so every rule here takes them as data. A finding of severe
maladministration points to the band that names it whatever the impact; no
maladministration, or a complaint outside jurisdiction, suggests no band.

A promised item is overdue only once a working day has passed after its due
date: a remedy due on the Friday before a bank-holiday Monday is not overdue
on the Monday, and is one working day overdue on the Tuesday. Nothing falls
overdue because of a weekend or a bank holiday.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from .calendars import WorkingDayCalendar

FINDINGS = {
    "no_maladministration": "No maladministration",
    "service_failure": "Service failure",
    "maladministration": "Maladministration",
    "severe_maladministration": "Severe maladministration",
    "reasonable_redress": "Reasonable redress",
    "outside_jurisdiction": "Outside jurisdiction",
}
IMPACTS = {
    "minor": "Minor failure",
    "adverse": "Adversely affected the resident",
    "significant": "Significant impact",
    "serious": "Serious, long-term impact",
}
# Findings for which no financial remedy is suggested.
NO_BAND_FINDINGS = frozenset({"no_maladministration", "outside_jurisdiction"})
# Working days ahead within which an item is "due soon".
DUE_SOON_WORKING_DAYS = 2


@dataclass(frozen=True)
class Band:
    """A guidance band: amounts from `low` to `high` (no upper limit when None)."""

    key: str
    label: str
    low: Decimal
    high: Decimal | None
    impact: str = ""
    finding: str = ""

    def contains(self, amount: Decimal) -> bool:
        return amount >= self.low and (self.high is None or amount <= self.high)


def suggest_band(bands: Iterable[Band], finding: str, impact: str) -> Band | None:
    """The band that fits the recorded finding and impact, or None.

    A band naming the finding wins (severe maladministration); otherwise the
    band for the impact. No band for a finding that calls for no remedy.
    """
    if finding in NO_BAND_FINDINGS:
        return None
    bands = list(bands)
    for band in bands:
        if finding and band.finding == finding:
            return band
    for band in bands:
        if impact and band.impact == impact:
            return band
    return None


def outside_band_warning(band: Band | None, amount: Decimal | None) -> str:
    """Words warning that an amount is outside the suggested band ('' when it is inside)."""
    if band is None or amount is None or band.contains(amount):
        return ""
    if amount < band.low:
        return f"£{amount:,.2f} is below the suggested band ({band.label}, {band_range(band)})"
    return f"£{amount:,.2f} is above the suggested band ({band.label}, {band_range(band)})"


def band_range(band: Band) -> str:
    if band.high is None:
        return f"more than £{band.low:,.0f}"
    return f"£{band.low:,.0f} to £{band.high:,.0f}"


def financial_total(*parts: Decimal | None) -> Decimal:
    """The amount of a financial remedy: the sum of its parts (a missing part is nothing)."""
    return sum((p or Decimal("0") for p in parts), Decimal("0")).quantize(Decimal("0.01"))


def working_days_overdue(calendar: WorkingDayCalendar, today: dt.date, due: dt.date) -> int:
    """Working days past the due date (0 when not overdue)."""
    return max(0, -calendar.working_days_left(today, due))


def update_due_on(
    calendar: WorkingDayCalendar, since: dt.date, every: int | None
) -> dt.date | None:
    """When the next update to the resident is due: `every` working days after the last one
    (or the start); None without an agreed interval."""
    return calendar.add_working_days(since, every) if every else None
