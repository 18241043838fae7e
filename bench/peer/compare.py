"""Redress side by side with django-helpdesk: same rows, same engine, same operations.

    make bench-peer [PEER_SIZES="10000 100000 1000000"] [PEER_ENGINES="sqlite postgres"]
    python bench/peer/compare.py --peer-python .venv-peer/bin/python --sizes 10000 100000

For each engine and size, redress_side.py (this interpreter, Redress's virtualenv) and
helpdesk_side.py (the peer's own virtualenv) each load the same N rows into a fresh
database of their own (on PostgreSQL, a throwaway cluster each from
scripts/with-postgres) and time create, one assignee's queue and the overdue count.
Writes bench/results/peer-<engine>-<N>.json and .md; ratio = helpdesk / Redress
median, so above 1 means Redress is faster. Figures are reported, never asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
RESULTS = ROOT / "bench" / "results"
# (label, Redress's operation, helpdesk's operation)
ROWS = (
    ("create one: staff form and service", "create", "create"),
    ("create one: API, record returned", "create_api", "create_api"),
    ("one assignee's open queue, first 50 by due date", "queue", "queue"),
    ("  the same, against helpdesk's bare ORM query", "queue", "queue_bare"),
    ("count overdue", "overdue", "overdue"),
)


def side(python: str, script: str, rows: int, today: dt.date, engine: str) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        command = [python, str(HERE / script), "--rows", str(rows), "--today", str(today)]
        command += ["--out", out.name]
        env = dict(os.environ)
        env.pop("DATABASE_URL", None)
        if engine == "postgres":
            command = [str(ROOT / "scripts" / "with-postgres"), *command]
            env["PYTHON"] = sys.executable
        subprocess.run(command, check=True, cwd=ROOT, env=env)
        return json.loads(Path(out.name).read_text())


def machine() -> dict:
    return {
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "python": platform.python_version(),
    }


def compare(redress: dict, helpdesk: dict) -> list[dict]:
    table = []
    for label, ours, theirs in ROWS:
        mine, peer = redress["operations"][ours], helpdesk["operations"][theirs]
        table.append(
            {
                "operation": label,
                "redress_ms": mine["median_ms"],
                "redress_p95_ms": mine["p95_ms"],
                "helpdesk_ms": peer["median_ms"],
                "helpdesk_p95_ms": peer["p95_ms"],
                "ratio": round(peer["median_ms"] / mine["median_ms"], 2),
                "runs": min(mine["runs"], peer["runs"]),
            }
        )
    return table


def markdown(result: dict) -> str:
    redress, helpdesk = result["redress"], result["helpdesk"]
    lines = [
        f"# Redress and django-helpdesk, {result['rows']:,} rows, {redress['engine']}",
        "",
        f"Run {result['when']} on {result['machine']['cpus']} CPUs "
        f"({result['machine']['platform']}), Python {result['machine']['python']}; "
        f"Django {redress['django']} (Redress) and {helpdesk['django']} "
        f"(django-helpdesk {helpdesk['helpdesk']}). Medians; ratio = helpdesk / Redress, "
        "above 1 means Redress is faster.",
        "",
        "| operation | Redress ms (p95) | helpdesk ms (p95) | ratio | runs |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for row in result["table"]:
        lines.append(
            f"| {row['operation'].strip()} | {row['redress_ms']:.2f} ({row['redress_p95_ms']:.2f})"
            f" | {row['helpdesk_ms']:.2f} ({row['helpdesk_p95_ms']:.2f})"
            f" | {row['ratio']:.2f} | {row['runs']} |"
        )
    lines += [
        "",
        f"Loaded in {redress['load_s']} s (Redress) and {helpdesk['load_s']} s (helpdesk); "
        f"this size took {result['seconds']:.0f} s end to end. "
        f"Checks: queue rows {redress['checks']['queue_rows']} and "
        f"{helpdesk['checks']['queue_rows']}, overdue {redress['checks']['overdue']} and "
        f"{helpdesk['checks']['overdue']}.",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--peer-python", required=True)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument(
        "--engines", nargs="+", choices=("sqlite", "postgres"), default=["sqlite", "postgres"]
    )
    args = parser.parse_args()
    RESULTS.mkdir(exist_ok=True)
    today = dt.date.today()
    for engine in args.engines:
        for rows in args.sizes:
            print(f"== peer comparison on {engine}, {rows:,} rows", flush=True)
            started = time.perf_counter()
            redress = side(sys.executable, "redress_side.py", rows, today, engine)
            helpdesk = side(args.peer_python, "helpdesk_side.py", rows, today, engine)
            result = {
                "rows": rows,
                "when": dt.datetime.now().isoformat(timespec="seconds"),
                "machine": machine(),
                "redress": redress,
                "helpdesk": helpdesk,
                "table": compare(redress, helpdesk),
                "seconds": round(time.perf_counter() - started, 1),
            }
            stem = RESULTS / f"peer-{engine}-{rows}"
            stem.with_suffix(".json").write_text(json.dumps(result, indent=2) + "\n")
            text = markdown(result)
            stem.with_suffix(".md").write_text(text)
            print(text, flush=True)


if __name__ == "__main__":
    main()
