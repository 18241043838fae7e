"""The `redress` command line: audit a tracker export, import it, report the TSMs, sweep.

`audit-cases` and `tsm FILE` need no database: they read the export with
`redress.tracker` and apply `redress.code`, so a landlord can check a
spreadsheet before (or without) running the app. `import-cases` and
`tsm --from-db` set up Django only when they run, so the pure commands stay
fast and work without a configured database. `sweep` (run it periodically) enqueues
the reminders and escalations of remedies and outstanding actions as background tasks,
writes staff notices about complaints' due dates and the day's email digests
(`redress.notifications`); `send-notifications` retries failed emails in between.
`generate` writes a realistic history (`redress.generate`) for trials and benchmarks.
`verify-audit` checks the event log against its hash chain.
`assessment import|review|compare` read landlords' published self-assessments (.txt,
.md, .html, .docx, .pdf) with `redress.assessments.reading`, also without Django.

Exit status: 0 on success, 1 when bad cells were left out (the rest is still
reported) or an assessment had provisions missing, repeated or unknown (each warned
about on stderr; the rest is still printed), 2 for a usage error or a file that is
not a tracker, or not a readable self-assessment, at all, or for `generate` into a
database that already holds complaints without `--append`. `verify-audit` exits 1 at
the first event that is not what was recorded.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from redress.code.calendars import DEFAULT_NATION, FIRST_YEAR, LAST_YEAR, NATIONS, calendar_for
from redress.code.london import LONDON
from redress.code.tsm import MeasureCounts, ReportingYear, measures

DJANGO_SETTINGS = "redress.project.settings.dev"


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from redress.assessments.reading.model import AssessmentFileError
    from redress.tracker import TrackerFileError

    try:
        return args.run(args)
    except (TrackerFileError, AssessmentFileError) as error:
        print(f"redress: error: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, without a second error at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="redress", description="Complaint handling under the Housing Ombudsman's Code."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    audit = commands.add_parser(
        "audit-cases", help="print each case's dates and breaches from a tracker export"
    )
    _file_arguments(audit)
    audit.add_argument("--format", choices=("json", "table"), default="json")
    audit.set_defaults(run=audit_cases)

    imports = commands.add_parser("import-cases", help="load a tracker export into the database")
    imports.add_argument("file", metavar="FILE.csv", help="tracker export ('-' for stdin)")
    imports.set_defaults(run=import_cases)

    tsm = commands.add_parser("tsm", help="TSM CH01 and CH02 for a reporting year")
    tsm.add_argument("file", metavar="FILE.csv", nargs="?", help="tracker export")
    tsm.add_argument("--from-db", action="store_true", help="count the database's complaints")
    tsm.add_argument(
        "--year", type=_year, required=True, help="reporting year starting 1 April of YEAR"
    )
    tsm.add_argument("--homes", type=_positive_int, required=True, help="homes owned (N > 0)")
    tsm.add_argument(
        "--tenure",
        choices=("lcra", "lcho"),
        help="with --from-db: only complaints from residents of this tenure (give its homes)",
    )
    _calendar_arguments(tsm)
    tsm.set_defaults(run=tsm_measures, parser=tsm)

    sweep = commands.add_parser(
        "sweep",
        help="enqueue reminders and escalations of remedies and actions due soon or overdue",
    )
    sweep.add_argument(
        "--as-of",
        type=_as_of,
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
    _assessment_commands(commands)
    _generate_command(commands)
    verify = commands.add_parser(
        "verify-audit", help="check every event against the record's hash chain"
    )
    verify.set_defaults(run=verify_audit)
    return parser


def _assessment_commands(commands) -> None:
    assessment = commands.add_parser(
        "assessment", help="read, review and compare published self-assessments against the Code"
    )
    actions = assessment.add_subparsers(dest="action", required=True, metavar="ACTION")
    kinds = ".txt, .md, .html, .docx or text-based .pdf"

    imports = actions.add_parser("import", help="print the answers by provision, 1.2 to 9.8")
    imports.add_argument("file", metavar="FILE", help=kinds)
    imports.add_argument("--format", choices=("json",), default="json")
    imports.set_defaults(run=assessment_import)

    review = actions.add_parser("review", help="flag weak answers, with a summary by section")
    review.add_argument("file", metavar="FILE", help=kinds)
    review.add_argument("--format", choices=("json", "html"), default="json")
    review.set_defaults(run=assessment_review)

    compare = actions.add_parser("compare", help="landlords' answers and flags side by side")
    compare.add_argument("files", metavar="FILE", nargs="+", help=f"two or more: {kinds}")
    compare.add_argument("--format", choices=("html", "csv"), default="html")
    compare.set_defaults(run=assessment_compare, parser=compare)


def _generate_command(commands) -> None:
    generate = commands.add_parser(
        "generate", help="write a realistic complaint history into the configured database"
    )
    generate.add_argument("--complaints", type=_positive_int, required=True, metavar="N")
    generate.add_argument(
        "--years", type=_positive_int, default=3, metavar="Y", help="ending today (default 3)"
    )
    generate.add_argument("--seed", type=int, default=1, help="same seed, same rows (default 1)")
    generate.add_argument(
        "--append",
        action="store_true",
        help="add to a database that already holds complaints (ids carry on)",
    )
    generate.set_defaults(run=generate_history)


def _file_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE.csv", help="tracker export ('-' for stdin)")
    _calendar_arguments(parser)


def _calendar_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--as-of",
        type=_as_of,
        default=None,
        metavar="YYYY-MM-DD",
        help="date to judge overdue actions against (default: today in London)",
    )
    parser.add_argument("--calendar", choices=tuple(NATIONS), default=DEFAULT_NATION)


def _as_of(text: str) -> dt.date:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)")
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None
    if not FIRST_YEAR <= day.year < LAST_YEAR:
        raise argparse.ArgumentTypeError(f"{text} is outside {FIRST_YEAR} to {LAST_YEAR - 1}")
    return day


def _year(text: str) -> int:
    if not re.fullmatch(r"\d{4}", text.strip()) or not FIRST_YEAR <= int(text) < LAST_YEAR:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a year from {FIRST_YEAR} to {LAST_YEAR - 1}"
        )
    return int(text)


def _positive_int(text: str) -> int:
    if not re.fullmatch(r"\d+", text.strip()) or int(text) <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive whole number")
    return int(text)


def _today_in_london() -> dt.date:
    return dt.datetime.now(LONDON).date()


@contextmanager
def _progress(description: str, total: int | None, unit: str = "rows") -> Iterator:
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


def _load(path: str):
    """Read the export, reporting each bad cell on stderr."""
    from redress.tracker import read_tracker

    size = os.path.getsize(path) if path != "-" and os.path.isfile(path) else None
    with _progress("reading", size, unit="B") as bar:
        tracker = read_tracker(path, progress=lambda done: bar.update(done - bar.n))
    if tracker.problems:
        sys.stderr.write("".join(f"redress: {problem}\n" for problem in tracker.problems))
    return tracker


def audit_cases(args: argparse.Namespace) -> int:
    from redress.tracker import audit_tracker
    from redress.tracker.output import write_json, write_table

    tracker = _load(args.file)
    audit = audit_tracker(tracker, calendar_for(args.calendar), args.as_of or _today_in_london())
    write = write_json if args.format == "json" else write_table
    with _progress("writing", len(tracker)) as bar:
        write(tracker, audit, sys.stdout, progress=lambda done: bar.update(done - bar.n))
    sys.stdout.flush()
    return 1 if tracker.problems else 0


def import_cases(args: argparse.Namespace) -> int:
    from redress.tracker import iter_tracker_rows

    tracker = _load(args.file)
    setup_django()
    from redress.cases.imports import import_tracker_rows

    with _progress("importing", len(tracker)) as bar:
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
    year = ReportingYear(args.year)
    status = 0
    if args.from_db:
        setup_django()
        from redress.oversight.selectors import measure_counts

        counts: MeasureCounts = measure_counts(year, tenure=args.tenure)
    else:
        from redress.tracker import audit_tracker, tracker_measures

        tracker = _load(args.file)
        as_of = args.as_of or _today_in_london()
        audit = audit_tracker(tracker, calendar_for(args.calendar), as_of)
        counts = tracker_measures(tracker, audit, year)
        status = 1 if tracker.problems else 0
    print(json.dumps(measures(year, args.homes, counts)))
    return status


def sweep_items(args: argparse.Namespace) -> int:
    """Safe to run twice a day: a notice already written is not written or sent again."""
    setup_django()
    from redress.notifications.sweep import sweep as notify
    from redress.remedies.sweep import sweep

    with _progress("sweeping", None, unit="items") as bar:
        result = sweep(args.as_of, progress=bar.update)
    counts = ", ".join(f"{n} {kind}" for kind, n in sorted(result.enqueued.items())) or "none"
    print(f"enqueued {result.total} notices ({counts}); {result.already} already sent today")
    found = notify(args.as_of)
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


def generate_history(args: argparse.Namespace) -> int:
    """Migrate, then generate; refused (status 2) on a database with complaints, unless
    --append."""
    setup_django()
    from django.core.management import call_command

    from redress.generate import AlreadyGenerated, generate

    call_command("migrate", verbosity=0)
    try:
        with _progress("generating", args.complaints, unit="complaints") as bar:
            summary = generate(
                args.complaints, args.years, args.seed, append=args.append, progress=bar.update
            )
    except AlreadyGenerated as error:
        print(f"redress: error: {error}", file=sys.stderr)
        return 2
    print(summary.line())
    return 0


def verify_audit(args: argparse.Namespace) -> int:
    """Status 0 with the count and the last chain hash (worth keeping elsewhere: a chain
    rewritten from the start would verify, but end in another hash); 1 at the first break."""
    setup_django()
    from redress.record.models import Event
    from redress.record.verify import verify_chain

    total = Event.objects.count() if sys.stderr.isatty() else None
    with _progress("verifying", total, unit="events") as bar:
        verdict = verify_chain(progress=bar.update)
    if verdict.broken:
        print(f"redress: the record is broken at {verdict.broken}", file=sys.stderr)
        print(f"{verdict.checked} events before it are intact")
        return 1
    print(f"intact: {verdict.checked} events, last chain hash {verdict.tip}")
    return 0


def _read_assessments(paths: list[str]) -> tuple[list, int]:
    """Each file's assessment, its warnings on stderr; status 1 if any file had warnings."""
    from redress.assessments.reading import read_assessment

    assessments, status = [], 0
    with _progress("reading", len(paths), unit="files") as bar:
        for path in paths:
            assessment = read_assessment(path)
            for warning in assessment.warnings:
                print(f"redress: warning: {path}: {warning}", file=sys.stderr)
            status = 1 if assessment.warnings else status
            assessments.append(assessment)
            bar.update(1)
    return assessments, status


def assessment_import(args: argparse.Namespace) -> int:
    from redress.assessments.reading.render import write_json

    (assessment,), status = _read_assessments([args.file])
    write_json(assessment.as_dict(), sys.stdout)
    return status


def assessment_review(args: argparse.Namespace) -> int:
    from redress.assessments.reading.render import review_html, write_json
    from redress.assessments.reading.review import review

    (assessment,), status = _read_assessments([args.file])
    result = review(assessment)
    if args.format == "html":
        sys.stdout.write(review_html(result))
    else:
        write_json(result.as_dict(), sys.stdout)
    return status


def assessment_compare(args: argparse.Namespace) -> int:
    if len(args.files) < 2:
        args.parser.error("give two or more files to compare")
    from redress.assessments.reading.render import compare_csv, compare_html
    from redress.assessments.reading.review import compare

    assessments, status = _read_assessments(args.files)
    comparison = compare(assessments)
    if args.format == "csv":
        compare_csv(comparison, sys.stdout)
    else:
        sys.stdout.write(compare_html(comparison))
    return status


def setup_django() -> None:
    """Configure Django for the database-backed commands (dev settings unless told otherwise)."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DJANGO_SETTINGS)
    django.setup()
