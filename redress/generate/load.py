"""Bulk loading: COPY on PostgreSQL, batched inserts on SQLite, one transaction per chunk.

Rows carry their ids (each table continues from its largest id), so parents and
children are written in one pass with no round trip for keys. Indexes and
triggers stay in place: at a million complaints the load is dominated by making
the rows, not by index upkeep, and nothing has to be rebuilt if a load fails.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction

# Parents before children, each with its columns in the order History writes them.
COLUMNS: dict[str, tuple[str, ...]] = {
    "intake_resident": [
        "id",
        "name",
        "tenure",
        "address",
        "postcode",
        "email",
        "phone",
        "tenancy_reference",
        "block",
        "estate",
        "created_at",
    ],
    "intake_representative": [
        "id",
        "resident_id",
        "name",
        "relationship",
        "authority",
        "authority_recorded_on",
        "email",
        "phone",
    ],
    "intake_reasonableadjustment": [
        "id",
        "resident_id",
        "adjustment",
        "letters_in",
        "disability_disclosed",
        "review_on",
        "recorded_on",
    ],
    "intake_contact": [
        "id",
        "resident_id",
        "representative_id",
        "channel",
        "classification",
        "summary",
        "received_at",
        "told_how_to_complain",
        "offered_choice_to_complain",
    ],
    "cases_complaint": [
        "id",
        "reference",
        "resident_id",
        "representative_id",
        "contact_id",
        "service_request_id",
        "related_to_id",
        "channel",
        "category_id",
        "contractor_id",
        "summary",
        "received_on",
        "issue_arose_on",
        "resident_aware_on",
        "status",
        "handler_id",
        "next_due",
        "next_action",
        "regime",
        "exclusion",
        "refusal_reason",
        "created_at",
    ],
    "cases_correspondence": [
        "id",
        "complaint_id",
        "kind",
        "direction",
        "title",
        "body",
        "file",
        "occurred_at",
    ],
    "cases_stage": [
        "id",
        "complaint_id",
        "number",
        "requested_on",
        "acknowledged_on",
        "responded_on",
        "handler_id",
        "responded_by_id",
        "handler_name",
        "definition",
        "response",
        "escalation_note",
        "acknowledgement_sent_id",
        "response_sent_id",
    ],
    "cases_issue": ["id", "complaint_id", "description", "raised_on"],
    "cases_extension": [
        "id",
        "stage_id",
        "working_days",
        "reason",
        "agreed_on",
        "approved_by_id",
        "good_reason_recorded",
    ],
    "cases_outstandingaction": [
        "id",
        "complaint_id",
        "stage",
        "description",
        "due_on",
        "completed_on",
        "owner_team_id",
        "owner_user_id",
        "owner_contractor_id",
        "evidence",
        "update_every",
        "last_update_on",
    ],
    "remedies_remedy": [
        "id",
        "complaint_id",
        "stage",
        "kind",
        "description",
        "owner_team_id",
        "owner_user_id",
        "owner_contractor_id",
        "due_on",
        "agreed_with_resident",
        "status",
        "offered_on",
        "accepted_on",
        "declined_on",
        "completed_on",
        "evidence",
        "update_every",
        "last_update_on",
        "finding",
        "impact",
        "actual_loss",
        "time_and_trouble",
        "distress",
        "delay",
        "amount",
        "band_key",
        "created_at",
    ],
    "letters_letter": [
        "id",
        "complaint_id",
        "kind",
        "stage",
        "template_id",
        "subject",
        "html",
        "text",
        "pdf",
        "facts",
        "large_print",
        "delivery",
        "recipient",
        "issued_by_id",
        "issued_at",
        "sha256",
    ],
    "record_event": [
        "id",
        "subject_kind",
        "subject_id",
        "action",
        "actor_id",
        "actor_label",
        "occurred_at",
        "recorded_at",
        "payload",
        "corrects_id",
        "payload_sha256",
        "chain_hash",
    ],
}


def next_ids() -> dict[str, int]:
    """Each table's next free id."""
    with connection.cursor() as cursor:
        found = {}
        for table in COLUMNS:
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")
            found[table] = cursor.fetchone()[0]
    return found


def chain_tip() -> str:
    """The last event's chain_hash, which the first generated event follows."""
    from redress.record.chain import GENESIS

    with connection.cursor() as cursor:
        cursor.execute("SELECT chain_hash FROM record_event ORDER BY id DESC LIMIT 1")
        found = cursor.fetchone()
    return found[0] if found else GENESIS


class Writer:
    """Writes a chunk of rows per transaction; `loading()` wraps the whole load."""

    def write(self, rows: dict[str, list[tuple]]) -> None:
        with transaction.atomic():
            for table, columns in COLUMNS.items():
                if rows.get(table):
                    self._write(table, columns, rows[table])

    def _write(self, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
        raise NotImplementedError

    @contextmanager
    def loading(self) -> Iterator[None]:
        yield

    @staticmethod
    def stamp(moment: dt.datetime) -> str:
        raise NotImplementedError


class PostgresWriter(Writer):
    @staticmethod
    def stamp(moment: dt.datetime) -> str:
        return f"{moment.isoformat(' ')}+00"

    def _write(self, table, columns, rows) -> None:
        sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)

    @contextmanager
    def loading(self) -> Iterator[None]:
        yield
        with connection.cursor() as cursor:
            for table in COLUMNS:
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                    f" (SELECT MAX(id) FROM {table}))"
                )
            # Index-only scans (the queue, the reports) need the visibility map; VACUUM
            # cannot run inside a transaction (a test's), where ANALYZE does.
            vacuum = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
            cursor.execute(f"{vacuum} {', '.join(COLUMNS)}")


class SqliteWriter(Writer):
    @staticmethod
    def stamp(moment: dt.datetime) -> str:
        return moment.isoformat(" ")

    def _write(self, table, columns, rows) -> None:
        marks = ", ".join("?" for _ in columns)
        raw = connection.connection.cursor()
        try:
            raw.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)
        finally:
            raw.close()

    @contextmanager
    def loading(self) -> Iterator[None]:
        """No fsync while loading (a crash mid-load loses only the load); restored after.
        Inside a transaction (a test's) SQLite cannot change it, and need not."""
        if connection.in_atomic_block:
            yield
            return
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous")
            before = cursor.fetchone()[0]
            cursor.execute("PRAGMA synchronous=OFF")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA synchronous={int(before)}")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def writer() -> Writer:
    return PostgresWriter() if connection.vendor == "postgresql" else SqliteWriter()
