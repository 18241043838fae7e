"""What every step of a generated complaint writes through: ids, rows, moments, events.

`Ledger` holds the history's settings (today, the calendar, the regime, the staff)
and its running state (the next id of each table, the rows made so far, the chain's
tip, the random generator every step draws from, in the order the steps run).
`Case` is what the steps of one complaint share while it is being made.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from redress.code.london import LONDON
from redress.code.regimes import Regime
from redress.code.stages import Status
from redress.code.timescales import StageFacts
from redress.record.chain import link, payload_digest

from .. import knobs
from ..people import Resident, Staff


def _weighted(table: dict) -> tuple[list, list]:
    keys, total, cumulative = list(table), 0, []
    for key in keys:
        total += table[key]
        cumulative.append(total)
    return keys, cumulative


@lru_cache(maxsize=4096)
def _moment(stamp: str) -> dt.datetime:
    """A database timestamp text as the UTC datetime it is read back as."""
    moment = dt.datetime.fromisoformat(stamp)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


class Ledger:
    """The rows made so far (`rows`: table name to list of tuples) and how to add to them."""

    def __init__(
        self,
        *,
        seed: int,
        today: dt.date,
        now: dt.datetime,
        calendar,
        regime: Regime,
        staff: Staff,
        contractors: tuple[int, ...],
        categories: dict[str, int],
        templates: dict[str, tuple[int, int]],
        bands: list[tuple[str, float, float | None]],
        estates: int,
        next_ids: dict[str, int],
        chain_tip: str,
        stamp,
    ):
        self.rng = random.Random(seed)
        self.seed, self.today, self.calendar, self.regime = seed, today, calendar, regime
        self.now = now.astimezone(dt.UTC).replace(tzinfo=None, microsecond=0)
        self.add = lru_cache(maxsize=None)(calendar.add_working_days)
        self.staff, self.contractors, self.templates, self.bands = (
            staff,
            contractors,
            templates,
            bands,
        )
        self.estates, self.stamp = estates, stamp
        self.category_ids = categories
        self.ids = dict(next_ids)
        self.chain = chain_tip
        self.first_resident = next_ids["intake_resident"]
        self.rows: dict[str, list[tuple]] = defaultdict(list)
        self.channels = _weighted(knobs.CHANNELS)
        self.categories = _weighted(knobs.CATEGORIES)
        self.exclusions = _weighted(knobs.EXCLUSIONS)
        self.decisions = _weighted(knobs.DECISIONS)
        self.amounts = _weighted({band: band[0] for band in knobs.AMOUNTS})
        self.case_workers = staff.handlers + staff.managers
        self._offsets: dict[dt.date, dt.timedelta] = {}
        self._last: dt.datetime | None = None
        self._last_day: dt.date | None = None

    def take(self) -> dict[str, list[tuple]]:
        rows, self.rows = self.rows, defaultdict(list)
        return rows

    def next_id(self, table: str) -> int:
        found = self.ids[table]
        self.ids[table] = found + 1
        return found

    def begin_case(self) -> None:
        """A new complaint's steps follow each other on their own days, not the last one's."""
        self._last_day = None

    def at(self, day: dt.date) -> str:
        """A moment in working hours on `day` (London), after the case's last one, not
        after now; as the database's UTC timestamp text."""
        offset = self._offsets.get(day)
        if offset is None:
            noon = dt.datetime.combine(day, dt.time(12), tzinfo=LONDON)
            offset = self._offsets[day] = noon.utcoffset()
        moment = dt.datetime.combine(day, dt.time(8, 30)) - offset
        moment += dt.timedelta(minutes=self.rng.randrange(540))
        # Steps on one day follow each other; a later-dated step (a remedy paid) may be
        # written before an earlier one (the case closed) and keeps its own date.
        if day == self._last_day and moment <= self._last:
            moment = self._last + dt.timedelta(minutes=self.rng.randrange(1, 20))
        moment = min(moment, self.now)
        self._last, self._last_day = moment, day
        return self.stamp(moment)

    def event(self, kind: str, subject: int, action: str, actor, at: str, payload: dict):
        """An event sealed into the chain after the one made before it (ids ascend)."""
        pk, moment = self.next_id("record_event"), _moment(at)
        digest = payload_digest(payload, stored=True)  # plain JSON values already
        self.chain = link(
            self.chain, (pk, kind, subject, action, actor, "", moment, moment, digest, None)
        )
        self.rows["record_event"].append(
            (
                pk,
                kind,
                subject,
                action,
                actor,
                "",
                at,
                at,
                json.dumps(payload),
                None,
                digest,
                self.chain,
            )
        )


@dataclass
class Case:
    """What the steps of one complaint share while it is being made."""

    id: int
    reference: str
    received: dt.date
    summary: str
    person: Resident
    representative: int | None
    # The complaint row's facts from its arrival (`arrival.receive`).
    resident_id: int
    contact: int
    channel: str
    category: str
    contractor: int | None
    arose: dt.date
    exclusion: str  # the reason it will be refused for; "" if it will not be
    logged_at: str
    status: Status = Status.STAGE1_RECEIVED
    refusal_reason: str = ""
    handler: int | None = None
    stages: list[tuple] = field(default_factory=list)
    facts: dict[int, StageFacts] = field(default_factory=dict)
    responded: dict[int, dt.date] = field(default_factory=dict)
