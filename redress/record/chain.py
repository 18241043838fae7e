"""The hash chain over the record: each event seals its own fields and the event before it.

`payload_sha256` is the SHA-256 of the payload's canonical JSON (sorted keys, no
spaces, DjangoJSONEncoder). `chain_hash` is the SHA-256 of the previous event's
chain_hash (by id; GENESIS for the first) followed by the canonical JSON of this
event's fields, so changing, deleting or inserting any event breaks every link after
it. A redacted payload no longer matches its payload_sha256, but the chain still
holds: it seals the digest, not the payload. No Django models here, so the writers,
the bulk loaders, the migration and `redress verify-audit` all share one definition.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder

GENESIS = "0" * 64
# The columns each link seals, in order (payload through its digest).
SEALED = (
    "id",
    "subject_kind",
    "subject_id",
    "action",
    "actor_id",
    "actor_label",
    "occurred_at",
    "recorded_at",
    "payload_sha256",
    "corrects_id",
)


_CANONICAL = DjangoJSONEncoder(sort_keys=True, separators=(",", ":"))


def canonical_json(value) -> str:
    return _CANONICAL.encode(value)


def payload_digest(payload, *, stored: bool = False) -> str:
    """The digest of a payload. What the database returns is JSON already (`stored`);
    anything else is first put through JSON as the database will store it, so a date or
    an int key hashes as the string it will be read back as."""
    if not stored:
        payload = json.loads(json.dumps(payload, cls=DjangoJSONEncoder))
    return hashlib.sha256(canonical_json(payload).encode()).hexdigest()


def utc_iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat()


def link(previous: str, fields: tuple) -> str:
    """The chain_hash of an event whose SEALED values are `fields` (times as datetimes)."""
    values = list(fields)
    values[6], values[7] = utc_iso(values[6]), utc_iso(values[7])
    return hashlib.sha256((previous + canonical_json(values)).encode()).hexdigest()


@dataclass(frozen=True)
class Break:
    """The first event where the record is not what was sealed."""

    event_id: int
    problem: str

    def __str__(self) -> str:
        return f"event {self.event_id}: {self.problem}"
