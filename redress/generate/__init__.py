"""A realistic complaint history for the configured database: `redress generate`.

It writes every app's tables as the services would have (staff in teams,
contractors, residents on estates and in blocks, contacts, complaints through
both stages with their letters, extensions, remedies, outstanding actions and
about ten events each), but in bulk: rows are made in Python a chunk at a time
(`history.History`) and loaded with COPY or batched inserts (`load`). The
realism rates are in `knobs`. The same seed and the same database give the same
rows. Dates are relative to today in London, so two runs on different days differ.
Events are sealed into the record's hash chain as they are made, in id order, following
the last event already there; nothing else may write events while it runs.

A database that already holds complaints is refused unless `append=True`; then
ids and references carry on from the largest ones, and staff are reused.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from . import knobs

CHUNK = 5_000


class AlreadyGenerated(Exception):
    """The database holds complaints and appending was not asked for."""


@dataclass(frozen=True)
class Summary:
    counts: dict[str, int]
    seconds: float

    def line(self) -> str:
        counts = ", ".join(f"{table} {n:,}" for table, n in self.counts.items() if n)
        return f"generated in {self.seconds:.1f} s: {counts}"


def received_days(count: int, years: int, seed: int, today: dt.date, calendar) -> list[dt.date]:
    """`count` receipt dates over the `years` years ending today, in order, weighted by
    weekday, bank holiday, season and growth (see `knobs`)."""
    first = today - dt.timedelta(days=round(365.25 * years) - 1)
    days = np.arange(np.datetime64(first, "D"), np.datetime64(today, "D") + 1)
    weekday = (days.astype("int64") + 3) % 7  # 1970-01-01 was a Thursday
    weights = np.ones(len(days))
    weights[weekday == 5], weights[weekday == 6] = knobs.WEEKEND
    working = np.is_busday(days, busdaycal=calendar.busdaycal)
    weights[(weekday < 5) & ~working] = knobs.BANK_HOLIDAY
    day_of_year = (days - days.astype("datetime64[Y]")).astype("int64")
    weights *= 1 + knobs.WINTER / 2 * (1 + np.cos(2 * np.pi * (day_of_year - 15) / 365.25))
    weights *= (1 + knobs.GROWTH) ** (np.arange(len(days)) / 365.25)
    rng = np.random.default_rng(seed)
    chosen = np.sort(rng.choice(len(days), size=count, p=weights / weights.sum()))
    return days[chosen].astype(dt.date).tolist()


def generate(
    complaints: int,
    years: int,
    seed: int,
    *,
    append: bool = False,
    progress: Callable[[int], None] | None = None,
    now: dt.datetime | None = None,
) -> Summary:
    """Write `complaints` complaints received over the `years` years ending today (the
    London date of `now`, by default the clock's)."""
    from django.utils import timezone

    from redress.administration import deployment
    from redress.cases.models import Complaint
    from redress.code.letters import LetterKind
    from redress.code.london import london_date
    from redress.letters.services import active_template
    from redress.remedies.models import RemedyBand

    from .history import History
    from .load import COLUMNS, chain_tip, next_ids, writer
    from .people import ensure_categories, ensure_contractors, ensure_staff

    if not append and Complaint.objects.exists():
        raise AlreadyGenerated(
            "the database already holds complaints: give --append to add to them"
        )
    started = time.perf_counter()
    now = now or timezone.now()
    today = london_date(now)
    calendar = deployment.calendar()
    templates = {}
    for kind in ("acknowledgement", "refusal", "extension", "stage_response"):
        template = active_template(LetterKind(kind))
        templates[kind] = (template.pk, template.version)
    bands = [
        (b.key, float(b.low), None if b.high is None else float(b.high))
        for b in RemedyBand.objects.all()
    ]
    out = writer()
    ids = next_ids()
    history = History(
        seed=seed,
        today=today,
        now=now,
        calendar=calendar,
        regime=deployment.regime(),
        staff=ensure_staff(complaints / years),
        contractors=ensure_contractors(),
        categories=ensure_categories(),
        templates=templates,
        bands=bands,
        estates=max(3, complaints // 3000),
        next_ids=ids,
        chain_tip=chain_tip(),
        stamp=out.stamp,
    )
    days = received_days(complaints, years, seed, today, calendar)
    with out.loading():
        for start in range(0, len(days), CHUNK):
            chunk = days[start : start + CHUNK]
            for day in chunk:
                history.complaint(day)
            out.write(history.take())
            if progress:
                progress(len(chunk))
    counts = {table: history.ids[table] - ids[table] for table in COLUMNS}
    return Summary(counts, time.perf_counter() - started)
