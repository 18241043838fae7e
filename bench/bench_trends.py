"""Learning trends at 1,000,000 complaints, on SQLite and on PostgreSQL.

    .venv/bin/python bench/bench_trends.py [--rows N] [--db sqlite|postgres]

With no --db it runs SQLite here and PostgreSQL under scripts/with-postgres.
It fills the complaints as bench_work_queue.py does, then gives them what the
trends read: a category (the ten defaults and some unknown tracker wording),
one of 100,000 residents (with postcodes, blocks and estates), a contractor for
one in five, and a stage 1 response (upheld, partly upheld or not) for half the
closed ones. It then times `redress.learning.selectors.trends` (volumes with the
early-warning test, repeat complainants, hotspots, contractors), median of 5.
The target is under 2 s. Figures are printed, never asserted; `--json PATH` also
writes them.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import results_io  # noqa: E402
from bench_work_queue import category_ids_sql, fill, fresh_database, on_each_database  # noqa: E402

RESIDENTS = 100_000
CONTRACTORS = 20
# The fill's complaints are received from January 2022 for 1,700 days.
TODAY = dt.date(2026, 7, 15)
DECISIONS = ("upheld", "partly_upheld", "not_upheld")


def give_trend_facts() -> None:
    from django.db import connection

    from redress.cases.models import Complaint, Stage

    if Stage.objects.exists():
        return
    started = time.perf_counter()
    give_residents_and_categories()
    with connection.cursor() as cursor:
        cast = "::jsonb" if connection.vendor == "postgresql" else ""
        response = (
            "CASE id % 3 "
            + " ".join(
                f"""WHEN {i} THEN '{{"decisions": [{{"point": "p", "decision": "{d}"}}]}}'{cast}"""
                for i, d in enumerate(DECISIONS)
            )
            + " END"
        )
        cursor.execute(
            f"INSERT INTO {Stage._meta.db_table} (complaint_id, number, requested_on,"
            " responded_on, handler_name, definition, response, escalation_note)"
            f" SELECT id, 1, received_on, received_on, '', '{{}}'{cast}, {response}, ''"
            f" FROM {Complaint._meta.db_table} WHERE status = 'closed' AND id % 2 = 0"
        )
        cursor.execute("ANALYZE")
    print(f"  gave the trend facts in {time.perf_counter() - started:.1f} s")


def give_residents_and_categories() -> None:
    """Everything the trends read but stages: contractors, residents (postcodes, blocks,
    estates), and each complaint's category, resident and (one in five) contractor."""
    from django.db import connection

    from redress.cases.models import Complaint, Contractor
    from redress.intake.models import Resident

    Contractor.objects.bulk_create(
        [Contractor(pk=i, name=f"Contractor {i}") for i in range(1, CONTRACTORS + 1)]
    )
    now = dt.datetime.now(dt.UTC)
    residents = (
        (
            i,
            f"Resident {i}",
            "",
            f"LS{i % 30 + 1} {i % 9 + 1}AB",
            "",
            "",
            "",
            f"Block {i % 400}" if i % 3 else "",
            f"Estate {i % 40}",
            "lcho" if i % 10 == 0 else "lcra",
            now,
        )
        for i in range(1, RESIDENTS + 1)
    )
    columns = (
        "id, name, address, postcode, email, phone, tenancy_reference, block, estate, tenure,"
        " created_at"
    )
    table = Resident._meta.db_table
    with connection.cursor() as cursor:
        marks = ", ".join(["%s"] * 11)
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(residents))
        for model in (Contractor, Resident):  # explicit ids leave PostgreSQL's sequences behind
            if connection.vendor == "postgresql":
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{model._meta.db_table}', 'id'),"
                    f" (SELECT MAX(id) FROM {model._meta.db_table}))"
                )
        cursor.execute(
            f"UPDATE {Complaint._meta.db_table} SET category_id = {category_ids_sql()},"
            f" resident_id = 1 + (id * 7919) % {RESIDENTS},"
            f" contractor_id = CASE WHEN id % 5 = 0 THEN 1 + (id / 5) % {CONTRACTORS} END"
        )
        cursor.execute("ANALYZE")


def time_trends(repeat: int = 5) -> None:
    from redress.learning.selectors import trends

    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        found = trends(TODAY)
        samples.append((time.perf_counter() - started) * 1000)
    median = results_io.record("learning trends", samples)["median"]
    flagged = sum(1 for row in found["volumes"] if row["rise"] and row["rise"].flagged)
    print(
        f"  trends: median {median / 1000:.2f} s, slowest {max(samples) / 1000:.2f} s"
        f" ({len(found['volumes'])} categories, {flagged} flagged,"
        f" {found['repeat']['residents']:,} repeat complainants,"
        f" {len(found['contractors'])} contractors)"
    )


def run(count: int) -> None:
    with fresh_database():
        from django.db import connection

        print(f"trends on {connection.vendor}, {count:,} complaints")
        fill(count)
        give_trend_facts()
        time_trends()


def main() -> None:
    on_each_database(__file__, __doc__, run)


if __name__ == "__main__":
    main()
