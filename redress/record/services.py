"""Writing to the record: the one way any app appends an event, and redaction.

Every event is sealed into the hash chain (`chain`) as it is written. The last
event's hash is read and the new ids are taken under a lock held to the end of the
transaction, so two writers cannot both follow the same event: on PostgreSQL a
transaction-level advisory lock (taken in `record_event_reserve`, migration 0008,
with the ids and the last hash: one query per write), on SQLite the write lock that
every transaction takes at BEGIN (transaction_mode IMMEDIATE).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.db import connection, models, transaction
from django.utils import timezone

from redress.code.calendars import FIRST_YEAR

from .chain import GENESIS, SEALED, link, payload_digest
from .errors import Refused
from .models import Event

REDACTED = "[redacted]"
# The landlord as a subject (its settings are its row 1).
LANDLORD_SUBJECT = 1

# A little slack for clocks that disagree between a client and the server.
FUTURE_TOLERANCE = dt.timedelta(minutes=2)
# Nothing the working-day calendars cannot date (they start in FIRST_YEAR).
EARLIEST_YEAR = FIRST_YEAR + 1


def resolve_occurred_at(
    occurred_at: dt.datetime | None, *, field: str = "occurred_at"
) -> dt.datetime:
    """When the thing happened: now unless given; earlier is allowed, the future is not.
    What it cannot come before is the command's to say (complaints: `redress.code.chronology`).
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
    event = Event(
        subject_kind=subject_kind,
        subject_id=subject_id,
        action=action,
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=actor_label,
        occurred_at=occurred_at or timezone.now(),
        payload=payload or {},
        corrects=corrects,
    )
    (event,) = append_events([event])
    return event


def append_events(events: Sequence[Event]) -> list[Event]:
    """Give new events their ids and seal them into the chain, in order, then insert them:
    record_event's one event, or a bulk loader's many."""
    if not events:
        return []
    with transaction.atomic(savepoint=False):
        ids, previous = _reserve(len(events))
        for event, pk in zip(events, ids, strict=True):
            event.id = pk
            # Sealed as the database will give them back: aware, in UTC.
            for name in ("occurred_at", "recorded_at"):
                moment = getattr(event, name)
                if moment is not None and timezone.is_naive(moment):
                    setattr(event, name, timezone.make_aware(moment))
            event.payload_sha256 = payload_digest(event.payload)
            event.chain_hash = previous = link(
                previous, tuple(getattr(event, name) for name in SEALED)
            )
        return Event.objects.bulk_create(events)


def _reserve(count: int) -> tuple[list[int], str]:
    """`count` new ids and the chain_hash of the last event, under the lock (see above)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT ids, tip FROM record_event_reserve(%s)", [count])
            ids, tip = cursor.fetchone()
            return list(ids), tip or GENESIS
        cursor.execute("SELECT id, chain_hash FROM record_event ORDER BY id DESC LIMIT 1")
        last, tip = cursor.fetchone() or (0, GENESIS)
        return list(range(last + 1, last + 1 + count)), tip


def redact_event_payloads(
    events: Iterable[Event],
    keys: Iterable[str],
    *,
    reason: str,
    actor=None,
    actor_label: str = "retention",
) -> int:
    """Replace the value of each of `keys` present in each event's payload with "[redacted]"
    and stamp the event's redacted_at: the one change the record allows (the trigger checks
    that nothing else moves). payload_sha256 and chain_hash stay as sealed, so the chain
    still verifies; the redacted payload alone no longer can. An event already redacted, or
    holding none of the keys, is left as it is. Records one "events.redacted" event with
    the count, the keys and the reason, never the values. Returns how many were redacted."""
    keys = sorted(set(keys))
    now = timezone.now()
    redacted = 0
    with transaction.atomic():
        for event in events:
            if event.redacted_at is not None or not any(k in event.payload for k in keys):
                continue
            payload = {k: REDACTED if k in keys else v for k, v in event.payload.items()}
            # EventQuerySet refuses every update; this one goes past it, by design.
            unredacted = Event.objects.filter(pk=event.pk, redacted_at__isnull=True)
            if models.QuerySet.update(unredacted, payload=payload, redacted_at=now):
                event.payload, event.redacted_at = payload, now
                redacted += 1
        record_event(
            Event.Subject.LANDLORD,
            LANDLORD_SUBJECT,
            "events.redacted",
            actor=actor,
            actor_label=actor_label,
            payload={"count": redacted, "keys": keys, "reason": reason},
        )
    return redacted
