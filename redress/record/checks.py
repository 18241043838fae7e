"""Checks every command applies to what it is given, refusing by field name.

Intake and case work both use these, so a blank answer or a date in the
future is refused in the same words wherever it is typed.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from redress.code.london import london_date
from redress.code.timescales import LONGEST_UPDATE_INTERVAL

from .errors import Refused


def today() -> dt.date:
    """Today's date in London, whatever the server's clock zone."""
    return london_date(timezone.now())


def require_text(value: str | None, field: str, rule: str | None = None, what: str = "") -> str:
    text = (value or "").strip()
    if not text:
        raise Refused(f"{what or field.replace('_', ' ')} is required", field=field, rule=rule)
    return text


def update_interval(every, field: str, rule: str | None = None) -> int:
    """Working days between updates to the resident: a whole number, 1 to a working quarter."""
    if type(every) is not int or not 1 <= every <= LONGEST_UPDATE_INTERVAL:
        raise Refused(
            f"updates are every 1 to {LONGEST_UPDATE_INTERVAL} working days", field=field, rule=rule
        )
    return every


def not_future_date(day: dt.date, field: str, rule: str | None = None) -> dt.date:
    if day > today():
        raise Refused(f"{field.replace('_', ' ')} cannot be in the future", field=field, rule=rule)
    return day
