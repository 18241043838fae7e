"""`generate`: a realistic complaint history (`redress.generate`) for trials and benchmarks."""

from __future__ import annotations

import argparse
import sys

from .common import positive_int, progress, setup_django


def add_commands(commands) -> None:
    generate = commands.add_parser(
        "generate", help="write a realistic complaint history into the configured database"
    )
    generate.add_argument("--complaints", type=positive_int, required=True, metavar="N")
    generate.add_argument(
        "--years", type=positive_int, default=3, metavar="Y", help="ending today (default 3)"
    )
    generate.add_argument("--seed", type=int, default=1, help="same seed, same rows (default 1)")
    generate.add_argument(
        "--append",
        action="store_true",
        help="add to a database that already holds complaints (ids carry on)",
    )
    generate.set_defaults(run=generate_history)


def generate_history(args: argparse.Namespace) -> int:
    """Migrate, then generate; refused (status 2) on a database with complaints, unless
    --append."""
    setup_django()
    from django.core.management import call_command

    from redress.generate import AlreadyGenerated, generate

    call_command("migrate", verbosity=0)
    try:
        with progress("generating", args.complaints, unit="complaints") as bar:
            summary = generate(
                args.complaints, args.years, args.seed, append=args.append, progress=bar.update
            )
    except AlreadyGenerated as error:
        print(f"redress: error: {error}", file=sys.stderr)
        return 2
    print(summary.line())
    return 0
