"""Time `redress assessment import` on a 60-page self-assessment (.txt, .docx and .pdf).

The target is under 2 s for a 60-page document. The document is seed 000's form (all 72
provisions, in its own tab-row shape) with each answer's evidence repeated until the form,
set as a PDF (A4 landscape table, 9 pt, as the tests make it), runs to at least 60 pages;
the page count is measured, not assumed. The same rows are then written as .txt (tab
rows) and .docx (one Word table). Each run is the real command in a fresh interpreter,
output to /dev/null, so the figure includes start-up; the in-process read is shown too.

    python bench/bench_assessment_import.py            # 60 pages, 5 runs each
    python bench/bench_assessment_import.py --pages 120 --repeat 3
    python bench/bench_assessment_import.py --json out.json   # also bench/results_io's shape

This is a benchmark, not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import html
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
import results_io  # noqa: E402

SEED = ROOT / "redress" / "assessments" / "tests" / "seeds" / "000_96dd6a746f122873.txt"
HEADER = ["Code provision", "Code requirement", "Comply: Yes / No", "Evidence", "Commentary"]
STYLE = (
    "@page{size:A4 landscape;margin:1cm}table{table-layout:fixed;width:100%;"
    "border-collapse:collapse}td,th{vertical-align:top;border:1px solid;font-size:9pt;"
    "overflow-wrap:anywhere}"
)


def rows(times: int) -> list[list[str]]:
    from redress.reading import read_assessment

    return [
        [p.number, p.requirement, p.answer, " ".join([p.evidence] * times), p.commentary]
        for p in read_assessment(SEED).provisions
    ]


def as_pdf(table: list[list[str]]) -> tuple[bytes, int]:
    from weasyprint import HTML

    head = "".join(f"<th>{h}</th>" for h in HEADER)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>" for row in table
    )
    page = (
        f"<html><head><style>{STYLE}</style></head><body><h1>Self-assessment 2024/25</h1>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></body></html>"
    )
    document = HTML(string=page).render()
    return document.write_pdf(), len(document.pages)


def as_docx(table: list[list[str]]) -> bytes:
    from docx import Document

    document = Document()
    document.add_heading("Self-assessment 2024/25", level=1)
    grid = document.add_table(rows=1, cols=5)
    for cell, text in zip(grid.rows[0].cells, HEADER, strict=True):
        cell.text = text
    for row in table:
        for cell, text in zip(grid.add_row().cells, row, strict=True):
            cell.text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def timed(path: Path) -> float:
    argv = [sys.executable, "-c", "import sys; from redress.cli import main; sys.exit(main())"]
    with open(os.devnull, "w") as sink:
        start = time.perf_counter()
        done = subprocess.run(
            [*argv, "assessment", "import", str(path)],
            stdout=sink,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"import of {path} failed:\n{done.stderr}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    from redress.reading import read_assessment

    times = 1
    while True:
        table = rows(times)
        pdf, pages = as_pdf(table)
        if pages >= args.pages:
            break
        times = max(times + 1, int(times * args.pages / pages))
    text = "\t".join(HEADER) + "\n" + "\n".join("\t".join(row) for row in table) + "\n"
    print(
        f"document: {pages} pages as PDF, {len(text.encode()):,} bytes of text "
        f"(evidence repeated {times}x)"
    )
    with tempfile.TemporaryDirectory() as folder:
        files = {
            ".txt": text.encode(),
            ".docx": as_docx(table),
            ".pdf": pdf,
        }
        for suffix, data in files.items():
            path = Path(folder) / f"assessment{suffix}"
            path.write_bytes(data)
            runs = [timed(path) for _ in range(args.repeat)]
            start = time.perf_counter()
            imported = read_assessment(path)
            in_process = time.perf_counter() - start
            assert [p.comply for p in imported.provisions] == ["yes"] * 72, suffix
            results_io.record(
                f"assessment import {suffix} ({args.pages} pages)",
                [t * 1000 for t in runs],
                pages=pages,
                bytes=len(data),
                in_process_ms=round(in_process * 1000, 1),
            )
            print(
                f"{suffix:5} {len(data):>9,} B  command median {statistics.median(runs):.3f} s "
                f"(min {min(runs):.3f}, max {max(runs):.3f}); in-process {in_process:.3f} s"
            )
    if args.json:
        results_io.write(args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
