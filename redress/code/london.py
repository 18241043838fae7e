"""London-time discipline: the Code's dates are calendar dates in Europe/London.

A timestamp is converted to London time before its date is taken, so an
email received at 23:30 UTC on 31 March in summer time counts as 1 April.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
# Python also reads week dates (2025-W16-5) and basic forms (20250418); a
# tracker's dates are calendar dates, optionally followed by a time.
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}(?:$|[T ])")


def long_date(day: dt.date) -> str:
    """A date as letters, reports and notices write it: "1 September 2026"."""
    return f"{day.day} {day:%B %Y}"


def london_date(moment: dt.datetime) -> dt.date:
    """The London calendar date of a timestamp; a naive one is taken as London time."""
    if moment.tzinfo is None:
        return moment.date()
    return moment.astimezone(LONDON).date()


def parse_date_or_timestamp(text: str) -> dt.date:
    """Parse YYYY-MM-DD or an ISO 8601 timestamp into a London calendar date.

    Raises ValueError with a short description when the text is neither.
    """
    value = text.strip()
    if not _ISO_DAY.match(value):
        raise ValueError(f"{text!r} is not a date (YYYY-MM-DD) or ISO 8601 timestamp")
    if value[-1:] in ("Z", "z"):
        # UTC, whichever case the exporting system wrote it in.
        value = value[:-1] + "+00:00"
    try:
        if len(value) == 10:
            return dt.date.fromisoformat(value)
        return london_date(dt.datetime.fromisoformat(value))
    except ValueError:
        raise ValueError(f"{text!r} is not a date (YYYY-MM-DD) or ISO 8601 timestamp") from None
