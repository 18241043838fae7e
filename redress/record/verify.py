"""Checking the record against its hash chain: `redress verify-audit`.

Events are read in id order a batch at a time (keyset pages, so memory stays flat and
each page is an index range scan at any size). Every link is recomputed from the
previous event's chain_hash and this event's fields; every payload that was not
redacted is checked against its payload_sha256. The first break stops the check.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .chain import GENESIS, SEALED, Break, link, payload_digest
from .models import Event

BATCH = 10_000
_COLUMNS = (*SEALED, "payload", "chain_hash", "redacted_at")


@dataclass(frozen=True)
class Verdict:
    checked: int
    tip: str
    broken: Break | None


def verify_chain(progress: Callable[[int], None] | None = None) -> Verdict:
    """Walk the whole chain; `progress(n)` is told of each batch of n events checked."""
    previous, previous_id, checked = GENESIS, 0, 0
    while True:
        rows = list(
            Event.objects.filter(id__gt=previous_id).order_by("id").values_list(*_COLUMNS)[:BATCH]
        )
        if not rows:
            return Verdict(checked, previous, None)
        for row in rows:
            fields, (payload, chain_hash, redacted_at) = row[:10], row[10:]
            pk, digest = fields[0], fields[8]
            if redacted_at is None and payload_digest(payload, stored=True) != digest:
                return Verdict(checked, previous, Break(pk, "its payload is not what was sealed"))
            if link(previous, fields) != chain_hash:
                return Verdict(checked, previous, Break(pk, _unlinked(pk, previous_id)))
            previous, previous_id = chain_hash, pk
            checked += 1
        if progress:
            progress(len(rows))


def _unlinked(pk: int, previous_id: int) -> str:
    problem = (
        "its chain_hash does not follow: its fields (subject, action, actor, times, payload "
        "digest, correction) are not what was sealed, or an event before it was removed or "
        "added"
    )
    if pk != previous_id + 1:
        problem += f" (no event has ids {previous_id + 1} to {pk - 1})"
    return problem
