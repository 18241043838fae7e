"""Exclusions (section 2): the 12-month rule, and what a refusal must carry.

A complaint is in time when it is made within 12 months of the issue
occurring or of the resident becoming aware of it, whichever is later (2.3).
Out of time is a reason a landlord may refuse, never one it must: it can
accept anyway, using its discretion, with the reason recorded.
"""

from __future__ import annotations

import datetime as dt


def twelve_months_after(day: dt.date) -> dt.date:
    """The same date a year on; 29 February runs to 28 February."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def made_in_time(
    received_on: dt.date, issue_arose_on: dt.date | None, resident_aware_on: dt.date | None
) -> bool:
    """Whether the complaint came within 12 months; unknown dates count as in time."""
    known = [day for day in (issue_arose_on, resident_aware_on) if day is not None]
    if not known:
        return True
    return received_on <= twelve_months_after(max(known))
