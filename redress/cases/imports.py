"""Loading a complaints-tracker export into the database (`redress import-cases`).

Each row becomes a complaint with the events a handler would have recorded,
dated as the tracker dates them and recorded now by "import", so the record
shows they were back-filled. A reference already present is left alone,
which makes a second run change nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from redress.administration import deployment
from redress.code.duties import next_duty
from redress.code.london import LONDON
from redress.code.stages import Status
from redress.code.timescales import assess_complaint
from redress.record.models import Event
from redress.record.services import append_events
from redress.tracker.rows import TrackerRow, stage_facts

from .models import Complaint, Extension, Issue, Stage
from .services.communication import ACKNOWLEDGEMENT, RESPONSE, without_copy

BATCH = 500
IMPORTER = "import"


@dataclass
class ImportSummary:
    created: int = 0
    skipped: int = 0  # already in the database
    left_out: int = 0  # no received date: nothing to date a complaint by


def _status(row: TrackerRow) -> Status:
    if row.refused:
        return Status.REFUSED
    for day, status in (
        (row.stage2_responded, Status.CLOSED),
        (row.stage2_acknowledged, Status.STAGE2_ACKNOWLEDGED),
        (row.escalation_requested, Status.STAGE2_REQUESTED),
        (row.stage1_responded, Status.STAGE1_RESPONDED),
        (row.stage1_acknowledged, Status.STAGE1_ACKNOWLEDGED),
    ):
        if day is not None:
            return status
    return Status.STAGE1_ACCEPTED


def _at(day: dt.date) -> dt.datetime:
    """A tracker gives dates only: noon in London keeps the date whatever the zone."""
    return dt.datetime.combine(day, dt.time(12), tzinfo=LONDON)


def _events(row: TrackerRow, status: Status) -> list[tuple[dt.date, str, dict]]:
    found = [(row.received, "received", {"summary": "Imported from a complaints tracker"})]
    if row.refused:
        return [
            *found,
            (row.received, "refused", {"exclusion": "other", "reason": row.refusal_reason}),
        ]
    found.append((row.received, "accepted", {"in_time": True}))
    for number, prefix in ((1, "stage1"), (2, "stage2")):
        if number == 2 and row.escalation_requested:
            found.append((row.escalation_requested, "escalated", {}))
        extension = getattr(row, f"{prefix}_extension")
        for day, action, payload in (
            (getattr(row, f"{prefix}_acknowledged"), "acknowledged", {"stage": number}),
            (
                extension and extension.agreed_on,
                "extended",
                extension
                and {
                    "stage": number,
                    "working_days": extension.working_days,
                    "reason": extension.reason,
                },
            ),
            (getattr(row, f"{prefix}_responded"), "responded", {"stage": number}),
        ):
            if day is not None:
                found.append((day, action, payload))
    return found


def _create(row: TrackerRow, now: dt.datetime) -> None:
    status = _status(row)
    facts1, facts2 = stage_facts(row)
    clock = assess_complaint(
        facts1, facts2, deployment.regime(), deployment.calendar(), deployment.today()
    )
    duty = next_duty(status, clock.stage1, clock.stage2)
    complaint = Complaint.objects.create(
        reference=row.reference,
        received_on=row.received,
        status=status,
        summary="Imported from a complaints tracker",
        exclusion="other" if row.refused else "",
        refusal_reason=row.refusal_reason if row.refused else "",
        next_due=duty.due if duty else None,
        next_action=duty.action if duty else "",
    )
    Issue.objects.create(complaint=complaint, description=complaint.summary, raised_on=row.received)
    for facts, prefix in ((facts1, "stage1"), (facts2, "stage2")):
        if facts is None:
            continue
        # The tracker gives the dates the stage was acknowledged and answered, not what
        # was sent: each is recorded as a communication with no copy kept.
        sent = {}
        for link, what, day in (
            ("acknowledgement_sent", ACKNOWLEDGEMENT, facts.acknowledged_on),
            ("response_sent", RESPONSE, facts.responded_on),
        ):
            if day is not None:
                sent[link] = without_copy(complaint, facts.stage, what, day, "imported")
                sent[link].save()
        stage = Stage.objects.create(
            complaint=complaint,
            number=facts.stage,
            requested_on=facts.requested_on,
            acknowledged_on=facts.acknowledged_on,
            responded_on=facts.responded_on,
            handler_name=getattr(row, f"{prefix}_handler").strip(),
            **sent,
        )
        for ext in facts.extensions:
            Extension.objects.create(
                stage=stage,
                working_days=ext.working_days,
                reason=ext.reason,
                agreed_on=ext.agreed_on,
                good_reason_recorded=ext.good_reason,
            )
    append_events(
        [
            Event(
                subject_kind="complaint",
                subject_id=complaint.pk,
                action=action,
                actor_label=IMPORTER,
                occurred_at=_at(day),
                recorded_at=now,
                payload={**payload, "source": "tracker", "line": row.line},
            )
            for day, action, payload in _events(row, status)
        ]
    )


def import_tracker_rows(
    rows: Iterable[TrackerRow], progress: Callable[[int], None] | None = None
) -> ImportSummary:
    """Create a complaint per new reference, in batches of one transaction each."""
    summary = ImportSummary()
    batch: list[TrackerRow] = []

    def flush() -> None:
        existing = set(
            Complaint.objects.filter(reference__in=[r.reference for r in batch]).values_list(
                "reference", flat=True
            )
        )
        now = timezone.now()
        with transaction.atomic():
            for row in batch:
                if row.received is None:
                    summary.left_out += 1
                    continue
                if row.reference in existing:
                    summary.skipped += 1
                    continue
                existing.add(row.reference)
                _create(row, now)
                summary.created += 1
        if progress:
            progress(len(batch))
        batch.clear()

    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            flush()
    if batch:
        flush()
    return summary
