"""Writing to the record: the one way any app appends an event."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from redress.code.calendars import FIRST_YEAR
from redress.code.london import london_date

from .errors import Refused
from .models import Event

# A little slack for clocks that disagree between a client and the server.
FUTURE_TOLERANCE = dt.timedelta(minutes=2)
# Nothing the working-day calendars cannot date (they start in FIRST_YEAR).
EARLIEST_YEAR = FIRST_YEAR + 1


def resolve_occurred_at(
    occurred_at: dt.datetime | None,
    *,
    not_before: dt.date | None = None,
    field: str = "occurred_at",
) -> dt.datetime:
    """When the thing happened: now unless given; earlier is allowed, the future is not.

    `not_before` is the London date before which it cannot have happened (an
    acknowledgement before the complaint was received, say).
    """
    now = timezone.now()
    if occurred_at is None:
        return now
    if occurred_at.year < EARLIEST_YEAR:
        raise Refused(f"cannot be before {EARLIEST_YEAR}", field=field, rule="5.12")
    if timezone.is_naive(occurred_at):
        occurred_at = timezone.make_aware(occurred_at)
    if occurred_at > now + FUTURE_TOLERANCE:
        raise Refused(
            "cannot record something that has not happened yet",
            field=field,
            rule="5.12",
        )
    if not_before is not None and london_date(occurred_at) < not_before:
        raise Refused(
            f"cannot have happened before {not_before.isoformat()}",
            field=field,
            rule="5.12",
        )
    return occurred_at


def record_event(
    subject_kind: str,
    subject_id: int,
    action: str,
    *,
    actor=None,
    actor_label: str = "",
    occurred_at: dt.datetime | None = None,
    payload: dict | None = None,
    corrects: Event | None = None,
) -> Event:
    """Append one event. An unknown subject kind is a programming error, refused here so that
    the record never holds a kind the timeline and the audit cannot name."""
    if subject_kind not in Event.Subject.values:
        raise ValueError(f"unknown event subject kind {subject_kind!r}")
    return Event.objects.create(
        subject_kind=subject_kind,
        subject_id=subject_id,
        action=action,
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=actor_label,
        occurred_at=occurred_at or timezone.now(),
        payload=payload or {},
        corrects=corrects,
    )
