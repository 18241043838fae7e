"""Checking the record against its hash chain: `redress verify-audit`.

Events are read in id order a batch at a time (keyset pages, so memory stays flat and
each page is an index range scan at any size). Every link is recomputed from the
previous event's chain_hash and this event's fields; every payload that was not
redacted is checked against its payload_sha256. The first break stops the check.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection

from .chain import GENESIS, SEALED, Break, link, payload_digest

BATCH = 10_000
# Read with plain SQL: the ORM's per-value converters would take most of the time. SQLite's
# times come as text (CAST: no parsing on the way) and are parsed here.
_PAGE = {
    "sqlite": "SELECT {columns}, payload, chain_hash, redacted_at IS NOT NULL",
    "postgresql": "SELECT {columns}, payload::text, chain_hash, redacted_at IS NOT NULL",
}
_TEXT_TIMES = {
    "occurred_at": "CAST(occurred_at AS TEXT)",
    "recorded_at": "CAST(recorded_at AS TEXT)",
}


@dataclass(frozen=True)
class Verdict:
    checked: int
    tip: str
    broken: Break | None


def verify_chain(progress: Callable[[int], None] | None = None) -> Verdict:
    """Walk the whole chain; `progress(n)` is told of each batch of n events checked."""
    previous, previous_id, checked = GENESIS, 0, 0
    text_times = connection.vendor == "sqlite"
    columns = ", ".join(_TEXT_TIMES.get(c, c) if text_times else c for c in SEALED)
    sql = _PAGE.get(connection.vendor, _PAGE["postgresql"]).format(columns=columns)
    sql += " FROM record_event WHERE id > %s ORDER BY id LIMIT %s"
    while True:
        with connection.cursor() as cursor:
            cursor.execute(sql, [previous_id, BATCH])
            rows = cursor.fetchall()
        if not rows:
            return Verdict(checked, previous, None)
        for row in rows:
            fields, (payload, chain_hash, redacted) = list(row[:10]), row[10:]
            pk, digest = fields[0], fields[8]
            try:
                if text_times:
                    fields[6], fields[7] = _utc(fields[6]), _utc(fields[7])
                payload = json.loads(payload)
            except (ValueError, TypeError) as error:
                return Verdict(checked, previous, Break(pk, f"it cannot be read ({error})"))
            if not redacted and payload_digest(payload, stored=True) != digest:
                return Verdict(checked, previous, Break(pk, "its payload is not what was sealed"))
            if link(previous, fields) != chain_hash:
                return Verdict(checked, previous, Break(pk, _unlinked(pk, previous_id)))
            previous, previous_id = chain_hash, pk
            checked += 1
        if progress:
            progress(len(rows))


def _utc(text: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _unlinked(pk: int, previous_id: int) -> str:
    problem = (
        "its chain_hash does not follow: its fields (subject, action, actor, times, payload "
        "digest, correction) are not what was sealed, or an event before it was removed or "
        "added"
    )
    if pk != previous_id + 1:
        problem += f" (no event has ids {previous_id + 1} to {pk - 1})"
    return problem
