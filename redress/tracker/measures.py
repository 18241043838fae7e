"""TSM CH01 and CH02 from a tracker export.

The rule lives in `redress.code.tsm`; this only hands it the tracker's
columns and the audit's "within timescales" flags, so a tracker and the
database are counted the same way.
"""

from __future__ import annotations

from redress.code.tsm import MeasureCounts, ReportingYear, count_measures

from . import columns as C
from .audit import Audit
from .reader import TrackerFile


def tracker_measures(tracker: TrackerFile, audit: Audit, year: ReportingYear) -> MeasureCounts:
    """Count the year's complaints in an audited tracker (refused rows are not counted)."""
    dates = tracker.dates
    return count_measures(
        year,
        received=dates[C.STAGES[1].requested],
        refused=tracker.refused,
        escalation_requested=dates[C.STAGES[2].requested],
        stage1_responded=dates[C.STAGES[1].responded],
        stage1_within=audit.has_stage1 & audit.stage1.within_timescales,
        stage2_responded=dates[C.STAGES[2].responded],
        stage2_within=audit.has_stage2 & audit.stage2.within_timescales,
    )
