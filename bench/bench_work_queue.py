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
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
import results_io  # noqa: E402

HANDLERS = 40
# The benches' staff sign in with this authenticator secret: Redress requires a factor.
TOTP_SECRET = "BENCHTOTPSECRETBENCHTOTP"
OPEN_STATES = ("stage1_accepted", "stage1_acknowledged", "stage2_requested", "stage2_acknowledged")


def setup_django(var_dir: str) -> None:
    """Django on the shared settings (DEBUG off, as a server runs), data under var_dir."""
    os.environ["REDRESS_VAR_DIR"] = var_dir
    os.environ["DJANGO_SETTINGS_MODULE"] = "redress.project.settings.base"
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
    """The benchmarks' command line: `--rows N`, `--db sqlite|postgres` and `--json PATH`;
    with no --db, the script runs once on SQLite and once on a throwaway PostgreSQL."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--db", choices=("sqlite", "postgres"))
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    if args.db == "sqlite":
        os.environ.pop("DATABASE_URL", None)
    if args.db or os.environ.get("DATABASE_URL"):
        engine = "postgresql" if os.environ.get("DATABASE_URL") else "sqlite"
        results_io.context(engine=engine, rows=args.rows)
        run(args.rows)
        if args.json:
            results_io.write(args.json)
        return
    for db in ("sqlite", "postgres"):
        command = [sys.executable, script, "--rows", str(args.rows), "--db", db]
        if args.json:
            engine = {"postgres": "postgresql"}.get(db, db)
            command += ["--json", str(args.json.with_name(f"{args.json.stem}-{engine}.json"))]
        if db == "postgres":
            command = [str(ROOT / "scripts" / "with-postgres"), *command]
        subprocess.run(command, check=True, env={**os.environ, "PYTHON": sys.executable})


# The complaint columns the fast fills write (bench_work_queue, the peer comparison).
COMPLAINT_COLUMNS = (
    "id",
    "reference",
    "channel",
    "category_id",
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


def category_ids_sql() -> str:
    """A CASE over the complaint id giving each a category id: the ten defaults, a
    tracker's own wording (an imported category, as the migration makes them), and none."""
    from redress.cases.models import Category
    from redress.learning.defaults import CATEGORIES

    Category.objects.get_or_create(
        name="Heating (tracker)", defaults={"active": False, "imported": True}
    )
    ids = dict(Category.objects.values_list("name", "pk"))
    found = [*(ids[name] for name in CATEGORIES), ids["Heating (tracker)"], "NULL"]
    return (
        "CASE " + " ".join(f"WHEN id % {len(found)} = {i} THEN {n}" for i, n in enumerate(found))
    ) + " END"


def bulk_load(connection, table: str, columns: tuple[str, ...], values) -> float:
    """Bulk-insert rows (COPY on PostgreSQL, batched executemany on SQLite), move the id
    sequence on, refresh the planner's statistics; the seconds it took."""
    started = time.perf_counter()
    names = ", ".join(columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in values:
                    copy.write_row(row)
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT MAX(id) FROM {table}))"
            )
            cursor.execute(f"VACUUM ANALYZE {table}")  # no autovacuum during the timings
        else:
            marks = ", ".join("%s" for _ in columns)
            sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"
            batch = []
            for row in values:
                batch.append(row)
                if len(batch) == 50_000:
                    cursor.executemany(sql, batch)
                    batch.clear()
            if batch:
                cursor.executemany(sql, batch)
            cursor.execute("ANALYZE")
    return time.perf_counter() - started


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
            None,
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
    took = bulk_load(connection, Complaint._meta.db_table, COMPLAINT_COLUMNS, rows(count))
    results_io.note(fill_s=round(took, 1))
    print(f"  filled {count:,} complaints in {took:.1f} s")


def time_queue(label: str, repeat: int = 200, **filters) -> None:
    """Time the selector 200 times, 50 rows a page; recorded as 'work queue query: <label>'."""
    from redress.cases.selectors import work_queue

    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        page = list(work_queue(**filters))
        samples.append((time.perf_counter() - started) * 1000)
    found = results_io.record(f"work queue query: {label}", samples)
    print(
        f"  {label:<22} rows={len(page):>3}  median {found['median']:6.2f} ms"
        f"  p95 {found['p95']:6.2f} ms"
    )


def run(count: int) -> None:
    with fresh_database():
        from django.db import connection

        print(f"work queue on {connection.vendor}, {count:,} complaints")
        fill(count)
        measure()


def measure() -> None:
    time_queue("all open")
    time_queue("one handler", handler_ids=[7])
    time_queue("stage 2", stage=2)


def main() -> None:
    on_each_database(__file__, __doc__, run)


if __name__ == "__main__":
    main()
