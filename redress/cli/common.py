"""What the command groups share: argument types, the calendar options, a progress bar
on stderr, and setting up Django for the commands that need the database."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from redress.code.calendars import DEFAULT_NATION, FIRST_YEAR, LAST_YEAR, NATIONS
from redress.code.london import LONDON

DJANGO_SETTINGS = "redress.project.settings.dev"


def calendar_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--as-of",
        type=as_of,
        default=None,
        metavar="YYYY-MM-DD",
        help="date to judge overdue actions against (default: today in London)",
    )
    parser.add_argument("--calendar", choices=tuple(NATIONS), default=DEFAULT_NATION)


def as_of(text: str) -> dt.date:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)")
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None
    if not FIRST_YEAR <= day.year < LAST_YEAR:
        raise argparse.ArgumentTypeError(f"{text} is outside {FIRST_YEAR} to {LAST_YEAR - 1}")
    return day


def year(text: str) -> int:
    if not re.fullmatch(r"\d{4}", text.strip()) or not FIRST_YEAR <= int(text) < LAST_YEAR:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a year from {FIRST_YEAR} to {LAST_YEAR - 1}"
        )
    return int(text)


def positive_int(text: str) -> int:
    if not re.fullmatch(r"\d+", text.strip()) or int(text) <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive whole number")
    return int(text)


def today_in_london() -> dt.date:
    return dt.datetime.now(LONDON).date()


@contextmanager
def progress(description: str, total: int | None, unit: str = "rows") -> Iterator:
    """A tqdm bar on stderr when it is a terminal; silent when piped or captured."""
    from tqdm import tqdm

    bar = tqdm(
        total=total,
        desc=description,
        unit=unit,
        unit_scale=unit == "B",
        file=sys.stderr,
        disable=not sys.stderr.isatty(),
        leave=False,
    )
    try:
        yield bar
    finally:
        bar.close()


def setup_django() -> None:
    """Configure Django for the database-backed commands (dev settings unless told otherwise)."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DJANGO_SETTINGS)
    django.setup()
