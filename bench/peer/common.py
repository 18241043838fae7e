"""What both sides of the peer comparison share: the rows, the bulk load and the timer.

Imported by redress_side.py (Redress's virtualenv) and helpdesk_side.py (.venv-peer),
so it needs no Django beyond a connection handed in, and only numpy and
redress.code (plain Python) for the working-day rule.
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))  # bench_work_queue.bulk_load, for both sides

from redress.code.calendars import calendar_for  # noqa: E402
from redress.code.regimes import HOS_2024  # noqa: E402

HANDLERS = 40
OPEN_SHARE = 0.2
# The Code's response times in working days (6.3 and 6.14: stage 1 in 10, stage 2
# in 20), from the regime Redress runs. Both products get due dates from this rule.
RESPOND_WITHIN = {t.stage: t.respond_within for t in HOS_2024.stages}
QUEUE_HANDLER = 7
PAGE = 50
CREATES = 200
READS = 25


def rows(count: int, today: dt.date):
    """(pk, received, stage or None when closed, handler, due or None), the same for both.

    A fifth are open, received in the last 45 days (so about half are overdue); the rest
    were closed over the previous four and a half years. Due dates: received plus 10
    (stage 1) or 20 (stage 2) working days, England and Wales bank holidays excluded.
    """
    rng = np.random.default_rng(1)
    is_open = rng.random(count) < OPEN_SHARE
    age = np.where(is_open, rng.integers(0, 45, count), rng.integers(45, 1700, count))
    received = np.datetime64(today, "D") - age.astype("timedelta64[D]")
    stage = np.where(rng.random(count) < 0.25, 2, 1)
    handler = rng.integers(1, HANDLERS + 1, count)
    due = calendar_for().add_working_days_array(
        received, np.where(stage == 2, RESPOND_WITHIN[2], RESPOND_WITHIN[1])
    )
    for pk, (day, opened, number, who, by) in enumerate(
        zip(
            received.tolist(),
            is_open.tolist(),
            stage.tolist(),
            handler.tolist(),
            due.tolist(),
            strict=True,
        ),
        start=1,
    ):
        yield pk, day, number if opened else None, who, by if opened else None


def due_for_new(today: dt.date) -> dt.date:
    """The due date a complaint or ticket created today gets: 10 working days on."""
    return calendar_for().add_working_days(today, RESPOND_WITHIN[1])


def add_handlers(connection, User) -> None:
    """Users 1..HANDLERS, the assignees; on PostgreSQL explicit ids leave the sequence
    behind, so it is moved on for the users made after them."""
    User.objects.bulk_create([User(pk=i, username=f"handler{i}") for i in range(1, HANDLERS + 1)])
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('auth_user', 'id'), "
                "(SELECT MAX(id) FROM auth_user))"
            )


def summary(samples_ms: list[float]) -> dict:
    ordered = sorted(samples_ms)
    return {
        "runs": len(ordered),
        "median_ms": round(statistics.median(ordered), 3),
        "p95_ms": round(ordered[max(0, int(len(ordered) * 0.95) - 1)], 3),
        "total_s": round(sum(ordered) / 1000, 3),
    }


def timed(call, repeat: int, warmup: int = 2) -> tuple[dict, object]:
    """Run `call` warmup + repeat times; the summary of the timed runs and the last result."""
    result = None
    for _ in range(warmup):
        result = call()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = call()
        samples.append((time.perf_counter() - started) * 1000)
    return summary(samples), result


def engine_version(connection) -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
        else:
            cursor.execute("SELECT sqlite_version()")
        return f"{connection.vendor} {cursor.fetchone()[0]}"


def write(path: str, result: dict) -> None:
    Path(path).write_text(json.dumps(result, indent=2, default=str) + "\n")
