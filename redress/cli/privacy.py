"""The privacy and resilience commands (`redress.privacy`): `backup` and `restore` (one
archive of the database and uploaded files), `retention` (the schedule), `sar` (a
subject access export) and `rectify` (a resident's details corrected)."""

from __future__ import annotations

import argparse
import json
import sys

from .common import as_of, positive_int, progress, setup_django, today_in_london


def add_commands(commands) -> None:
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
        "--as-of", type=as_of, default=None, metavar="YYYY-MM-DD", help="default: today"
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
    rectify.add_argument("resident", type=positive_int, metavar="RESIDENT_ID")
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


def backup_command(args: argparse.Namespace) -> int:
    setup_django()
    from redress.privacy.backup import BackupError
    from redress.privacy.commands import run_backup

    try:
        with progress("backing up", None, unit="steps") as bar:
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
        with progress("restoring", None, unit="steps") as bar:
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

    day = args.as_of or today_in_london()
    due = due_records(day)
    if args.dry_run:
        for item in due:
            print(json.dumps(item.as_dict()))
        print(f"{len(due)} records due for anonymisation", file=sys.stderr)
        return 0
    with progress("anonymising", len(due), unit="records") as bar:
        done = anonymise_due(day, progress=bar.update)
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
