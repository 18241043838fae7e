"""Work-queue page and case page render times at 1,000,000 complaints (SQLite, PostgreSQL).

    .venv/bin/python bench/bench_pages.py [--rows N] [--db sqlite|postgres]

Fills the database as bench_work_queue.py does, adds a few complaints made
through the services (so a case page has stages, events and a timeline), then
times full requests through Django's test client, signed in as a complaints
officer and then as a handler in a team of five (their own, team and
visible queues), and the work-queue API for that handler (their own cases, with
their token), 100 requests each. The target is under 150 ms at the 95th
percentile. Printed, not asserted; `--json PATH` also writes the figures.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_work_queue as base  # noqa: E402
import results_io  # noqa: E402


def timed(client, operation: str, url: str, repeat: int = 100, **headers) -> None:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url, headers=headers)
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    found = results_io.record(operation, samples)
    print(f"  {operation:<40} median {found['median']:6.1f} ms  p95 {found['p95']:6.1f} ms")


def prepare():
    """A complaints officer, handler1 in a team of five with an API token, and one case
    made through the services (stages, events, a timeline) on the filled database."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.test.utils import setup_test_environment

    from redress.cases import services
    from redress.cases.tests.factories import by_letter
    from redress.intake.services import create_resident
    from redress.staff.mfa import enrol_totp
    from redress.staff.models import ApiToken, Team

    setup_test_environment()
    officer = get_user_model().objects.create_user("bench-officer", password="x")
    officer.groups.add(Group.objects.get_or_create(name="complaints officer")[0])
    handler = get_user_model().objects.get(pk=1)
    handler.groups.add(Group.objects.get_or_create(name="handler")[0])
    for user in (officer, handler):  # staff without a second factor only see enrolment
        enrol_totp(user, base.TOTP_SECRET)
    team = Team.objects.create(name="Bench team")
    team.members.add(*range(1, 6))
    resident = create_resident(actor=officer, name="Bench Resident", postcode="LS1 1AA")
    case = services.open_complaint(actor=officer, resident=resident, summary="Damp")
    services.accept(case.reference, actor=officer)
    services.acknowledge(
        case.reference,
        actor=officer,
        points=["Damp"],
        outcomes_sought=["Fix it"],
        communication=by_letter(),
    )
    return officer, handler, case, ApiToken.issue(handler, name="bench")


def measure(officer, handler, case, token) -> None:
    from django.test import Client

    client = Client()
    client.force_login(officer)
    timed(client, "work queue page: officer, everyone's", "/cases/?scope=all")
    timed(client, "work queue page: officer, overdue", "/cases/?scope=all&due=overdue")
    timed(client, "case page", f"/cases/{case.reference}/")
    client.force_login(handler)
    timed(client, "work queue page: handler, mine", "/cases/")
    timed(client, "work queue page: handler, team's", "/cases/?scope=team")
    timed(client, "work queue page: handler, all they see", "/cases/?scope=all")
    timed(
        Client(),
        "work queue API: handler, mine",
        "/api/v1/work-queue?handler=me",
        Authorization=f"Bearer {token}",
    )


def run(count: int) -> None:
    with base.fresh_database():
        from django.db import connection

        print(f"pages on {connection.vendor}, {count:,} complaints")
        base.fill(count)
        measure(*prepare())


def main() -> None:
    base.on_each_database(__file__, __doc__, run)


if __name__ == "__main__":
    main()
