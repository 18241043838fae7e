"""Write small tracker exports for tests: rows as dicts, any column order."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from redress.tracker.columns import KNOWN_COLUMNS


def csv_text(rows: list[dict[str, str]], columns: list[str] | None = None) -> str:
    """CSV text with a header; cells a row does not give are empty."""
    columns = columns or list(KNOWN_COLUMNS)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(name, "") for name in columns])
    return out.getvalue()


def write_csv(
    folder: Path, rows: list[dict[str, str]], columns: list[str] | None = None, name="t.csv"
) -> str:
    path = folder / name
    path.write_text(csv_text(rows, columns), encoding="utf-8")
    return str(path)
