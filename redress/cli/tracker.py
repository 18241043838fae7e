"""Tracker exports: `audit-cases` and `tsm FILE` read one without a database;
`import-cases` loads one into it; `tsm --from-db` counts the database's complaints."""

from __future__ import annotations

import argparse
import json
import os
import sys

from redress.code.calendars import calendar_for
from redress.code.tsm import MeasureCounts, ReportingYear, measures

from .common import (
    calendar_arguments,
    positive_int,
    progress,
    setup_django,
    today_in_london,
    year,
)


def add_commands(commands) -> None:
    audit = commands.add_parser(
        "audit-cases", help="print each case's dates and breaches from a tracker export"
    )
    audit.add_argument("file", metavar="FILE.csv", help="tracker export ('-' for stdin)")
    calendar_arguments(audit)
    audit.add_argument("--format", choices=("json", "table"), default="json")
    audit.set_defaults(run=audit_cases)

    imports = commands.add_parser("import-cases", help="load a tracker export into the database")
    imports.add_argument("file", metavar="FILE.csv", help="tracker export ('-' for stdin)")
    imports.set_defaults(run=import_cases)

    tsm = commands.add_parser("tsm", help="TSM CH01 and CH02 for a reporting year")
    tsm.add_argument("file", metavar="FILE.csv", nargs="?", help="tracker export")
    tsm.add_argument("--from-db", action="store_true", help="count the database's complaints")
    tsm.add_argument(
        "--year", type=year, required=True, help="reporting year starting 1 April of YEAR"
    )
    tsm.add_argument("--homes", type=positive_int, required=True, help="homes owned (N > 0)")
    tsm.add_argument(
        "--tenure",
        choices=("lcra", "lcho"),
        help="with --from-db: only complaints from residents of this tenure (give its homes)",
    )
    calendar_arguments(tsm)
    tsm.set_defaults(run=tsm_measures, parser=tsm)


def _load(path: str):
    """Read the export, reporting each bad cell on stderr."""
    from redress.tracker import read_tracker

    size = os.path.getsize(path) if path != "-" and os.path.isfile(path) else None
    with progress("reading", size, unit="B") as bar:
        tracker = read_tracker(path, progress=lambda done: bar.update(done - bar.n))
    if tracker.problems:
        sys.stderr.write("".join(f"redress: {problem}\n" for problem in tracker.problems))
    return tracker


def audit_cases(args: argparse.Namespace) -> int:
    from redress.tracker import audit_tracker
    from redress.tracker.output import write_json, write_table

    tracker = _load(args.file)
    audit = audit_tracker(tracker, calendar_for(args.calendar), args.as_of or today_in_london())
    write = write_json if args.format == "json" else write_table
    with progress("writing", len(tracker)) as bar:
        write(tracker, audit, sys.stdout, progress=lambda done: bar.update(done - bar.n))
    sys.stdout.flush()
    return 1 if tracker.problems else 0


def import_cases(args: argparse.Namespace) -> int:
    from redress.tracker import iter_tracker_rows

    tracker = _load(args.file)
    setup_django()
    from redress.cases.imports import import_tracker_rows

    with progress("importing", len(tracker)) as bar:
        # progress(n): n more rows handled.
        summary = import_tracker_rows(iter_tracker_rows(tracker), progress=bar.update)
    print(f"imported {summary.created} complaints, skipped {summary.skipped} already present")
    if summary.left_out:
        print(f"left out {summary.left_out} refused rows with no received date", file=sys.stderr)
    return 1 if tracker.problems else 0


def tsm_measures(args: argparse.Namespace) -> int:
    if args.from_db == bool(args.file):
        args.parser.error("give either FILE.csv or --from-db")
    if args.tenure and not args.from_db:
        args.parser.error("--tenure needs --from-db (a tracker export records no tenure)")
    reporting = ReportingYear(args.year)
    status = 0
    if args.from_db:
        setup_django()
        from redress.oversight.selectors import measure_counts

        counts: MeasureCounts = measure_counts(reporting, tenure=args.tenure)
    else:
        from redress.tracker import audit_tracker, tracker_measures

        tracker = _load(args.file)
        as_of = args.as_of or today_in_london()
        audit = audit_tracker(tracker, calendar_for(args.calendar), as_of)
        counts = tracker_measures(tracker, audit, reporting)
        status = 1 if tracker.problems else 0
    print(json.dumps(measures(reporting, args.homes, counts)))
    return status
