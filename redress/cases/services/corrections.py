"""Putting a wrong date right: a new event that corrects an earlier one.

The record keeps both: the event as first recorded, and the correction
with who made it, why, and the date it should have had. The stage's dates
(and so its deadlines and breaches) follow the correction.
"""

from __future__ import annotations

from django.db import transaction

from redress.code import chronology
from redress.code.chronology import Moment
from redress.code.london import long_date
from redress.record.checks import require_text
from redress.record.errors import NotFound, Refused
from redress.record.models import Event
from redress.record.services import resolve_occurred_at

from ..models import Complaint, Correspondence
from .base import lock, moment_dates, occurred_date, save_and_record

# Which dated fact each correctable action set, as (stage number or None, field).
DATED = {
    "received": "received_on",
    "acknowledged": "acknowledged_on",
    "responded": "responded_on",
    "escalated": "requested_on",
}


# The communication whose date an acknowledgement's or a response's is (`Stage`).
SENT = {"acknowledged": "acknowledgement_sent", "responded": "response_sent"}


def _apply(complaint: Complaint, event: Event, corrected) -> None:
    day = occurred_date(corrected)
    if event.action == "received":
        complaint.received_on = day
        complaint.stages.filter(number=1).update(requested_on=day)
        return
    number = 2 if event.action == "escalated" else event.payload.get("stage", 1)
    stage = complaint.stages.filter(number=number)
    stage.update(**{DATED[event.action]: day})
    if event.action in SENT:
        # The stage's date is its communication's: they move together.
        sent = stage.values(f"{SENT[event.action]}_id")
        Correspondence.objects.filter(pk__in=sent).update(occurred_at=corrected)


def _moment(event: Event) -> Moment:
    stage = event.payload.get("stage", 1)
    return {
        "received": Moment.RECEIVED,
        "acknowledged": chronology.acknowledged(stage),
        "responded": chronology.responded(stage),
        "escalated": Moment.ESCALATED,
    }[event.action]


def _check_order(complaint: Complaint, event: Event, day) -> None:
    """The corrected date must keep every stage event in order, across both stages."""
    dates = {**moment_dates(complaint), _moment(event): day}
    wrong = chronology.misplaced(dates)
    if wrong is not None:
        later, earlier = wrong
        raise Refused(
            f"the corrected date would put {later.words} ({long_date(dates[later])}) before "
            f"{earlier.words} ({long_date(dates[earlier])})",
            field="occurred_at",
            rule=chronology.RULE,
        )


@transaction.atomic
def correct_date(reference: str, *, actor, event_id: int, occurred_at, reason: str) -> Complaint:
    """Record that `event_id` really happened at `occurred_at`, and why it was wrong."""
    complaint = lock(reference)
    event = Event.objects.filter(
        pk=event_id, subject_kind="complaint", subject_id=complaint.pk
    ).first()
    if event is None:
        raise NotFound(f"no event {event_id} on {reference}", field="event_id")
    if event.action not in DATED:
        raise Refused(
            f"only the dates of {', '.join(DATED)} events can be corrected", field="event_id"
        )
    reason = require_text(reason, "reason", "5.12", "why the date was wrong")
    corrected = resolve_occurred_at(occurred_at)
    _check_order(complaint, event, occurred_date(corrected))
    _apply(complaint, event, corrected)
    save_and_record(
        complaint,
        "corrected",
        actor=actor,
        occurred_at=resolve_occurred_at(None),
        payload={
            "event": event.pk,
            "action": event.action,
            "was": event.occurred_at.isoformat(),
            "now": corrected.isoformat(),
            "reason": reason,
        },
        corrects=event,
    )
    return complaint
