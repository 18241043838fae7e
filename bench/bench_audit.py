"""Time `redress audit-cases` (and `redress tsm`) end to end on a large tracker export.

The target is a 1,000,000-row export in under 10 s on a 2-core machine. Each
run is the real command in a fresh interpreter, output to /dev/null, so the
figure includes start-up, reading, the audit and formatting. The export is
generated once (bench/make_tracker_csv.py) and reused.

    python bench/bench_audit.py                      # 1M rows, /tmp/tracker-1000000.csv
    python bench/bench_audit.py --rows 100000 --repeat 5 --format table
    python bench/bench_audit.py --rows 100000 --json out.json   # also bench/results_io's shape

This is a benchmark, not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import results_io  # noqa: E402

AS_OF = "2026-05-01"


def ensure_csv(path: Path, rows: int) -> None:
    if path.exists():
        return
    print(f"generating {rows:,} rows into {path} ...", file=sys.stderr)
    subprocess.run(
        [sys.executable, str(HERE / "make_tracker_csv.py"), str(rows), str(path)], check=True
    )


def timed(argv: list[str]) -> tuple[float, int]:
    """Wall time of one run of the command, its stdout discarded."""
    with open(os.devnull, "w") as sink:
        start = time.perf_counter()
        done = subprocess.run(argv, stdout=sink, stderr=subprocess.PIPE, text=True)
        elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed:\n{done.stderr}")
    return elapsed, done.returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--csv", type=Path, help="export to use (default /tmp/tracker-ROWS.csv)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--format", choices=("json", "table"), default="json")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    path = args.csv or Path(f"/tmp/tracker-{args.rows}.csv")
    ensure_csv(path, args.rows)
    with open(path, "rb") as f:
        rows = sum(1 for _ in f) - 1  # one record per line in the generated files

    redress = [sys.executable, "-m", "redress"]
    commands = {
        f"audit-cases --format {args.format}": [
            *redress, "audit-cases", str(path), "--as-of", AS_OF, "--format", args.format,
        ],
        "tsm": [*redress, "tsm", str(path), "--year", "2025", "--homes", "50000", "--as-of", AS_OF],
    }  # fmt: skip
    operations = dict(zip(commands, ("audit-cases on a CSV", "tsm on a CSV"), strict=True))
    results_io.context(engine="none", rows=rows)
    results = {
        "rows": rows,
        "file": str(path),
        "bytes": path.stat().st_size,
        "cpus": os.cpu_count(),
    }
    for name, command in commands.items():
        times = [timed(command)[0] for _ in range(args.repeat)]
        results_io.record(operations[name], [t * 1000 for t in times], format=args.format)
        best, median = min(times), statistics.median(times)
        results[name] = {
            "best_s": round(best, 2),
            "median_s": round(median, 2),
            "rows_per_s": round(rows / best),
            "runs": [round(t, 2) for t in times],
        }
        print(f"{name}: best {best:.2f} s, median {median:.2f} s, {rows / best:,.0f} rows/s")
    print(json.dumps(results, indent=2))
    if args.json:
        results_io.write(args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
