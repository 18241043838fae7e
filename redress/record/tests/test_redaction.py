"""Redaction: the one change the record allows. Personal data leaves the payload, the
hashes stay, the chain still verifies, and the redaction is itself recorded."""

from __future__ import annotations

import pytest
from django.db import connection

from redress.record.models import Event
from redress.record.services import REDACTED, record_event, redact_event_payloads
from redress.record.verify import verify_chain

pytestmark = pytest.mark.django_db


@pytest.fixture
def events():
    made = [
        record_event("resident", 3, "recorded", payload={"name": "Ann Example", "tenure": "lcra"}),
        record_event("complaint", 7, "received", payload={"summary": "Damp", "channel": "phone"}),
        record_event("complaint", 7, "accepted", payload={"stage": 1}),
    ]
    return list(Event.objects.filter(pk__in=[e.pk for e in made]).order_by("pk"))


def test_redaction_replaces_the_values_and_keeps_the_hashes(events, make_staff):
    sealed = {e.pk: (e.payload_sha256, e.chain_hash) for e in events}
    dpo = make_staff("dora", "administrator")
    count = redact_event_payloads(
        events, ["name", "summary", "email"], reason="retention: closed over 6 years", actor=dpo
    )
    assert count == 2
    stored = {e.pk: e for e in Event.objects.filter(pk__in=sealed)}
    first, second, third = (stored[e.pk] for e in events)
    assert first.payload == {"name": REDACTED, "tenure": "lcra"}
    assert second.payload == {"summary": REDACTED, "channel": "phone"}
    assert third.payload == {"stage": 1} and third.redacted_at is None
    assert first.redacted_at is not None and first.redacted_at == second.redacted_at
    assert {pk: (e.payload_sha256, e.chain_hash) for pk, e in stored.items()} == sealed
    assert events[0].payload["name"] == REDACTED  # the caller's objects follow
    note = Event.objects.get(action="events.redacted")
    assert (note.subject_kind, note.actor, note.payload) == (
        "landlord",
        dpo,
        {
            "count": 2,
            "keys": ["email", "name", "summary"],
            "reason": "retention: closed over 6 years",
        },
    )
    assert "Ann" not in str(note.payload)
    verdict = verify_chain()
    assert verdict.broken is None and verdict.checked == Event.objects.count()


def test_an_event_is_redacted_once(events):
    assert redact_event_payloads(events[:1], ["name"], reason="erasure") == 1
    again = Event.objects.filter(pk=events[0].pk)
    assert redact_event_payloads(again, ["tenure"], reason="erasure") == 0
    assert Event.objects.get(pk=events[0].pk).payload == {"name": REDACTED, "tenure": "lcra"}
    notes = Event.objects.filter(action="events.redacted").order_by("pk")
    assert [(n.actor_label, n.payload["count"]) for n in notes] == [
        ("retention", 1),
        ("retention", 0),
    ]


def test_a_redacted_event_changed_afterwards_is_found(events):
    redact_event_payloads(events, ["name"], reason="erasure")
    with connection.cursor() as cursor:
        on = " ON record_event" if connection.vendor == "postgresql" else ""
        cursor.execute(f"DROP TRIGGER record_event_append_only{on}")
        cursor.execute("UPDATE record_event SET subject_id = 4 WHERE id = %s", [events[0].pk])
    assert verify_chain().broken.event_id == events[0].pk
