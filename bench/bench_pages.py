"""Work-queue page and case page render times at 1,000,000 complaints (SQLite, PostgreSQL).

    .venv/bin/python bench/bench_pages.py [--rows N] [--db sqlite|postgres]

Fills the database as bench_work_queue.py does, adds a few complaints made
through the services (so a case page has stages, events and a timeline), then
times full requests through Django's test client, signed in as a complaints
officer and then as a handler in a team of five (their own, team and
visible queues). The target is under 150 ms at the 95th percentile.
Printed, not asserted.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_work_queue as base  # noqa: E402


def timed(client, url: str, repeat: int = 100) -> str:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    samples.sort()
    p95 = samples[int(len(samples) * 0.95) - 1]
    return f"median {statistics.median(samples):6.1f} ms  p95 {p95:6.1f} ms"


def run(count: int) -> None:
    with base.fresh_database():
        from django.contrib.auth import get_user_model
        from django.db import connection
        from django.test import Client
        from django.test.utils import setup_test_environment

        from redress.cases import services
        from redress.intake.services import create_resident

        setup_test_environment()
        print(f"pages on {connection.vendor}, {count:,} complaints")
        base.fill(count)
        from django.contrib.auth.models import Group

        from redress.staff.models import Team

        officer = get_user_model().objects.create_user("bench-officer", password="x")
        officer.groups.add(Group.objects.get_or_create(name="complaints officer")[0])
        # handler1 shares a team with four others: their own, team and all-I-may-see queues.
        handler = get_user_model().objects.get(pk=1)
        handler.groups.add(Group.objects.get_or_create(name="handler")[0])
        team = Team.objects.create(name="Bench team")
        team.members.add(*range(1, 6))
        resident = create_resident(actor=officer, name="Bench Resident", postcode="LS1 1AA")
        case = services.open_complaint(actor=officer, resident=resident, summary="Damp")
        services.accept(case.reference, actor=officer)
        services.acknowledge(
            case.reference, actor=officer, points=["Damp"], outcomes_sought=["Fix it"]
        )
        client = Client()
        client.force_login(officer)
        print(f"  work queue (everyone's)  {timed(client, '/cases/?scope=all')}")
        print(f"  work queue (overdue)     {timed(client, '/cases/?scope=all&due=overdue')}")
        print(f"  case page                {timed(client, f'/cases/{case.reference}/')}")
        client.force_login(handler)
        print(f"  handler: mine            {timed(client, '/cases/')}")
        print(f"  handler: team's          {timed(client, '/cases/?scope=team')}")
        print(f"  handler: all they see    {timed(client, '/cases/?scope=all')}")


def main() -> None:
    base.on_each_database(__file__, __doc__, run)


if __name__ == "__main__":
    main()
