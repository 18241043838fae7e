"""Drafting the self-assessment's evidence for a year at 1,000,000 complaints.

    .venv/bin/python bench/bench_evidence.py [--rows N] [--db sqlite|postgres]

With no --db it runs SQLite here and PostgreSQL under scripts/with-postgres.
It fills the complaints as bench_work_queue.py does (received over 1,700 days
from January 2022, so about a fifth fall in 2024/25), gives the closed ones a
stage 1 acknowledged and answered (one in ten late, one in fifty with an
extension) and a stage 2 for one in eight, a refusal event for the refused,
then times `draft_evidence` for 2024/25, median of 5. The target is seconds.
Figures are printed, never asserted; `--json PATH` also writes them.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import results_io  # noqa: E402
from bench_work_queue import fill, fresh_database, on_each_database  # noqa: E402


def give_stages() -> None:
    from django.db import connection

    from redress.cases.models import Complaint, Extension, Stage

    if Stage.objects.exists():
        return
    started = time.perf_counter()
    complaints, stages = Complaint._meta.db_table, Stage._meta.db_table
    pg = connection.vendor == "postgresql"
    cast = "::jsonb" if pg else ""
    day = (lambda n: f"received_on + {n}") if pg else (lambda n: f"date(received_on, '+{n} days')")
    definition = f"""'{{"points": ["p"], "outcomes_sought": ["o"]}}'{cast}"""
    response = f"""'{{"decisions": [{{"point": "p", "decision": "upheld"}}]}}'{cast}"""
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {complaints} SET status = 'refused', exclusion = 'other'"
            " WHERE status = 'closed' AND id % 40 = 0"
        )
        cursor.execute(
            f"INSERT INTO {stages} (complaint_id, number, requested_on, acknowledged_on,"
            " responded_on, handler_id, handler_name, definition, response, escalation_note)"
            f" SELECT id, 1, received_on, {day(2)},"
            f" CASE WHEN id % 10 = 0 THEN {day(30)} ELSE {day(9)} END,"
            f" handler_id, '', {definition}, {response}, ''"
            f" FROM {complaints} WHERE status = 'closed'"
        )
        cursor.execute(
            f"INSERT INTO {stages} (complaint_id, number, requested_on, acknowledged_on,"
            " responded_on, handler_id, handler_name, definition, response, escalation_note)"
            f" SELECT id, 2, {day(20)}, {day(22)}, {day(40)},"
            f" 1 + handler_id % 40, '', {definition}, {response}, ''"
            f" FROM {complaints} WHERE status = 'closed' AND id % 8 = 0"
        )
        cursor.execute(
            f"INSERT INTO {Extension._meta.db_table} (stage_id, working_days, reason, agreed_on,"
            " good_reason_recorded)"
            f" SELECT s.id, 10, 'Survey', s.acknowledged_on, false FROM {stages} s"
            " WHERE s.number = 1 AND s.complaint_id % 50 = 0"
        )
    give_refusal_events()
    print(f"  gave stages, extensions and refusals in {time.perf_counter() - started:.1f} s")


def give_refusal_events() -> None:
    """A 'refused' event with a reason for every refused complaint (where 6.2 reads it),
    sealed into the record's chain as any event is."""
    import datetime as dt

    from django.db import connection, transaction

    from redress.cases.models import Complaint
    from redress.record.models import Event
    from redress.record.services import append_events

    def event(pk: int, received: dt.date) -> Event:
        at = dt.datetime.combine(received, dt.time(12), tzinfo=dt.UTC)
        return Event(
            subject_kind="complaint",
            subject_id=pk,
            action="refused",
            actor_label="import",
            occurred_at=at,
            recorded_at=at,
            payload={"exclusion": "other", "reason": "Out of scope"},
        )

    refused = Complaint.objects.filter(status="refused").order_by("id")
    batch: list[Event] = []
    for pk, received in list(refused.values_list("id", "received_on")):
        batch.append(event(pk, received))
        if len(batch) == 10_000:
            with transaction.atomic():
                append_events(batch)
            batch = []
    with transaction.atomic():
        append_events(batch)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def time_evidence(repeat: int = 5) -> None:
    from redress.assessments.evidence import draft_evidence
    from redress.code.tsm import ReportingYear

    year = ReportingYear(2024)
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        found = draft_evidence(year)
        samples.append((time.perf_counter() - started) * 1000)
    median = results_io.record("self-assessment evidence", samples)["median"]
    flagged = sum(1 for d in found.values() if d.shortfall)
    print(
        f"  draft_evidence {year.label}: median {median / 1000:.2f} s, slowest "
        f"{max(samples) / 1000:.2f} s ({len(found)} provisions, {flagged} flagged)"
    )
    print(f"  6.2: {found['6.2'].text}")


def run(count: int) -> None:
    with fresh_database():
        from django.db import connection

        print(f"evidence on {connection.vendor}, {count:,} complaints")
        fill(count)
        give_stages()
        time_evidence()


def main() -> None:
    on_each_database(__file__, __doc__, run)


if __name__ == "__main__":
    main()
