"""The `redress` command line: audit a tracker export, import it, report the TSMs, sweep.

`audit-cases` and `tsm FILE` need no database: they read the export with
`redress.tracker` and apply `redress.code`, so a landlord can check a
spreadsheet before (or without) running the app. `import-cases` and
`tsm --from-db` set up Django only when they run, so the pure commands stay
fast and work without a configured database. `sweep` (run it periodically) writes
staff notices about the due dates of complaints, remedies and outstanding actions and
the day's email digests (`redress.notifications`); `send-notifications` retries failed
emails in between.
`generate` writes a realistic history (`redress.generate`) for trials and benchmarks.
`verify-audit` checks the event log against its hash chain.
`assessment import|review|compare` read landlords' published self-assessments (.txt,
.md, .html, .docx, .pdf) with `redress.reading`, also without Django.
`backup`/`restore`, `retention`, `sar` and `rectify` are the privacy and resilience
commands (`redress.privacy`): one archive of the database and uploaded files; the
retention schedule; a subject access export; a resident's details corrected.

Exit status: 0 on success, 1 when bad cells were left out (the rest is still
reported) or an assessment had provisions missing, repeated or unknown (each warned
about on stderr; the rest is still printed), 2 for a usage error or a file that is
not a tracker, or not a readable self-assessment, at all, or for `generate` into a
database that already holds complaints without `--append`, a backup or restore that
failed (nothing changed), a restore into a database holding data without `--force`,
an unknown person for `sar`, or a refused correction. `verify-audit` exits 1 at the
first event that is not what was recorded.
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
    from redress.reading.model import AssessmentFileError
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
        help="notify staff of complaints, remedies and actions due soon or overdue; email digests",
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
    _privacy_commands(commands)
    return parser


def _privacy_commands(commands) -> None:
    """Backups, the retention schedule and subject access (redress/privacy)."""
    backup = commands.add_parser(
        "backup", help="write the database and uploaded files to one archive (.tar.gz)"
    )
    backup.add_argument("path", metavar="PATH", help="the archive to write")
    backup.set_defaults(run=backup_command)

    restore = commands.add_parser("restore", help="restore an archive written by `backup`")
    restore.add_argument("path", metavar="PATH", help="the archive to read")
    restore.add_argument(
        "--force", action="store_true", help="replace a database that already holds data"
    )
    restore.set_defaults(run=restore_command)

    retention = commands.add_parser(
        "retention", help="records past their retention period: list them, or anonymise them"
    )
    mode = retention.add_mutually_exclusive_group(required=True)
    mode.add_argument("--dry-run", action="store_true", help="list what is due (changes nothing)")
    mode.add_argument("--apply", action="store_true", help="anonymise what is due")
    retention.add_argument(
        "--as-of", type=_as_of, default=None, metavar="YYYY-MM-DD", help="default: today"
    )
    retention.set_defaults(run=retention_command)

    sar = commands.add_parser(
        "sar", help="export everything held about a person (subject access request) as a zip"
    )
    sar.add_argument("person", metavar="PERSON", help="a resident's id or email address")
    sar.add_argument("--out", metavar="FILE.zip", help="default: sar-resident-ID.zip")
    sar.set_defaults(run=sar_command)

    rectify = commands.add_parser(
        "rectify", help="correct a resident's details (recorded as a 'rectified' event)"
    )
    rectify.add_argument("resident", type=_positive_int, metavar="RESIDENT_ID")
    rectify.add_argument(
        "--set",
        dest="changes",
        action="append",
        required=True,
        metavar="FIELD=VALUE",
        help="name, address, postcode, email, phone, tenancy_reference, tenure, block, estate",
    )
    rectify.add_argument("--reason", required=True, help="why the details are corrected")
    rectify.set_defaults(run=rectify_command, parser=rectify)


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
    from redress.reading import read_assessment

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
    from redress.reading.render import write_json

    (assessment,), status = _read_assessments([args.file])
    write_json(assessment.as_dict(), sys.stdout)
    return status


def assessment_review(args: argparse.Namespace) -> int:
    from redress.reading.render import review_html, write_json
    from redress.reading.review import review

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
    from redress.reading.render import compare_csv, compare_html
    from redress.reading.review import compare

    assessments, status = _read_assessments(args.files)
    comparison = compare(assessments)
    if args.format == "csv":
        compare_csv(comparison, sys.stdout)
    else:
        sys.stdout.write(compare_html(comparison))
    return status


def backup_command(args: argparse.Namespace) -> int:
    setup_django()
    from redress.privacy.backup import BackupError
    from redress.privacy.commands import run_backup

    try:
        with _progress("backing up", None, unit="steps") as bar:
            manifest = run_backup(
                args.path, progress=lambda done, total: _advance(bar, done, total)
            )
    except BackupError as error:
        print(f"redress: error: {error}", file=sys.stderr)
        return 2
    print(f"backed up the {manifest['engine']} database and {manifest['media_files']} files")
    return 0


def restore_command(args: argparse.Namespace) -> int:
    setup_django()
    from redress.privacy.backup import BackupError
    from redress.privacy.commands import run_restore

    try:
        with _progress("restoring", None, unit="steps") as bar:
            manifest = run_restore(
                args.path,
                force=args.force,
                progress=lambda done, total: _advance(bar, done, total),
            )
    except BackupError as error:
        print(f"redress: error: {error}", file=sys.stderr)
        return 2
    print(f"restored the {manifest['engine']} backup of {manifest['created_at']}")
    return 0


def _advance(bar, done: int, total: int) -> None:
    bar.total = total
    bar.update(done - bar.n)


def retention_command(args: argparse.Namespace) -> int:
    setup_django()
    from redress.privacy.retention import anonymise_due, due_records

    as_of = args.as_of or _today_in_london()
    due = due_records(as_of)
    if args.dry_run:
        for item in due:
            print(json.dumps(item.as_dict()))
        print(f"{len(due)} records due for anonymisation", file=sys.stderr)
        return 0
    with _progress("anonymising", len(due), unit="records") as bar:
        done = anonymise_due(as_of, progress=bar.update)
    print(f"anonymised {done} records")
    return 0


def sar_command(args: argparse.Namespace) -> int:
    setup_django()
    from redress.privacy.sar import export_subject_access, find_person
    from redress.record.errors import NotFound

    try:
        resident = find_person(args.person)
    except NotFound as error:
        print(f"redress: error: {error}", file=sys.stderr)
        return 2
    out = args.out or f"sar-resident-{resident.pk}.zip"
    summary = export_subject_access(resident, out)
    print(f"wrote {out}: {summary}")
    return 0


def rectify_command(args: argparse.Namespace) -> int:
    changes = dict(change.partition("=")[::2] for change in args.changes)
    if any("=" not in change for change in args.changes):
        args.parser.error("give each change as FIELD=VALUE")
    setup_django()
    from redress.privacy.rectification import rectify_resident
    from redress.record.errors import Refused

    try:
        rectify_resident(
            args.resident, actor=None, actor_label="command line", reason=args.reason, **changes
        )
    except Refused as error:
        print(f"redress: error: {error}", file=sys.stderr)
        return 2
    print(f"rectified resident {args.resident}: {', '.join(sorted(changes))}")
    return 0


def setup_django() -> None:
    """Configure Django for the database-backed commands (dev settings unless told otherwise)."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DJANGO_SETTINGS)
    django.setup()
