"""Database triggers that keep records unchanged even for code that bypasses the ORM.

`refuse_updates` refuses every UPDATE of a table (issued letters). The event log has
its own guard (`guard_events`): UPDATE refused on both engines and DELETE on
PostgreSQL, except redaction, which may replace the payload while setting redacted_at
from NULL and changing nothing else. SQLite keeps DELETE to the ORM's refusal, as the
test runner flushes its throwaway databases with DELETE; PostgreSQL's flush is
TRUNCATE, which row triggers do not see.
"""

from __future__ import annotations

from django.db import migrations

from .chain import SEALED

EVENTS = "record_event"
EVENTS_REFUSED = "events are append-only"
# Redaction changes payload and redacted_at; every other column must stay as it was
# (PostgreSQL compares whole rows; SQLite needs the names: a test keeps them complete).
KEPT_BY_REDACTION = (*SEALED, "chain_hash")
# pg_advisory_xact_lock's key for writing events ("redress" in ASCII).
CHAIN_LOCK = 0x72656472657373


def _run(sql: dict[str, str]):
    def apply(apps, schema_editor):
        statement = sql.get(schema_editor.connection.vendor)
        if statement:
            schema_editor.execute(statement)

    return apply


def _update_refusal(table: str, message: str) -> tuple[dict, dict]:
    name = f"{table}_append_only"
    create = {
        "sqlite": f"CREATE TRIGGER {name} BEFORE UPDATE ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{message}'); END;",
        "postgresql": f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $$ "
        f"BEGIN RAISE EXCEPTION '{message}'; END; $$ LANGUAGE plpgsql; "
        f"CREATE TRIGGER {name} BEFORE UPDATE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {name}();",
    }
    drop = {
        "sqlite": f"DROP TRIGGER IF EXISTS {name};",
        "postgresql": f"DROP TRIGGER IF EXISTS {name} ON {table};",
    }
    return create, drop


def refuse_updates(table: str, message: str) -> migrations.RunPython:
    """A migration operation adding (and on reverse, dropping) the trigger for `table`."""
    create, drop = _update_refusal(table, message)
    return migrations.RunPython(_run(create), _run(drop))


def drop_event_update_refusal() -> migrations.RunPython:
    """Drop the plain refusal of migration 0002, which `guard_events` replaces."""
    create, drop = _update_refusal(EVENTS, EVENTS_REFUSED)
    return migrations.RunPython(_run(drop), _run(create))


_SQLITE_KEPT = " AND ".join(f"NEW.{c} IS OLD.{c}" for c in KEPT_BY_REDACTION)
GUARD = {
    "sqlite": f"CREATE TRIGGER {EVENTS}_append_only BEFORE UPDATE ON {EVENTS} "
    f"WHEN NOT (OLD.redacted_at IS NULL AND NEW.redacted_at IS NOT NULL AND {_SQLITE_KEPT}) "
    f"BEGIN SELECT RAISE(ABORT, '{EVENTS_REFUSED}'); END;",
    "postgresql": f"""
CREATE OR REPLACE FUNCTION {EVENTS}_guard() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.redacted_at IS NULL AND NEW.redacted_at IS NOT NULL
     AND to_jsonb(NEW) - 'payload' - 'redacted_at' = to_jsonb(OLD) - 'payload' - 'redacted_at'
  THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION '{EVENTS_REFUSED}';
END; $$ LANGUAGE plpgsql;
CREATE TRIGGER {EVENTS}_append_only BEFORE UPDATE OR DELETE ON {EVENTS}
  FOR EACH ROW EXECUTE FUNCTION {EVENTS}_guard();
-- New events' ids and the last chain_hash, under a lock held to the end of the transaction
-- so no other writer can follow the same event. Each statement of a volatile function
-- takes a fresh snapshot, so the hash read after the lock is the latest committed one.
CREATE OR REPLACE FUNCTION {EVENTS}_reserve(n integer, OUT ids bigint[], OUT tip varchar)
AS $$
BEGIN
  PERFORM pg_advisory_xact_lock({CHAIN_LOCK});
  SELECT array_agg(nextval(pg_get_serial_sequence('{EVENTS}', 'id')))
    INTO ids FROM generate_series(1, n);
  SELECT chain_hash INTO tip FROM {EVENTS} ORDER BY id DESC LIMIT 1;
END; $$ LANGUAGE plpgsql;
""",
}
UNGUARD = {
    "sqlite": f"DROP TRIGGER IF EXISTS {EVENTS}_append_only;",
    "postgresql": f"DROP TRIGGER IF EXISTS {EVENTS}_append_only ON {EVENTS}; "
    f"DROP FUNCTION IF EXISTS {EVENTS}_guard(); "
    f"DROP FUNCTION IF EXISTS {EVENTS}_reserve(integer);",
}


def guard_events() -> migrations.RunPython:
    """The event log's trigger and, on PostgreSQL, the reserving function the writers call."""
    return migrations.RunPython(_run(GUARD), _run(UNGUARD))
