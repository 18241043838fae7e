"""Reminders and notices: `sweep` (run it daily, or twice) and `send-notifications`
(every few minutes), the retries between sweeps."""

from __future__ import annotations

import argparse

from .common import as_of, setup_django


def add_commands(commands) -> None:
    sweep = commands.add_parser(
        "sweep",
        help="notify staff of complaints, remedies and actions due soon or overdue; email digests",
    )
    sweep.add_argument(
        "--as-of",
        type=as_of,
        default=None,
        metavar="YYYY-MM-DD",
        help="the day to sweep for (default: today in London)",
    )
    sweep.set_defaults(run=sweep_items)
    send = commands.add_parser(
        "send-notifications",
        help="hand the worker the notification emails due a try (new, or failed and due again)",
    )
    send.set_defaults(run=send_notifications)


def sweep_items(args: argparse.Namespace) -> int:
    """Safe to run twice a day: a notice already written is not written or sent again."""
    setup_django()
    from redress.notifications.sweep import sweep

    found = sweep(args.as_of)
    counts = ", ".join(f"{n} {kind}" for kind, n in sorted(found.written.items())) or "none"
    print(
        f"notified {found.written.total()} ({counts}); {found.digests} daily digests, "
        f"{found.weekly} weekly summaries, {found.handed} emails handed to the worker"
    )
    return 0


def send_notifications(args: argparse.Namespace) -> int:
    """Retries between sweeps (run it every few minutes): failed emails whose wait is over."""
    setup_django()
    from redress.notifications.delivery import send_due

    print(f"{send_due()} emails handed to the worker")
    return 0
