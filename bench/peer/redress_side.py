"""Redress's side of the peer comparison; run by compare.py in Redress's virtualenv.

    python bench/peer/redress_side.py --rows N --today YYYY-MM-DD --out FILE.json

A throwaway database (bench_work_queue.fresh_database: SQLite, or DATABASE_URL),
N complaints from common.rows, then the three operations timed:
  create       the staff form's path: ComplaintForm validated, then services.open_complaint
               (the complaint, its stage, issue and event), as intake's staff views do
  create_api   POST /api/complaints's view (redress.cases.api.open_complaint) on a validated
               OpenIn payload: the same service, then the whole case read back as the reply
  queue    selectors.work_queue(handler_ids=[7]): one handler's open cases, first 50
           by next due date, as the work-queue page and API ask for them
  overdue  open complaints whose next due date is before today (due_range("overdue"))
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import common  # noqa: E402
from bench_work_queue import COMPLAINT_COLUMNS, bulk_load, fresh_database  # noqa: E402


def complaint_rows(count: int, today: dt.date):
    now = dt.datetime.now(dt.UTC)
    for pk, received, stage, handler, due in common.rows(count, today):
        status = f"stage{stage}_acknowledged" if stage else "closed"
        yield (
            pk,
            f"CMP-{received.year}-{pk:07d}",
            "phone",
            None,
            "",
            received,
            status,
            handler,
            due,
            "respond" if stage else "",
            "hos-2024",
            "",
            now,
        )


def run(count: int, today: dt.date) -> dict:
    import django
    from django.contrib.auth import get_user_model
    from django.db import connection

    from redress.cases import api
    from redress.cases.models import Complaint
    from redress.cases.selectors import due_range, work_queue
    from redress.cases.services import open_complaint
    from redress.reception.staff_forms import ComplaintForm

    User = get_user_model()
    common.add_handlers(connection, User)
    actor = User.objects.create(username="peer-actor", is_staff=True)
    loaded = bulk_load(
        connection, Complaint._meta.db_table, COMPLAINT_COLUMNS, complaint_rows(count, today)
    )

    queue, page = common.timed(
        lambda: list(work_queue(handler_ids=[common.QUEUE_HANDLER], limit=common.PAGE)),
        common.READS,
    )
    overdue, overdue_count = common.timed(
        lambda: Complaint.objects.filter(**due_range("overdue", today)).count(), common.READS
    )
    data = {"summary": "Repair to the boiler not done after three visits", "channel": "phone"}

    def create():
        form = ComplaintForm(data)
        if not form.is_valid():
            raise RuntimeError(form.errors.as_json())
        return open_complaint(actor=actor, resident=None, **form.cleaned_data)

    create_timing, complaint = common.timed(create, common.CREATES)
    request = SimpleNamespace(auth=actor)
    create_api, detail = common.timed(
        lambda: api.open_complaint(request, api.OpenIn.model_validate(data)), common.CREATES
    )
    return {
        "product": "redress",
        "django": django.get_version(),
        "engine": common.engine_version(connection),
        "rows": count,
        "load_s": round(loaded, 1),
        "operations": {
            "create": create_timing,
            "create_api": create_api,
            "queue": queue,
            "overdue": overdue,
        },
        "checks": {
            "queue_rows": len(page),
            "queue_first_due": page[0].next_due if page else None,
            "overdue": overdue_count,
            "created_status": complaint.status,
            "api_reply_keys": len(detail.value),
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, required=True)
    parser.add_argument("--today", type=dt.date.fromisoformat, required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    with fresh_database():
        common.write(args.out, run(args.rows, args.today))


if __name__ == "__main__":
    main()
