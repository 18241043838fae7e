"""Checks every command applies to what it is given, refusing by field name.

Intake and case work both use these, so a blank answer or a date in the
future is refused in the same words wherever it is typed.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from redress.code.london import london_date
from redress.code.text import Unstorable, clean_text
from redress.code.timescales import LONGEST_UPDATE_INTERVAL

from .errors import Refused


def today() -> dt.date:
    """Today's date in London, whatever the server's clock zone."""
    return london_date(timezone.now())


def storable_text(value: str | None, field: str, rule: str | None = None, what: str = "") -> str:
    """The text normalised as the pages and the API normalise it (redress/code/text.py),
    so a service decides on what will be stored whoever calls it; refused by field name
    when it holds what no database stores."""
    try:
        return clean_text(value or "")
    except Unstorable as problem:
        words = what or field.replace("_", " ")
        raise Refused(f"{words} {problem}", field=field, rule=rule) from None


def require_text(value: str | None, field: str, rule: str | None = None, what: str = "") -> str:
    """The normalised text; refused when nothing is left of it (only spaces, or characters
    nobody sees)."""
    cleaned = storable_text(value, field, rule, what)
    if not cleaned:
        raise Refused(f"{what or field.replace('_', ' ')} is required", field=field, rule=rule)
    return cleaned


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
