"""The hash chain: every writer seals events into it, and `redress verify-audit` finds any
change made behind the application's back (with the guard trigger dropped, as someone with
the database's owner rights could), while a redaction still verifies."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import threading

import pytest
from django.apps import apps
from django.db import DatabaseError, connection, connections, transaction

from redress.cases.imports import import_tracker_rows
from redress.cases.tests.test_imports import tracker_rows
from redress.cli import main
from redress.generate import generate
from redress.record.chain import GENESIS, SEALED, link
from redress.record.models import Event
from redress.record.services import append_events, record_event
from redress.record.triggers import EVENTS_REFUSED, KEPT_BY_REDACTION
from redress.record.verify import verify_chain

pytestmark = pytest.mark.django_db

TRIGGER = "record_event_append_only"


@pytest.fixture
def events():
    at = dt.datetime(2025, 3, 4, 10, 30, tzinfo=dt.UTC)
    made = [
        record_event("complaint", 7, "received", actor_label="import", payload={"summary": "Damp"}),
        record_event("complaint", 7, "accepted", occurred_at=at, payload={"on": at.date()}),
        record_event("resident", 3, "resident_recorded", payload={"name": "Ann Example"}),
        record_event("complaint", 7, "assigned", payload={"handler": 4}),
    ]
    return [Event.objects.get(pk=e.pk) for e in made]


def tamper(sql: str, params=()) -> None:
    """Change the table as the database's owner could: drop the guard first (the test's
    transaction puts it back)."""
    with connection.cursor() as cursor:
        on = " ON record_event" if connection.vendor == "postgresql" else ""
        cursor.execute(f"DROP TRIGGER {TRIGGER}{on}")
        cursor.execute(sql, params)


def broken_at() -> int | None:
    verdict = verify_chain()
    return verdict.broken and verdict.broken.event_id


def test_each_event_seals_its_payload_and_the_one_before(events):
    first, second = events[:2]
    assert first.payload_sha256 == hashlib.sha256(b'{"summary":"Damp"}').hexdigest()
    assert second.payload_sha256 == hashlib.sha256(b'{"on":"2025-03-04"}').hexdigest()
    before = Event.objects.filter(pk__lt=first.pk).order_by("-pk").first()
    assert first.chain_hash == link(
        before.chain_hash if before else GENESIS,
        tuple(getattr(first, name) for name in SEALED),
    )
    assert second.chain_hash == link(
        first.chain_hash, tuple(getattr(second, name) for name in SEALED)
    )
    # The canonical fields, spelled out: changing the definition breaks old chains.
    spelled = json.dumps(
        [second.pk, "complaint", 7, "accepted", None, "", "2025-03-04T10:30:00+00:00"],
        separators=(",", ":"),
    )[:-1]
    recorded = second.recorded_at.astimezone(dt.UTC).isoformat()
    spelled += f',"{recorded}","{second.payload_sha256}",null]'
    assert second.chain_hash == hashlib.sha256((first.chain_hash + spelled).encode()).hexdigest()


def test_an_intact_record_verifies(events, capsys):
    verdict = verify_chain()
    assert verdict.broken is None
    assert verdict.checked == Event.objects.count()
    assert verdict.tip == events[-1].chain_hash
    assert main(["verify-audit"]) == 0
    assert capsys.readouterr().out == (
        f"intact: {verdict.checked} events, last chain hash {verdict.tip}\n"
    )


def test_events_made_by_the_orm_and_bulk_loaders_are_chained(events):
    at = dt.datetime(2025, 1, 2, 9, tzinfo=dt.UTC)
    Event.objects.create(
        subject_kind="oversight", subject_id=0, action="report.received", occurred_at=at
    )
    with transaction.atomic():
        append_events(
            [
                Event(subject_kind="complaint", subject_id=n, action="refused", occurred_at=at)
                for n in range(3)
            ]
        )
    import_tracker_rows(tracker_rows())
    generate(20, 1, seed=3, append=True)
    assert Event.objects.count() > 100
    assert verify_chain().broken is None


@pytest.mark.parametrize(
    ("what", "sql"),
    [
        ("payload", """UPDATE record_event SET payload = '{"summary": "Dry"}' WHERE id = %s"""),
        ("action", "UPDATE record_event SET action = 'refused' WHERE id = %s"),
        (
            "occurred_at",
            "UPDATE record_event SET occurred_at = recorded_at WHERE id = %s",
        ),
        ("actor", "UPDATE record_event SET actor_label = 'someone else' WHERE id = %s"),
        ("deleted", "DELETE FROM record_event WHERE id = %s"),
    ],
)
def test_a_changed_or_deleted_event_is_found(events, what, sql, capsys):
    target = events[1] if what != "payload" else events[0]
    tamper(sql, [target.pk])
    found = verify_chain().broken
    # A deleted event breaks the link of the one after it.
    assert found.event_id == (events[2].pk if what == "deleted" else target.pk)
    expected = "payload is not what was sealed" if what == "payload" else "does not follow"
    assert expected in found.problem
    if what == "deleted":
        assert f"no event has ids {target.pk} to {target.pk}" in found.problem
    assert main(["verify-audit"]) == 1
    assert f"broken at event {found.event_id}: " in capsys.readouterr().err


def test_a_payload_changed_with_its_digest_breaks_the_link(events):
    digest = hashlib.sha256(b'{"summary":"Dry"}').hexdigest()
    tamper(
        """UPDATE record_event SET payload = '{"summary": "Dry"}', payload_sha256 = %s
        WHERE id = %s""",
        [digest, events[0].pk],
    )
    assert broken_at() == events[0].pk


def test_an_inserted_event_is_found(events):
    last = events[-1]
    tamper(
        "INSERT INTO record_event (id, subject_kind, subject_id, action, actor_label,"
        " occurred_at, recorded_at, payload, payload_sha256, chain_hash)"
        " SELECT id + 1, subject_kind, subject_id, 'closed', actor_label, occurred_at,"
        " recorded_at, payload, payload_sha256, chain_hash FROM record_event WHERE id = %s",
        [last.pk],
    )
    assert broken_at() == last.pk + 1


def test_an_event_inserted_between_two_is_found(events):
    """Made to look right on its own: it follows the event before it; the next one no
    longer does."""
    second = events[1]
    tamper("DELETE FROM record_event WHERE id = %s", [second.pk])
    forged = Event(
        id=second.pk,
        subject_kind="complaint",
        subject_id=7,
        action="refused",
        occurred_at=second.occurred_at,
        recorded_at=second.recorded_at,
        payload=second.payload,
        payload_sha256=second.payload_sha256,
    )
    forged.chain_hash = link(events[0].chain_hash, tuple(getattr(forged, n) for n in SEALED))
    Event.objects.bulk_create([forged])
    assert broken_at() == events[2].pk


def test_the_trigger_refuses_updates_but_a_redaction(events):
    event = events[2]
    with (
        pytest.raises(DatabaseError, match=EVENTS_REFUSED),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE record_event SET payload = '{}' WHERE id = %s", [event.pk])
    # Redacting, and at the same time changing anything else, is refused too.
    for change in ("action = 'x'", "chain_hash = ''", "payload_sha256 = ''", "actor_label = 'x'"):
        with (
            pytest.raises(DatabaseError, match=EVENTS_REFUSED),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(
                f"UPDATE record_event SET payload = '{{}}', redacted_at = recorded_at, {change}"
                " WHERE id = %s",
                [event.pk],
            )
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE record_event SET payload = '{}', redacted_at = recorded_at WHERE id = %s",
            [event.pk],
        )
    # Once redacted, never again: redacted_at must go from NULL to a time.
    with (
        pytest.raises(DatabaseError, match=EVENTS_REFUSED),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(
            """UPDATE record_event SET payload = '{"name": "Ann"}' WHERE id = %s""", [event.pk]
        )
    assert Event.objects.get(pk=event.pk).payload == {}


def test_postgresql_refuses_delete(events):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite leaves DELETE to the ORM: its test runner flushes with DELETE")
    with (
        pytest.raises(DatabaseError, match=EVENTS_REFUSED),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM record_event WHERE id = %s", [events[0].pk])
    assert Event.objects.filter(pk=events[0].pk).exists()


def test_the_trigger_knows_every_column_a_redaction_keeps():
    columns = {f.column for f in Event._meta.concrete_fields}
    assert set(KEPT_BY_REDACTION) == columns - {"payload", "redacted_at"}
    assert set(SEALED) <= columns


def test_existing_events_are_chained_by_the_migration(events):
    """Migration 0008 seals the events recorded before the chain existed."""
    from importlib import import_module

    migration = import_module("redress.record.migrations.0008_event_chain")
    tamper("UPDATE record_event SET payload_sha256 = '', chain_hash = ''")
    assert broken_at() == Event.objects.order_by("pk").first().pk

    class Editor:
        pass

    editor = Editor()
    editor.connection = connection
    migration.chain_existing(apps, editor)
    assert verify_chain().broken is None
    assert Event.objects.get(pk=events[-1].pk).chain_hash == events[-1].chain_hash


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_do_not_fork_the_chain():
    """Writers on their own connections, each in transactions of several events: the lock
    makes each follow the last committed event."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's writers queue at BEGIN IMMEDIATE; the crash test covers them")
    errors = []

    def write(n: int) -> None:
        try:
            for i in range(15):
                with transaction.atomic():
                    record_event("complaint", n, "received", payload={"i": i})
                    record_event("complaint", n, "accepted")
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    verdict = verify_chain()
    assert verdict.broken is None
    assert verdict.checked == Event.objects.count() >= 4 * 15 * 2


def test_an_unreadable_time_is_a_break_not_a_crash(events):
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL's columns only hold times")
    tamper("UPDATE record_event SET recorded_at = 'last week' WHERE id = %s", [events[1].pk])
    found = verify_chain().broken
    assert found.event_id == events[1].pk and "cannot be read" in found.problem
