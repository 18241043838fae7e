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

One module per command group (`tracker`, `notifications`, `assessment`, `generate`,
`audit`, `privacy`), each adding its commands to the parser; `common` holds the
argument types, the progress bar and the Django set-up they share.

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
import os
import sys

from . import assessment, audit, generate, notifications, privacy, tracker


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
    # In this order in `redress --help`.
    for group in (tracker, notifications, assessment, generate, audit, privacy):
        group.add_commands(commands)
    return parser
