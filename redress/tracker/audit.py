"""The vectorised audit of a whole tracker: both stages' clocks and a breach bitmask per row.

It maps the tracker's columns onto `redress.code.bulk.assess_stage_arrays`
the same way `rows.stage_facts` and `rows.make_extension` map one row onto
the scalar rules; a property test holds the two to the same answers.
Breaches are a bitmask (one bit per provision, bits in the Code's order) so
that output can turn each distinct mask into its text once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from redress.code.bulk import StageArrays, assess_stage_arrays
from redress.code.calendars import WorkingDayCalendar
from redress.code.regimes import HOS_2024, Regime, StageTimescale
from redress.code.timescales import sort_provisions

from . import columns as C
from .reader import TrackerFile


@dataclass(frozen=True)
class Audit:
    stage1: StageArrays
    stage2: StageArrays
    has_stage1: np.ndarray  # not refused
    has_stage2: np.ndarray  # not refused, and escalated
    breaches: np.ndarray  # bit i set: provisions[i] breached
    provisions: tuple[str, ...]

    def breach_names(self, mask: int) -> tuple[str, ...]:
        return tuple(p for bit, p in enumerate(self.provisions) if mask >> bit & 1)

    def breach_lists(self) -> list[tuple[str, ...]]:
        """Per row, the provisions breached in the Code's order."""
        names = {mask: self.breach_names(mask) for mask in np.unique(self.breaches).tolist()}
        return list(map(names.__getitem__, self.breaches.tolist()))


def audit_tracker(
    tracker: TrackerFile,
    calendar: WorkingDayCalendar,
    as_of: dt.date,
    regime: Regime = HOS_2024,
) -> Audit:
    """Audit every valid row of the tracker as of a date."""
    day = np.datetime64(as_of, "D")
    has_stage1 = ~tracker.refused
    has_stage2 = has_stage1 & ~np.isnat(tracker.dates[C.STAGES[2].requested])
    stage1 = _stage(tracker, 1, regime.stage(1), calendar, day)
    stage2 = _stage(tracker, 2, regime.stage(2), calendar, day)

    flags: list[tuple[str | None, np.ndarray]] = []
    for clock, present, timescale in (
        (stage1, has_stage1, regime.stage(1)),
        (stage2, has_stage2, regime.stage(2)),
    ):
        flags += [
            (timescale.acknowledge_provision, present & clock.acknowledgement_late),
            (timescale.respond_provision, present & clock.response_late),
            (timescale.extension_provision, present & clock.extension_breached),
        ]
    if regime.same_handler_provision:
        escalated = np.flatnonzero(has_stage2)
        same = np.zeros(len(tracker), dtype=bool)
        same[escalated] = _same_handler(
            [tracker.text[C.STAGES[1].handler][i] for i in escalated.tolist()],
            [tracker.text[C.STAGES[2].handler][i] for i in escalated.tolist()],
        )
        flags.append((regime.same_handler_provision, same))

    provisions = sort_provisions(p for p, _ in flags if p)
    mask = np.zeros(len(tracker), dtype=np.uint32)
    for provision, hit in flags:
        if provision:
            mask |= hit.astype(np.uint32) << provisions.index(provision)
    return Audit(stage1, stage2, has_stage1, has_stage2, mask, provisions)


def _stage(
    tracker: TrackerFile,
    number: int,
    timescale: StageTimescale,
    calendar: WorkingDayCalendar,
    as_of: np.datetime64,
) -> StageArrays:
    cols = C.STAGES[number]
    days = tracker.days[cols.extension_days]
    agreed = tracker.dates[cols.extension_agreed]
    reasoned = np.fromiter(
        map(bool, tracker.text[cols.extension_reason]), dtype=bool, count=len(tracker)
    )
    return assess_stage_arrays(
        timescale,
        calendar,
        as_of,
        requested=tracker.dates[cols.requested],
        acknowledged=tracker.dates[cols.acknowledged],
        responded=tracker.dates[cols.responded],
        # As rows.make_extension: an extension is recorded when it has days or an agreed date.
        has_extension=(days > 0) | ~np.isnat(agreed),
        extension_days=np.maximum(days, 0),
        extension_agreed=agreed,
        extension_reasoned=reasoned,
        extension_good_reason=reasoned,  # a tracker knows only the reason
    )


def _same_handler(first: list[str], second: list[str]) -> np.ndarray:
    """timescales.same_handler over columns of stripped names: equal ignoring case, not empty."""
    codes: dict[str, int] = {"": 0}

    def encode(names: list[str]) -> np.ndarray:
        table = {
            name: codes.setdefault(name.casefold(), len(codes)) for name in dict.fromkeys(names)
        }
        return np.fromiter(map(table.__getitem__, names), dtype=np.int64, count=len(names))

    a, b = encode(first), encode(second)
    return (a == b) & (a != 0)
