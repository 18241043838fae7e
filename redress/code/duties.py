"""What an open case is waiting for next, and by when: the work queue's sort key."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .stages import Status
from .timescales import StageClock


@dataclass(frozen=True)
class NextDuty:
    action: str  # "acknowledge" or "respond"
    stage: int
    due: dt.date


def next_duty(
    status: Status, stage1: StageClock | None, stage2: StageClock | None
) -> NextDuty | None:
    """The next dated duty; None while a case waits on the resident or is finished.

    After a stage 1 response the landlord owes nothing dated until the
    resident escalates or the case is closed, so it leaves the queue.
    """
    if status in (Status.STAGE1_RECEIVED, Status.STAGE1_ACCEPTED) and stage1:
        return NextDuty("acknowledge", 1, stage1.acknowledge_by)
    if status is Status.STAGE1_ACKNOWLEDGED and stage1:
        return NextDuty("respond", 1, stage1.respond_by)
    if status is Status.STAGE2_REQUESTED and stage2:
        return NextDuty("acknowledge", 2, stage2.acknowledge_by)
    if status is Status.STAGE2_ACKNOWLEDGED and stage2:
        return NextDuty("respond", 2, stage2.respond_by)
    return None
