"""`assessment import|review|compare`: landlords' published self-assessments read against
the Code (`redress.reading`), without Django."""

from __future__ import annotations

import argparse
import sys

from .common import progress


def add_commands(commands) -> None:
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


def _read_assessments(paths: list[str]) -> tuple[list, int]:
    """Each file's assessment, its warnings on stderr; status 1 if any file had warnings."""
    from redress.reading import read_assessment

    assessments, status = [], 0
    with progress("reading", len(paths), unit="files") as bar:
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
