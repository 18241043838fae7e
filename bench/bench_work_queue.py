"""Work-queue query at 1,000,000 complaints, on SQLite and on PostgreSQL.

    make bench                                  (or)
    .venv/bin/python bench/bench_work_queue.py [--rows N] [--db sqlite|postgres]

With no --db it runs SQLite here and PostgreSQL under scripts/with-postgres.
It fills cases_complaint with N rows (a fifth of them open, with a next due
date), then times the queue as the API asks for it: everything, one
handler's, and stage 2 only, 50 rows a page. The target is under 20 ms.
Figures are printed, never asserted: this is a benchmark, not a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HANDLERS = 40
OPEN_STATES = ("stage1_accepted", "stage1_acknowledged", "stage2_requested", "stage2_acknowledged")


def setup_django(var_dir: str) -> None:
    os.environ["REDRESS_VAR_DIR"] = var_dir
    os.environ["DJANGO_SETTINGS_MODULE"] = "redress.project.settings.dev"
    sys.path.insert(0, str(ROOT))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


@contextmanager
def fresh_database():
    """A throwaway database for one run: SQLite in a temporary folder, or the PostgreSQL
    that DATABASE_URL names (scripts/with-postgres starts one), migrated."""
    with tempfile.TemporaryDirectory(prefix="redress-bench-") as var_dir:
        setup_django(var_dir)
        yield


def on_each_database(script: str, doc: str, run) -> None:
    """The benchmarks' command line: `--rows N` and `--db sqlite|postgres`; with no --db,
    the script runs once on SQLite and once on a throwaway PostgreSQL."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--db", choices=("sqlite", "postgres"))
    args = parser.parse_args()
    if args.db == "sqlite":
        os.environ.pop("DATABASE_URL", None)
    if args.db or os.environ.get("DATABASE_URL"):
        run(args.rows)
        return
    for db in ("sqlite", "postgres"):
        command = [sys.executable, script, "--rows", str(args.rows), "--db", db]
        if db == "postgres":
            command = [str(ROOT / "scripts" / "with-postgres"), *command]
        subprocess.run(command, check=True)


def rows(count: int):
    rng = random.Random(1)
    start = dt.date(2022, 1, 1)
    now = dt.datetime.now(dt.UTC)
    for pk in range(1, count + 1):
        received = start + dt.timedelta(days=rng.randrange(0, 1700))
        is_open = rng.random() < 0.2
        status = rng.choice(OPEN_STATES) if is_open else "closed"
        due = received + dt.timedelta(days=rng.randrange(5, 40)) if is_open else None
        yield (
            pk,
            f"CMP-{received.year}-{pk:07d}",
            "phone",
            "",
            "",
            received,
            status,
            rng.randrange(1, HANDLERS + 1),
            due,
            "respond" if is_open else "",
            "hos-2024",
            "",
            now,
        )


def fill(count: int) -> None:
    from django.contrib.auth import get_user_model
    from django.db import connection

    from redress.cases.models import Complaint

    if Complaint.objects.count() >= count:
        return
    User = get_user_model()
    User.objects.bulk_create(
        [User(pk=i, username=f"handler{i}") for i in range(1, HANDLERS + 1)],
        ignore_conflicts=True,
    )
    if connection.vendor == "postgresql":  # explicit ids leave the sequence behind
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('auth_user', 'id'), "
                "(SELECT MAX(id) FROM auth_user))"
            )
    columns = (
        "id",
        "reference",
        "channel",
        "category",
        "summary",
        "received_on",
        "status",
        "handler_id",
        "next_due",
        "next_action",
        "regime",
        "exclusion",
        "created_at",
    )
    table = Complaint._meta.db_table
    started = time.perf_counter()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows(count):
                    copy.write_row(row)
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), {count})")
            cursor.execute(f"VACUUM ANALYZE {table}")  # no autovacuum during the timings
        else:
            marks = ", ".join("%s" for _ in columns)
            batch = []
            for row in rows(count):
                batch.append(row)
                if len(batch) == 50_000:
                    cursor.executemany(
                        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", batch
                    )
                    batch.clear()
            if batch:
                cursor.executemany(
                    f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", batch
                )
            cursor.execute("ANALYZE")
    print(f"  filled {count:,} complaints in {time.perf_counter() - started:.1f} s")


def time_queue(label: str, repeat: int = 200, **filters) -> None:
    from redress.cases.selectors import work_queue

    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        page = list(work_queue(**filters))
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    p95 = samples[int(len(samples) * 0.95) - 1]
    print(
        f"  {label:<22} rows={len(page):>3}  median {statistics.median(samples):6.2f} ms"
        f"  p95 {p95:6.2f} ms"
    )


def run(count: int) -> None:
    with fresh_database():
        from django.db import connection

        print(f"work queue on {connection.vendor}, {count:,} complaints")
        fill(count)
        time_queue("all open cases")
        time_queue("one handler's cases", handler_ids=[7])
        time_queue("stage 2 only", stage=2)


def main() -> None:
    on_each_database(__file__, __doc__, run)


if __name__ == "__main__":
    main()
