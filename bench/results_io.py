"""The benchmarks' results, in one shape: named measurements that run_all.py collects.

Each bench times an operation several times and calls `record(operation, samples_ms)`;
the engine and row count come from `context(...)`, set once per run. `--json PATH` on any
bench (or run_all.py's own runs) writes what was recorded with `write(PATH)`:

    {"meta": {...}, "measurements": [{"operation", "engine", "rows", "unit": "ms",
      "runs": [...], "median", "p95", "target"}]}

p95 is the nearest-rank 95th percentile, given only with 20 runs or more (fewer make
it the slowest run). Targets are the issue's and the benches' own, kept here so the
table prints them beside each figure; nothing is asserted.
"""

from __future__ import annotations

import json
import math
import statistics
from pathlib import Path

# operation -> (the figure compared: "median" or "p95", limit in ms, where it comes from).
TARGETS = {
    "work queue query: all open": ("p95", 20, "issue 8: query under 20 ms at p95 at 1M"),
    "work queue query: one handler": ("p95", 20, "issue 8: query under 20 ms at p95 at 1M"),
    "work queue query: stage 2": ("p95", 20, "issue 8: query under 20 ms at p95 at 1M"),
    "work queue page: officer, everyone's": ("p95", 150, "issue 8: page under 150 ms at p95"),
    "work queue page: officer, overdue": ("p95", 150, "issue 8: page under 150 ms at p95"),
    "work queue page: handler, mine": ("p95", 150, "issue 8: page under 150 ms at p95"),
    "work queue page: handler, team's": ("p95", 150, "issue 8: page under 150 ms at p95"),
    "work queue page: handler, all they see": ("p95", 150, "issue 8: page under 150 ms at p95"),
    "case page": ("p95", 150, "bench_pages: pages under 150 ms at p95"),
    "annual report data": ("median", 2000, "issue 8: annual report data under 2 s"),
    "learning trends": ("median", 2000, "bench_trends: under 2 s"),
    "sweep: first run of a day": ("median", 10_000, "issue 10: sweep at 1M under 10 s"),
    "sweep: run again the same day": ("median", 10_000, "issue 10: sweep at 1M under 10 s"),
    "audit-cases on a CSV": ("median", 10_000, "bench_audit: 1M rows under 10 s on 2 cores"),
    "letter PDF": ("median", 1000, "bench_letter_pdf: under 1 s a letter"),
    "assessment import .txt (60 pages)": ("median", 2000, "bench_assessment_import: under 2 s"),
    "assessment import .docx (60 pages)": ("median", 2000, "bench_assessment_import: under 2 s"),
    "assessment import .pdf (60 pages)": ("median", 2000, "bench_assessment_import: under 2 s"),
}

_context: dict = {"engine": "none", "rows": None}
_measurements: list[dict] = []
_meta: dict = {}


def context(**values) -> None:
    """Set what later records are about: engine ('sqlite', 'postgresql', 'none'), rows."""
    _context.update(values)


def note(**values) -> None:
    """Facts about the run that are not timings (fill time, database version)."""
    _meta.update(values)


def p95(samples: list[float]) -> float | None:
    if len(samples) < 20:
        return None
    ordered = sorted(samples)
    return ordered[math.ceil(0.95 * len(ordered)) - 1]


def record(operation: str, samples_ms: list[float], unit: str = "ms", **extra) -> dict:
    """One measurement: every run (in milliseconds unless `unit` says otherwise, e.g. "MB"),
    its median and (with enough runs) p95."""
    target = TARGETS.get(operation)
    found = {
        "operation": operation,
        "engine": _context["engine"],
        "rows": _context["rows"],
        "unit": unit,
        "runs": [round(s, 3) for s in samples_ms],
        "median": round(statistics.median(samples_ms), 3),
        "p95": None if p95(samples_ms) is None else round(p95(samples_ms), 3),
        "target": None
        if target is None
        else {"figure": target[0], "under": target[1], "source": target[2]},
        **extra,
    }
    _measurements.append(found)
    return found


def measurements() -> list[dict]:
    return list(_measurements)


def write(path: str | Path) -> None:
    Path(path).write_text(
        json.dumps({"meta": _meta, "measurements": _measurements}, indent=1) + "\n"
    )


def verdict(measurement: dict) -> str:
    """'pass', 'FAIL' or '' (no target), comparing the target's figure with its limit."""
    target = measurement.get("target")
    if not target:
        return ""
    figure = measurement[target["figure"]]
    if figure is None:  # too few runs for p95: the slowest run stands in, which is stricter
        figure = max(measurement["runs"])
    return "pass" if figure < target["under"] else "FAIL"


def shown(ms: float | None, unit: str = "ms") -> str:
    if ms is None:
        return "–"
    if unit != "ms":
        return f"{ms:,.1f} {unit}"
    if ms >= 1000:
        return f"{ms / 1000:.2f} s"
    return f"{ms:.1f} ms" if ms >= 10 else f"{ms:.2f} ms"
