"""`redress sweep` at 1,000,000 complaints: the staff notices about complaints', remedies' and
outstanding actions' due dates, the daily digests and the weekly summary, on SQLite and
PostgreSQL.

    .venv/bin/python bench/bench_notifications.py [--rows N] [--db sqlite|postgres]

It fills the database as bench_work_queue.fill does (a fifth of the complaints open, with a
next due date, 40 handlers) and adds three complaints officers and two managers, then
sweeps five consecutive working days in the fill's range (a Monday first, so the weekly
summary is in the first run), each twice: the first run of a day writes that day's
notices and emails (mail to the task queue, the database backend), the second finds
everything written and must be as cheap. Then the worker's side: sending the queued
emails. The URLconf and the email templates are loaded before the timings (a
process's one-off cost, printed). The issue's target is a sweep under 10 s at 1,000,000
complaints. Figures are printed, never asserted.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_work_queue  # noqa: E402
import results_io  # noqa: E402

# Mon 2 to Fri 6 March 2026: working days inside the fill's range of due dates.
DAYS = [dt.date(2026, 3, 2) + dt.timedelta(days=n) for n in range(5)]


def give_oversight() -> None:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    User = get_user_model()
    User.objects.filter(username__startswith="handler").update(email="h@example.org")
    for name, role in [("officer1", "complaints officer"), ("officer2", "complaints officer")]:
        _staff(User, Group, name, role)
    for name, role in [("officer3", "complaints officer"), ("manager1", "manager")]:
        _staff(User, Group, name, role)
    _staff(User, Group, "manager2", "manager")


def _staff(User, Group, name: str, role: str) -> None:
    user, _ = User.objects.get_or_create(username=name, defaults={"email": f"{name}@example.org"})
    user.groups.add(Group.objects.get_or_create(name=role)[0])


def _sweep(day: dt.date) -> tuple[float, object]:
    from redress.notifications.sweep import sweep

    started = time.perf_counter()
    found = sweep(day)
    return (time.perf_counter() - started) * 1000, found


def measure() -> None:
    from django.conf import settings
    from django.core import mail
    from django.template.loader import get_template
    from django.urls import reverse

    from redress.notifications.delivery import send_delivery
    from redress.notifications.models import Delivery, Notification

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    give_oversight()
    # A process's one-off costs, not the sweep's: loading the URLconf (every app's views,
    # for the links in the digests) and the email templates.
    started = time.perf_counter()
    reverse("notifications:list")
    get_template("notifications/email/digest.txt")
    get_template("notifications/email/weekly.txt")
    print(f"  loading the URLconf and templates: {time.perf_counter() - started:.2f} s")
    first, again = [], []
    for day in DAYS:
        took, found = _sweep(day)
        first.append(took)
        print(
            f"  {day}: first run {took:8.1f} ms, {found.written.total():,} notices, "
            f"{found.digests} digests, {found.weekly} weekly"
        )
        took, found = _sweep(day)
        again.append(took)
        assert found.written.total() == 0 and found.digests == 0
    for label, samples in (("first run of a day", first), ("run again the same day", again)):
        found = results_io.record(f"sweep: {label}", samples)
        print(f"  sweep, {label:<24} median {found['median']:8.1f} ms  max {max(samples):.1f} ms")
    started = time.perf_counter()
    ids = list(Delivery.objects.values_list("pk", flat=True))
    for pk in ids:
        send_delivery.call(pk)
    took = (time.perf_counter() - started) * 1000
    results_io.record("sweep: the worker sends the day's emails", [took], emails=len(ids))
    print(
        f"  worker sent {len(ids)} emails ({len(mail.outbox)} in the outbox) in {took:.1f} ms; "
        f"{Notification.objects.count():,} notices in all"
    )


def run(count: int) -> None:
    with bench_work_queue.fresh_database():
        from django.db import connection

        print(f"redress sweep on {connection.vendor}, {count:,} complaints")
        bench_work_queue.fill(count)
        measure()


def main() -> None:
    bench_work_queue.on_each_database(__file__, __doc__, run)


if __name__ == "__main__":
    main()
