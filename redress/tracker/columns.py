"""The tracker export's columns and what counts as a good cell in each.

A tracker is whatever a landlord's spreadsheet or CRM exports, so the reader
is forgiving where the meaning is clear (column order, extra columns, blank
lines, surrounding spaces, yes/no spellings) and strict where a guess would
move a deadline (a date that is not a date, days that are not a number).
Each rule here parses one cell and raises ValueError with a message fit for
the user; the reader applies it once per distinct value, not once per row.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from redress.code.calendars import FIRST_YEAR, LAST_YEAR
from redress.code.london import parse_date_or_timestamp


@dataclass(frozen=True)
class StageColumns:
    """The columns that describe one stage, named as in the export."""

    requested: str
    acknowledged: str
    responded: str
    handler: str
    extension_days: str
    extension_agreed: str
    extension_reason: str


STAGES = {
    1: StageColumns(
        "received",
        "stage1_acknowledged",
        "stage1_responded",
        "stage1_handler",
        "stage1_extension_working_days",
        "stage1_extension_agreed",
        "stage1_extension_reason",
    ),
    2: StageColumns(
        "escalation_requested",
        "stage2_acknowledged",
        "stage2_responded",
        "stage2_handler",
        "stage2_extension_working_days",
        "stage2_extension_agreed",
        "stage2_extension_reason",
    ),
}

REFERENCE = "reference"
REFUSED = "refused"
REFUSAL_REASON = "refusal_reason"
DATE_COLUMNS = tuple(
    name
    for s in STAGES.values()
    for name in (s.requested, s.acknowledged, s.extension_agreed, s.responded)
)
DAYS_COLUMNS = tuple(s.extension_days for s in STAGES.values())
TEXT_COLUMNS = (
    *(name for s in STAGES.values() for name in (s.extension_reason, s.handler)),
    REFUSAL_REASON,
)
KNOWN_COLUMNS = (REFERENCE, *DATE_COLUMNS, *DAYS_COLUMNS, *TEXT_COLUMNS, REFUSED)
REQUIRED_COLUMNS = (REFERENCE, "received")
# Stage 2 cells that only make sense once the resident has asked to escalate.
STAGE2_FACTS = (
    STAGES[2].acknowledged,
    STAGES[2].responded,
    STAGES[2].extension_agreed,
    STAGES[2].extension_days,
)

# Dates must leave room for deadlines inside the years the calendars know.
FIRST_DAY = dt.date(FIRST_YEAR, 1, 1)
LAST_DAY = dt.date(LAST_YEAR - 1, 12, 31)
# Beyond this an extension is a typing slip, and would run past the calendars.
MAX_EXTENSION_DAYS = 999
NOT_REFUSED_WORDS = frozenset({"", "no", "n", "false", "0"})
REFUSED_WORDS = frozenset({"yes", "y", "true", "1", "x"})
_DIGITS = re.compile(r"[0-9]+")


def parse_date_cell(text: str) -> dt.date | None:
    """A London calendar date, or None for an empty cell."""
    if not text.strip():
        return None
    day = parse_date_or_timestamp(text)
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError(
            f"{text!r} is outside {FIRST_DAY.year} to {LAST_DAY.year}, "
            "the years the calendars cover"
        )
    return day


def parse_days_cell(text: str) -> int | None:
    """Extension working days: a whole number from 0, or None for an empty cell."""
    value = text.strip()
    if not value:
        return None
    if not _DIGITS.fullmatch(value):
        raise ValueError(f"{text!r} is not a whole number of working days")
    days = int(value)
    if days > MAX_EXTENSION_DAYS:
        raise ValueError(f"{text!r} working days is more than {MAX_EXTENSION_DAYS}")
    return days


def parse_refused_cell(text: str) -> bool:
    """Yes/no in the usual spellings, or the date of the refusal (which means yes)."""
    value = text.strip().casefold()
    if value in NOT_REFUSED_WORDS:
        return False
    if value in REFUSED_WORDS:
        return True
    try:
        parse_date_or_timestamp(text)
    except ValueError:
        raise ValueError(f"{text!r} is not yes/no or a date") from None
    return True
