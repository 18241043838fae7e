"""One tracker row as an object, and its audit one row at a time.

`TrackerRow` is what `redress import-cases` hands to the Django side, so the
database sees exactly what the audit saw. `audit_row` applies the scalar
rules (`redress.code.timescales.assess_complaint`) to one row; it is the
reference the vectorised audit is tested against, and the readable
statement of how a tracker's columns map onto the Code's facts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from redress.code.calendars import WorkingDayCalendar
from redress.code.regimes import HOS_2024, Regime
from redress.code.timescales import ComplaintClock, Extension, StageFacts, assess_complaint


@dataclass(frozen=True)
class TrackerRow:
    """A valid row of a tracker export; dates are London calendar dates or None."""

    line: int
    reference: str
    received: dt.date | None
    stage1_acknowledged: dt.date | None = None
    stage1_responded: dt.date | None = None
    stage1_handler: str = ""
    stage1_extension: Extension | None = None
    escalation_requested: dt.date | None = None
    stage2_acknowledged: dt.date | None = None
    stage2_responded: dt.date | None = None
    stage2_handler: str = ""
    stage2_extension: Extension | None = None
    refused: bool = False
    refusal_reason: str = ""


def make_extension(days: int | None, agreed: dt.date | None, reason: str) -> Extension | None:
    """The stage's extension, or None when the tracker records none.

    A tracker has no extension when both the days (empty or 0) and the agreed
    date are empty. Otherwise the extension is recorded as given and judged
    by the Code's rules: with no days, no agreed date or no reason it does
    not count. Only the reason is known, so any reason is the "good reason"
    an extension beyond the limit needs.
    """
    if not days and agreed is None:
        return None
    return Extension(
        working_days=days or 0,
        agreed_on=agreed,
        reason=reason,
        good_reason=bool(reason.strip()),
    )


def stage_facts(row: TrackerRow) -> tuple[StageFacts | None, StageFacts | None]:
    """The row's facts per stage: no stage 1 when refused, no stage 2 until escalated."""
    if row.refused or row.received is None:
        return None, None
    stage1 = StageFacts(
        stage=1,
        requested_on=row.received,
        acknowledged_on=row.stage1_acknowledged,
        responded_on=row.stage1_responded,
        extensions=(row.stage1_extension,) if row.stage1_extension else (),
        handler=row.stage1_handler or None,
    )
    stage2 = None
    if row.escalation_requested is not None:
        stage2 = StageFacts(
            stage=2,
            requested_on=row.escalation_requested,
            acknowledged_on=row.stage2_acknowledged,
            responded_on=row.stage2_responded,
            extensions=(row.stage2_extension,) if row.stage2_extension else (),
            handler=row.stage2_handler or None,
        )
    return stage1, stage2


def audit_row(
    row: TrackerRow,
    calendar: WorkingDayCalendar,
    as_of: dt.date,
    regime: Regime = HOS_2024,
) -> ComplaintClock:
    """The scalar audit of one row: both stages' clocks and the provisions breached."""
    stage1, stage2 = stage_facts(row)
    return assess_complaint(stage1, stage2, regime, calendar, as_of)
