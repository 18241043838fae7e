"""Every benchmark, at each size, on SQLite and PostgreSQL: `make bench`.

    .venv/bin/python bench/run_all.py [--sizes 10000 100000 1000000]
                                      [--engines sqlite postgresql] [--out bench/results]

(or BENCH_SIZES / BENCH_ENGINES in the environment). For each engine and size it fills ONE
throwaway database (bench_work_queue.fill, then the facts the annual report, the trends and
the evidence read) in a child process, PostgreSQL's under scripts/with-postgres, and times
every database operation against it: the work-queue query, its pages and API, a case page,
the dashboard, the annual report data, the TSM counts, the self-assessment evidence, the
trends and `redress sweep` (bench_notifications). Then, with no database: audit-cases
(and tsm) on a tracker CSV of each size, a letter's PDF and a 60-page self-assessment
import. The load runs under gunicorn (complaint creation under concurrency at each size,
a worker's peak memory) follow it in `make bench` (bench/load/) and write
bench/results/load_*; this table points to them.

It writes bench/results/<date>-<engine>.json (engine: sqlite, postgresql, none) and
bench/results/latest.md, the tables with the machine and versions. Figures are never
asserted; a benchmark that fails is reported, the others still run, and the exit status
is 1. bench/results/README.md says how to read them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sqlite3
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import results_io  # noqa: E402

SIZES = (10_000, 100_000, 1_000_000)
ENGINES = ("sqlite", "postgresql")
LOAD_NOTE = (
    "Complaint creation under load at each size and a web worker's peak memory: the "
    "load runs `make bench` does next (bench/load/), results in bench/results/load_*."
)


def one_database(rows: int, out: Path) -> None:
    """In a child process: fill one database with `rows` complaints and every bench's facts,
    then time every database operation against it."""
    import bench_annual_report
    import bench_dashboard
    import bench_evidence
    import bench_notifications
    import bench_pages
    import bench_trends
    import bench_work_queue

    engine = "postgresql" if os.environ.get("DATABASE_URL") else "sqlite"
    results_io.context(engine=engine, rows=rows)
    with bench_work_queue.fresh_database():
        from django.db import connection

        print(f"== {engine}, {rows:,} complaints", flush=True)
        bench_work_queue.fill(rows)
        started = time.perf_counter()
        # The facts compose: only the annual report's adds stages (a superset of the shape
        # the dashboard's and the trends' own fills give), and the others add what it lacks.
        bench_trends.give_residents_and_categories()
        bench_annual_report.give_report_facts()
        bench_evidence.give_refusal_events()
        results_io.note(facts_s=round(time.perf_counter() - started, 1))
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version" if engine == "postgresql" else "SELECT 1")
            if engine == "postgresql":
                results_io.note(postgresql=cursor.fetchone()[0])
        bench_work_queue.measure()
        bench_pages.measure(*bench_pages.prepare())
        bench_dashboard.measure()
        bench_annual_report.time_report()
        bench_annual_report.time_tsm()
        bench_evidence.time_evidence()
        bench_trends.time_trends()
        bench_notifications.measure()  # last: it adds staff and writes notices
    results_io.write(out)


def machine() -> dict:
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    model = next(
        (line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if "model name" in line),
        platform.processor() or "unknown",
    )
    ram = "unknown"
    if Path("/proc/meminfo").exists():
        kb = int(Path("/proc/meminfo").read_text().split("MemTotal:")[1].split()[0])
        ram = f"{kb / 1024 / 1024:.1f} GiB"
    os_name = platform.system()
    if Path("/etc/os-release").exists():
        release = dict(
            line.split("=", 1) for line in Path("/etc/os-release").read_text().splitlines() if line
        )
        os_name = release.get("PRETTY_NAME", os_name).strip('"')

    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
        return done.stdout.strip()

    commit = git("rev-parse", "--short=12", "HEAD")
    if git("status", "--porcelain", "--untracked-files=no"):
        commit += " (with uncommitted changes)"
    return {
        "cpu": model,
        "cpus": os.cpu_count(),
        "ram": ram,
        "os": f"{os_name}, kernel {platform.release()}",
        "python": platform.python_version(),
        "django": metadata.version("django"),
        "sqlite": sqlite3.sqlite_version,
        "weasyprint": metadata.version("weasyprint"),
        "commit": commit,
    }


class Runner:
    """Runs each benchmark as its own process and gathers the JSON each writes."""

    def __init__(self, work: Path):
        self.work = work
        self.found: dict[str, list[dict]] = {}
        self.meta: dict[str, dict] = {}
        self.failures: list[str] = []
        self.notes: list[str] = []

    def run(self, label: str, engine: str, command: list[str], postgres: bool = False) -> None:
        out = self.work / f"{len(list(self.work.iterdir()))}.json"
        command = [*command, "--json", str(out)]
        env = {**os.environ, "PYTHON": sys.executable}
        if postgres:
            command = [str(ROOT / "scripts" / "with-postgres"), *command]
        else:
            env.pop("DATABASE_URL", None)
        print(f"\n### {label}", flush=True)
        started = time.perf_counter()
        done = subprocess.run(command, cwd=ROOT, env=env)
        took = time.perf_counter() - started
        print(f"### {label}: {took:.0f} s", flush=True)
        meta = self.meta.setdefault(engine, {"wall_s": {}})
        meta["wall_s"][label] = round(took, 1)
        if done.returncode != 0 or not out.exists():
            self.failures.append(f"{label} (exit status {done.returncode})")
            return
        written = json.loads(out.read_text())
        self.found.setdefault(engine, []).extend(written["measurements"])
        for key, value in written["meta"].items():
            meta.setdefault(key if key == "postgresql" else f"{key} ({label})", value)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sizes_default = [int(n) for n in os.environ.get("BENCH_SIZES", "").split()] or SIZES
    engines_default = os.environ.get("BENCH_ENGINES", "").split() or ENGINES
    parser.add_argument("--sizes", type=int, nargs="+", default=list(sizes_default))
    parser.add_argument("--engines", nargs="+", choices=ENGINES, default=list(engines_default))
    parser.add_argument("--out", type=Path, default=HERE / "results")
    parser.add_argument("--no-files", action="store_true", help="skip the no-database benches")
    parser.add_argument("--one-database", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--json", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one_database:
        one_database(args.one_database, args.json)
        return 0

    started = time.perf_counter()
    py = sys.executable
    with tempfile.TemporaryDirectory(prefix="redress-bench-results-") as folder:
        runner = Runner(Path(folder))
        runner.notes.append(LOAD_NOTE)
        for engine in args.engines:
            for rows in args.sizes:
                runner.run(
                    f"databases at {rows:,}",
                    engine,
                    [py, __file__, "--one-database", str(rows)],
                    postgres=engine == "postgresql",
                )
        if not args.no_files:
            for rows in args.sizes:
                csv = Path(tempfile.gettempdir()) / f"tracker-{rows}.csv"
                runner.run(
                    f"audit at {rows:,}",
                    "none",
                    [py, str(HERE / "bench_audit.py"), "--rows", str(rows), "--csv", str(csv)],
                )
            runner.run("letter PDF", "none", [py, str(HERE / "bench_letter_pdf.py")])
            runner.run("assessment import", "none", [py, str(HERE / "bench_assessment_import.py")])
        total = time.perf_counter() - started
        write_results(args, runner, total)
    for failure in runner.failures:
        print(f"run_all: FAILED: {failure}", file=sys.stderr)
    return 1 if runner.failures else 0


def write_results(args, runner: Runner, total: float) -> None:
    """Write <date>-<engine>.json and latest.md. A second run on the same day adds to that
    day's files (its figures replace the same operation at the same size), so sizes or
    engines can be run one at a time and still make one table."""
    args.out.mkdir(parents=True, exist_ok=True)
    today = dt.date.today().isoformat()
    about = machine()
    for engine, measurements in runner.found.items():
        path = args.out / f"{today}-{engine}.json"
        meta = {"machine": about, "engine": engine, "sizes": [], "wall_s": {}}
        if path.exists():
            before = json.loads(path.read_text())
            new = {(m["operation"], m["rows"]) for m in measurements}
            kept = [m for m in before["measurements"] if (m["operation"], m["rows"]) not in new]
            measurements = kept + measurements
            meta = {**before["meta"], "machine": about}
        meta["sizes"] = sorted(set(meta["sizes"]) | set(args.sizes))
        fresh = runner.meta[engine]
        meta.update({k: v for k, v in fresh.items() if k != "wall_s"})
        meta["wall_s"] = {**meta["wall_s"], **fresh["wall_s"]}
        meta["total_s"] = {**meta.get("total_s", {}), dt.datetime.now().isoformat(): round(total)}
        runner.found[engine], runner.meta[engine] = measurements, meta
        path.write_text(json.dumps({"meta": meta, "measurements": measurements}, indent=1) + "\n")
        print(f"wrote {path}")
    for path in sorted(args.out.glob(f"{today}-*.json")):  # engines this run did not touch
        engine = path.stem.removeprefix(f"{today}-")
        if engine not in runner.found:
            written = json.loads(path.read_text())
            runner.found[engine], runner.meta[engine] = written["measurements"], written["meta"]
    latest = args.out / "latest.md"
    latest.write_text(markdown(today, about, runner))
    print(f"wrote {latest}")


ENGINE_TITLES = {
    "sqlite": "SQLite",
    "postgresql": "PostgreSQL",
    "none": "No database (files and documents)",
}


def markdown(today: str, about: dict, runner: Runner) -> str:
    postgres = runner.meta.get("postgresql", {}).get("postgresql", "not run")
    lines = [
        f"# Benchmarks, {today}",
        "",
        f"- Machine: {about['cpu']}, {about['cpus']} CPUs, {about['ram']} RAM; {about['os']}",
        f"- Python {about['python']}, Django {about['django']}, SQLite {about['sqlite']},"
        f" PostgreSQL {postgres}, WeasyPrint {about['weasyprint']}",
        f"- Commit {about['commit']}",
        "",
        "Each cell: median of the runs, then (p95) where there were 20 runs or more,"
        " and pass or FAIL against the target. See README.md.",
    ]
    for engine in ("sqlite", "postgresql", "none"):
        measurements = runner.found.get(engine)
        if not measurements:
            continue
        shown_sizes = sorted({m["rows"] for m in measurements}, key=lambda n: n or 0)
        heads = [f"{n:,} rows" if n else "one document" for n in shown_sizes]
        lines += ["", f"## {ENGINE_TITLES[engine]}", ""]
        lines.append("| Operation | " + " | ".join(heads) + " | Target |")
        lines.append("|---" * (len(shown_sizes) + 2) + "|")
        by_operation: dict[str, dict[int, dict]] = {}
        for m in measurements:
            by_operation.setdefault(m["operation"], {})[m["rows"]] = m
        for operation, at in by_operation.items():
            cells = [cell(at.get(n)) for n in shown_sizes]
            target = next((m["target"] for m in at.values() if m.get("target")), None)
            aim = f"{target['figure']} under {limit(target['under'])}" if target else ""
            lines.append(f"| {operation} | " + " | ".join(cells) + f" | {aim} |")
        meta = runner.meta[engine]
        lines.append("")
        for size in meta["sizes"]:
            fill, facts = (
                meta.get(f"fill_s (databases at {size:,})"),
                meta.get(f"facts_s (databases at {size:,})"),
            )
            if fill is not None:
                lines.append(f"- Filling {size:,} complaints: {fill} s, then their facts {facts} s")
        lines += [f"- Wall time, {k}: {v:.0f} s" for k, v in meta["wall_s"].items()]
    if runner.notes or runner.failures:
        lines += ["", "## Not in these tables", ""]
        lines += [f"- {note}" for note in dict.fromkeys(runner.notes)]
        lines += [f"- FAILED: {failure}" for failure in runner.failures]
    return "\n".join(lines) + "\n"


def limit(ms: float) -> str:
    return f"{ms / 1000:g} s" if ms >= 1000 else f"{ms:g} ms"


def cell(m: dict | None) -> str:
    if m is None:
        return ""
    unit = m.get("unit", "ms")
    text = results_io.shown(m["median"], unit)
    if m["p95"] is not None:
        text += f" ({results_io.shown(m['p95'], unit)})"
    verdict = results_io.verdict(m)
    return f"{text} {verdict}".strip()


if __name__ == "__main__":
    raise SystemExit(main())
