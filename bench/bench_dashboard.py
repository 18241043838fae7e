"""The oversight dashboard's tables, a chart and a download, on SQLite and on PostgreSQL.

    .venv/bin/python bench/bench_dashboard.py [--rows N] [--db sqlite|postgres]

With no --db it runs SQLite here and PostgreSQL under scripts/with-postgres.
It fills the complaints as bench_work_queue.py does, gives them a category (the
ten defaults and some tracker wording) and half the closed ones a stage 1
response (upheld, partly upheld or not) acknowledged on the day and sent 0 to 39
days after the request, so that many are late, and times
`redress.oversight.dashboard.tables` for the reporting year 2025/26 against the
year before (every table the page shows), one chart and one CSV, median of 5.
Figures are printed, never asserted; `--json PATH` also writes them.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import results_io  # noqa: E402
from bench_work_queue import (  # noqa: E402
    category_ids_sql,
    fill,
    fresh_database,
    on_each_database,
)

TODAY = dt.date(2026, 3, 31)
DECISIONS = ("upheld", "partly_upheld", "not_upheld")


def give_facts() -> None:
    from django.db import connection

    from redress.cases.models import Complaint, Stage

    category = category_ids_sql()
    cast = "::jsonb" if connection.vendor == "postgresql" else ""
    response = " ".join(
        f"""WHEN {i} THEN '{{"decisions": [{{"point": "p", "decision": "{d}"}}]}}'{cast}"""
        for i, d in enumerate(DECISIONS)
    )
    later = {
        "sqlite": "date(received_on, '+' || (id % 40) || ' days')",
        "postgresql": "received_on + (id % 40)::integer",
    }[connection.vendor]
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {Complaint._meta.db_table} SET category_id = {category}")
        cursor.execute(
            f"INSERT INTO {Stage._meta.db_table} (complaint_id, number, requested_on,"
            " acknowledged_on, responded_on, handler_name, definition, response,"
            f" escalation_note) SELECT id, 1, received_on, received_on, {later}, '',"
            f" '{{}}'{cast}, CASE id % 3 {response} END, ''"
            f" FROM {Complaint._meta.db_table} WHERE status = 'closed' AND id % 2 = 0"
        )
        cursor.execute("ANALYZE")


def timed(label: str, work, repeat: int = 5):
    samples, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = work()
        samples.append((time.perf_counter() - started) * 1000)
    found = results_io.record(f"dashboard: {label}", samples)
    print(
        f"  {label:<34} median {found['median'] / 1000:6.2f} s  slowest {max(samples) / 1000:.2f} s"
    )
    return result


def measure() -> None:
    from redress.code.periods import Period
    from redress.code.tsm import ReportingYear
    from redress.oversight import charts, dashboard
    from redress.oversight.dashboard import downloads

    period = Period.of(ReportingYear(2025))
    found = timed("every table (year and year before)", lambda: dashboard.tables(period, TODAY))
    late = {row[0]: row[1] for row in found[4].rows}["Stage 1: answered late"]
    print(f"    ({sum(r[1] for r in found[1].rows):,} received, {late:,} answered late)")
    timed("timeliness table alone", lambda: dashboard.timeliness(period, TODAY))
    table = dashboard.categories(period, TODAY)
    timed("categories chart (SVG)", lambda: charts.svg(table))
    timed("categories CSV", lambda: downloads.csv_response(table, period))


def run(count: int) -> None:
    with fresh_database():
        from django.db import connection

        print(f"dashboard on {connection.vendor}, {count:,} complaints")
        fill(count)
        give_facts()
        measure()


def main() -> None:
    on_each_database(__file__, __doc__, run)


if __name__ == "__main__":
    main()
