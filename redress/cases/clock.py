"""A complaint's clock, as the rules package computes it from the stored stages.

This is the only bridge from rows to `redress.code.timescales`: the case
page, the API and the work queue's `next_due` column all come through here.
"""

from __future__ import annotations

import datetime as dt

from redress.administration import deployment
from redress.code.duties import NextDuty, next_duty
from redress.code.stages import Status
from redress.code.timescales import ComplaintClock, Extension, StageFacts, assess_complaint

from .models import Complaint, Stage


def stage_facts(stage: Stage) -> StageFacts:
    extensions = tuple(
        Extension(
            working_days=e.working_days,
            agreed_on=e.agreed_on,
            reason=e.reason,
            good_reason=e.good_reason,
        )
        for e in stage.extensions.all()
    )
    handler = f"user:{stage.handler_id}" if stage.handler_id else (stage.handler_name or None)
    return StageFacts(
        stage=stage.number,
        requested_on=stage.requested_on,
        acknowledged_on=stage.acknowledged_on,
        responded_on=stage.responded_on,
        extensions=extensions,
        handler=handler,
    )


def assess(complaint: Complaint, as_of: dt.date | None = None) -> ComplaintClock:
    stages = {stage.number: stage_facts(stage) for stage in complaint.stages.all()}
    refused = complaint.status == Status.REFUSED
    return assess_complaint(
        None if refused else stages.get(1),
        None if refused else stages.get(2),
        deployment.regime(complaint.regime),
        deployment.calendar(),
        as_of or deployment.today(),
    )


def duty(complaint: Complaint, clock: ComplaintClock) -> NextDuty | None:
    return next_duty(Status(complaint.status), clock.stage1, clock.stage2)


def refresh_next_due(complaint: Complaint) -> None:
    """Set the indexed queue columns from the rules; the caller saves."""
    found = duty(complaint, assess(complaint))
    complaint.next_due = found.due if found else None
    complaint.next_action = found.action if found else ""
    if found is None:  # nothing left to do: no more updates are owed at the interval
        complaint.update_every = complaint.update_due = None


BATCH = 500


def reclock_open_complaints() -> int:
    """Recompute `next_due` for every open complaint; returns how many changed.

    Runs inside the caller's transaction, so the queue never shows dates from the
    old calendar next to the new one. Rows stream in batches with their stages and
    extensions prefetched, and only the changed ones are written back.
    """
    closed = [Status.CLOSED.value, Status.REFUSED.value]
    open_complaints = (
        Complaint.objects.exclude(status__in=closed)
        .only("id", "status", "regime", "next_due", "next_action")
        .prefetch_related("stages__extensions")
        .order_by("id")
    )
    changed, moved = [], 0
    with deployment.pinned_calendar():
        for complaint in open_complaints.iterator(chunk_size=BATCH):
            before = (complaint.next_due, complaint.next_action)
            refresh_next_due(complaint)
            if (complaint.next_due, complaint.next_action) != before:
                changed.append(complaint)
            if len(changed) >= BATCH:
                moved += _write(changed)
    return moved + _write(changed)


def _write(changed: list[Complaint]) -> int:
    count = len(changed)
    Complaint.objects.bulk_update(changed, ["next_due", "next_action"], batch_size=BATCH)
    changed.clear()
    return count
