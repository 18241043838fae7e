"""django-helpdesk's side of the peer comparison; run by compare.py in .venv-peer.

    python bench/peer/helpdesk_side.py --rows N --today YYYY-MM-DD --out FILE.json

A throwaway database (SQLite in a temporary folder, or DATABASE_URL) migrated for
helpdesk_site, one queue, N tickets from common.rows (the same rows Redress gets:
open ones OPEN or REOPENED with a due date, the rest CLOSED), then:
  create       the staff "new ticket" view's work (CreateTicketView): TicketForm with
               the user's queue choices, is_valid(), save(user): ticket, follow-up, messages
  create_api   POST /api/tickets/'s work (TicketViewSet.create): TicketSerializer validated
               and saved (through the same TicketForm), then its reply (serializer.data)
  queue    its ticket list's query (helpdesk.query.__Query__ with the filters the list
           page sends: assigned to user 7, status open or reopened, sorted by due
           date), first 50; and the bare ORM query with no distinct() or joins
  overdue  its own overdue test (views/staff.py, the calendar): open, due before now
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path
from types import SimpleNamespace

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import common  # noqa: E402
from bench_work_queue import bulk_load  # noqa: E402  (common puts bench/ on the path)

COLUMNS = (
    "id",
    "title",
    "queue_id",
    "created",
    "modified",
    "status",
    "on_hold",
    "priority",
    "due_date",
    "secret_key",
    "assigned_to_id",
)


def end_of(day: dt.date) -> dt.datetime:
    """Due at the end of the day, so a ticket due today is not overdue until tomorrow,
    as a complaint whose next due date is today is not."""
    return dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=dt.UTC)


def ticket_rows(count: int, today: dt.date, queue_id: int, connection):
    """The rows as helpdesk stores them; datetimes as Django writes them to this engine."""
    adapt = connection.ops.adapt_datetimefield_value
    for pk, received, stage, handler, due in common.rows(count, today):
        created = adapt(dt.datetime.combine(received, dt.time(10), tzinfo=dt.UTC))
        yield (
            pk,
            f"Complaint {pk}",
            queue_id,
            created,
            created,
            stage or 4,  # OPEN (stage 1), REOPENED (escalated to stage 2), CLOSED
            False,
            3,
            adapt(end_of(due)) if due else None,
            f"{pk:032x}",
            handler,
        )


def run(count: int, today: dt.date) -> dict:
    import django
    from django.contrib.auth import get_user_model
    from django.db import connection
    from helpdesk.forms import TicketForm
    from helpdesk.models import Queue, Ticket
    from helpdesk.query import get_query_class
    from helpdesk.serializers import TicketSerializer
    from helpdesk.user import HelpdeskUser
    from helpdesk.views.staff import get_user_queues

    User = get_user_model()
    common.add_handlers(connection, User)
    actor = User.objects.create(username="peer-actor", is_staff=True, is_superuser=True)
    queue = Queue.objects.create(title="Complaints", slug="complaints")
    loaded = bulk_load(
        connection, Ticket._meta.db_table, COLUMNS, ticket_rows(count, today, queue.pk, connection)
    )

    huser = HelpdeskUser(actor)
    params = {
        "filtering": {
            "assigned_to__id__in": [common.QUEUE_HANDLER],
            "status__in": list(Ticket.OPEN_STATUSES),
        },
        "sorting": "due_date",
    }
    queue_timing, page = common.timed(
        lambda: list(get_query_class()(huser, query_params=params).get()[: common.PAGE]),
        common.READS,
    )
    bare, bare_page = common.timed(
        lambda: list(
            Ticket.objects.filter(
                assigned_to_id=common.QUEUE_HANDLER, status__in=Ticket.OPEN_STATUSES
            ).order_by("due_date", "id")[: common.PAGE]
        ),
        common.READS,
    )
    overdue, overdue_count = common.timed(
        lambda: Ticket.objects.filter(
            due_date__isnull=False,
            due_date__lt=dt.datetime.now(dt.UTC),
            status__in=Ticket.OPEN_STATUSES,
        ).count(),
        common.READS,
    )
    due_date = end_of(common.due_for_new(today)).strftime("%Y-%m-%d %H:%M:%S")

    def create():
        form = TicketForm(
            data={
                "queue": str(queue.pk),
                "title": "Repair to the boiler not done after three visits",
                "body": "Repair to the boiler not done after three visits",
                "priority": "3",
                "due_date": due_date,
                "assigned_to": "",
                "submitter_email": "",
            },
            queue_choices=get_user_queues(actor),
        )
        if not form.is_valid():
            raise RuntimeError(form.errors.as_json())
        return form.save(user=actor)

    create_timing, ticket = common.timed(create, common.CREATES)
    request = SimpleNamespace(user=actor)

    def create_api():
        serializer = TicketSerializer(
            data={
                "queue": queue.pk,
                "title": "Repair to the boiler not done after three visits",
                "description": "Repair to the boiler not done after three visits",
                "priority": 3,
                "due_date": due_date,
            },
            context={"request": request},
        )
        serializer.is_valid(raise_exception=True)
        serializer.save()
        return serializer.data

    create_api_timing, reply = common.timed(create_api, common.CREATES)
    return {
        "product": "django-helpdesk",
        "helpdesk": _version("django-helpdesk"),
        "django": django.get_version(),
        "engine": common.engine_version(connection),
        "rows": count,
        "load_s": round(loaded, 1),
        "operations": {
            "create": create_timing,
            "create_api": create_api_timing,
            "queue": queue_timing,
            "queue_bare": bare,
            "overdue": overdue,
        },
        "checks": {
            "queue_rows": len(page),
            "queue_same_as_bare": [t.pk for t in page] == [t.pk for t in bare_page],
            "queue_first_due": page[0].due_date.date() if page else None,
            "overdue": overdue_count,
            "created_status": ticket.status,
            "api_reply_keys": len(reply),
        },
    }


def _version(name: str) -> str:
    from importlib.metadata import version

    return version(name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, required=True)
    parser.add_argument("--today", type=dt.date.fromisoformat, required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="helpdesk-peer-") as var_dir:
        os.environ["PEER_VAR_DIR"] = var_dir
        os.environ["DJANGO_SETTINGS_MODULE"] = "helpdesk_site.settings"
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0)
        common.write(args.out, run(args.rows, args.today))


if __name__ == "__main__":
    main()
