"""The annual report's data for one year at 1,000,000 complaints, on SQLite and PostgreSQL.

    .venv/bin/python bench/bench_annual_report.py [--rows N] [--db sqlite|postgres]

With no --db it runs SQLite here and PostgreSQL under scripts/with-postgres.
It fills the complaints as bench_work_queue.py does (received over 1,700 days from
January 2022, so the reporting year 2024/25 holds about 215,000 of a million), then
gives them what the report reads: a stage 1 for every complaint (acknowledged 0 to 5
days and answered 0 to 14 days later, with a decision), a stage 2 for one in ten, an
extension on one stage in fifty, one complaint in thirty-three refused with an
exclusion, a remedy for one in twenty (half of them financial), Ombudsman orders and
lessons. It then times `annual_report_data` for 2024/25 (which also reads 2023/24 for
the comparison), median of 5, as wall-clock time and as this process's CPU time (which
on SQLite includes the database's work, and stays fair on a busy machine). The target is
under 2 s. Then the complaint TSMs' counts for the year (`measure_counts`, what
`redress tsm --from-db` runs), median of 5. Printed, never asserted; `--json PATH`
also writes the figures.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import results_io  # noqa: E402
from bench_work_queue import fill, fresh_database, on_each_database  # noqa: E402

YEAR = 2024
EXCLUSIONS = ("over_12_months", "legal_proceedings", "previously_considered", "other")
DECISIONS = ("upheld", "partly_upheld", "not_upheld")


def give_report_facts() -> None:
    from django.db import connection

    from redress.cases.models import Complaint, Extension, Stage
    from redress.learning.models import Lesson
    from redress.ombudsman.models import Determination, OmbudsmanCase, Order
    from redress.remedies.models import Remedy

    if Stage.objects.exists():
        return
    started = time.perf_counter()
    complaints, stages = Complaint._meta.db_table, Stage._meta.db_table
    postgres = connection.vendor == "postgresql"
    cast = "::jsonb" if postgres else ""

    def plus(column: str, days: str) -> str:
        return (
            f"({column} + ({days})::int)"
            if postgres
            else f"date({column}, '+' || ({days}) || ' days')"
        )

    response = (
        "CASE c.id % 3 "
        + " ".join(
            f"""WHEN {i} THEN '{{"decisions": [{{"point": "p", "decision": "{d}"}}]}}'{cast}"""
            for i, d in enumerate(DECISIONS)
        )
        + " END"
    )
    exclusion = (
        "CASE id % 4 " + " ".join(f"WHEN {i} THEN '{e}'" for i, e in enumerate(EXCLUSIONS)) + " END"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {complaints} SET status = 'refused', exclusion = {exclusion},"
            " next_due = NULL WHERE id % 33 = 0"
        )
        acknowledged = plus("c.received_on", "c.id % 6")
        responded = plus("c.received_on", "c.id % 6 + c.id % 15")
        cursor.execute(
            f"INSERT INTO {stages} (complaint_id, number, requested_on, acknowledged_on,"
            " responded_on, handler_name, definition, response, escalation_note)"
            f" SELECT c.id, 1, c.received_on, {acknowledged},"
            f" CASE WHEN c.status = 'closed' THEN {responded} END, '', '{{}}'{cast},"
            f" CASE WHEN c.status = 'closed' THEN {response} ELSE '{{}}'{cast} END, ''"
            f" FROM {complaints} c WHERE c.status <> 'refused'"
        )
        requested = plus("s.responded_on", "3")
        cursor.execute(
            f"INSERT INTO {stages} (complaint_id, number, requested_on, acknowledged_on,"
            " responded_on, handler_name, definition, response, escalation_note)"
            f" SELECT s.complaint_id, 2, {requested}, {plus('s.responded_on', '5')},"
            f" {plus('s.responded_on', '5 + s.complaint_id % 25')}, '', '{{}}'{cast},"
            f" s.response, '' FROM {stages} s WHERE s.number = 1"
            " AND s.responded_on IS NOT NULL AND s.complaint_id % 10 = 0"
        )
        cursor.execute(
            f"INSERT INTO {Extension._meta.db_table} (stage_id, working_days, reason, agreed_on,"
            " good_reason_recorded)"
            f" SELECT id, 10, 'Contractor delay', acknowledged_on, {'true' if postgres else 1}"
            f" FROM {stages} WHERE id % 50 = 0"
        )
        false = "false" if postgres else "0"
        cursor.execute(
            f"INSERT INTO {Remedy._meta.db_table} (complaint_id, stage, kind, description,"
            " owner_user_id, agreed_with_resident, status, offered_on, evidence, finding, impact,"
            " amount, band_key, created_at)"
            " SELECT id, 1, CASE WHEN id % 40 = 0 THEN 'financial' ELSE 'apology' END, 'r', 1,"
            f" {false}, CASE WHEN id % 3 = 0 THEN 'completed' ELSE 'offered' END, received_on,"
            " '', '', '', CASE WHEN id % 40 = 0 THEN 100 + id % 500 END, '', created_at"
            f" FROM {complaints} WHERE id % 20 = 0"
        )
        # PostgreSQL's index-only scans need the visibility map autovacuum keeps.
        cursor.execute("VACUUM ANALYZE" if postgres else "ANALYZE")
    first = Complaint.objects.filter(received_on__year=YEAR).values_list("pk", flat=True)[:300]
    for n, pk in enumerate(first):
        case = OmbudsmanCase.objects.create(
            complaint_id=pk,
            ombudsman_reference=f"B{n}",
            referred_on=f"{YEAR}-05-01",
            determined_on=f"{YEAR}-09-01",
        )
        Determination.objects.create(
            case=case, element="The landlord's complaint handling", finding="maladministration"
        )
        Order.objects.create(
            case=case, kind="chfo", description="Apologise", due_on=f"{YEAR}-10-01"
        )
    Lesson.objects.bulk_create(
        Lesson(
            lesson=f"Lesson {n}",
            improvement=f"Improvement {n}",
            status="done",
            identified_on=f"{YEAR}-04-01",
            done_on=f"{YEAR}-{n % 12 + 1:02d}-01",
        )
        for n in range(200)
    )
    print(f"  gave the report's facts in {time.perf_counter() - started:.1f} s")


def time_report(repeat: int = 5) -> None:
    from redress.cases.models import Complaint
    from redress.code.tsm import ReportingYear
    from redress.oversight.annual_report.data import annual_report_data

    year = ReportingYear(YEAR)
    in_year = Complaint.objects.filter(received_on__range=(year.first_day, year.last_day)).count()
    samples, cpu = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        found = annual_report_data(year)
        samples.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    report = results_io.record("annual report data", samples)
    in_process = results_io.record("annual report data (this process's CPU)", cpu)
    volumes = found["performance"]["volumes"]
    print(
        f"  annual_report_data({year.label}): median {report['median'] / 1000:.2f} s,"
        f" slowest {max(samples) / 1000:.2f} s,"
        f" this process's CPU median {in_process['median'] / 1000:.2f} s"
        f" ({in_year:,} complaints in the year;"
        f" {volumes['received']:,} received, {volumes['refused']:,} refused,"
        f" {volumes['escalated']:,} escalated;"
        f" {found['performance']['timeliness'][0]['responded']:,} stage 1 responses)"
    )


def time_tsm(repeat: int = 5) -> None:
    """The counts behind the complaint TSMs (CH01, CH02) for the year, as `redress tsm
    --from-db` makes them."""
    from redress.code.tsm import ReportingYear
    from redress.oversight.selectors import measure_counts

    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        counts = measure_counts(ReportingYear(YEAR))
        samples.append((time.perf_counter() - started) * 1000)
    median = results_io.record("TSM counts (measure_counts)", samples)["median"]
    print(f"  measure_counts: median {median / 1000:.2f} s ({counts})")


def run(count: int) -> None:
    with fresh_database():
        from django.db import connection

        print(f"annual report on {connection.vendor}, {count:,} complaints")
        fill(count)
        give_report_facts()
        time_report()
        time_tsm()


def main() -> None:
    on_each_database(__file__, __doc__, run)


if __name__ == "__main__":
    main()
