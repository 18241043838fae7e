"""The stage events in the order they happen, so that no date puts one before another.

Receipt, acknowledgement, response, escalation, stage 2 acknowledgement, stage 2
response, closure: each happens on or after the ones before it (the same day is
fine). Every dated command and every correction is checked against this one list,
across the stages as well as within one: a record whose dates tell the story out of
order is not the full and accurate record the Code asks for (5.12), and its clocks
(6.2 to 6.15) would be counted from the wrong days.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from enum import StrEnum

RULE = "5.12"


class Moment(StrEnum):
    RECEIVED = "received"
    ACKNOWLEDGED = "acknowledged"
    RESPONDED = "responded"
    ESCALATED = "escalated"
    STAGE2_ACKNOWLEDGED = "stage2_acknowledged"
    STAGE2_RESPONDED = "stage2_responded"
    CLOSED = "closed"

    @property
    def words(self) -> str:
        return _WORDS[self]


ORDER: tuple[Moment, ...] = tuple(Moment)

_WORDS = {
    Moment.RECEIVED: "the complaint was received",
    Moment.ACKNOWLEDGED: "the stage 1 acknowledgement",
    Moment.RESPONDED: "the stage 1 response",
    Moment.ESCALATED: "the escalation to stage 2",
    Moment.STAGE2_ACKNOWLEDGED: "the stage 2 acknowledgement",
    Moment.STAGE2_RESPONDED: "the stage 2 response",
    Moment.CLOSED: "the closure",
}


def began(stage: int) -> Moment:
    """The moment a stage starts: receipt for stage 1, the escalation for stage 2."""
    return Moment.RECEIVED if stage == 1 else Moment.ESCALATED


def acknowledged(stage: int) -> Moment:
    return Moment.ACKNOWLEDGED if stage == 1 else Moment.STAGE2_ACKNOWLEDGED


def responded(stage: int) -> Moment:
    return Moment.RESPONDED if stage == 1 else Moment.STAGE2_RESPONDED


def previous(moment: Moment) -> Moment:
    """The moment before `moment` in the order (receipt has none before it: itself)."""
    return ORDER[max(ORDER.index(moment) - 1, 0)]


Dates = Mapping[Moment, dt.date | None]


def latest(dates: Dates, upto: Moment) -> tuple[Moment, dt.date] | None:
    """The latest-dated of `upto` and the moments before it: what anything that follows
    `upto` must not come before. None when none of them has happened."""
    dated = [(m, dates[m]) for m in ORDER[: ORDER.index(upto) + 1] if dates.get(m)]
    return max(dated, key=lambda pair: pair[1], default=None)


def misplaced(dates: Dates) -> tuple[Moment, Moment] | None:
    """The first moment dated before one it follows, and that one; None when in order."""
    for moment in ORDER[1:]:
        day = dates.get(moment)
        floor = latest(dates, previous(moment))
        if day and floor and day < floor[1]:
            return moment, floor[0]
    return None
