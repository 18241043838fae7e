"""Peak memory of a gunicorn web worker serving the work queue at 1,000,000 complaints.

    .venv/bin/python bench/load/worker_memory.py [--rows 1000000] [--rounds 100]
        [--db sqlite|postgres]

Fills a throwaway database with bench/bench_work_queue.py's fill() (a fifth of
the complaints open, 40 handlers), starts gunicorn with two workers, then asks
for the work queue as one handler's cases and as all cases, first and deep
pages, as pages (signed-in session) and through the API (token), `--rounds`
times each, and reads every worker's peak resident set (VmHWM). The target is
under 300 MB. With no --db it runs on SQLite and again on a throwaway
PostgreSQL. Results: bench/results/load_worker_memory_<db>.{json,md}.
"""

from __future__ import annotations

import argparse
import sys
import time

import serve

TARGET_MB = 300

PAGES = [
    "/cases/?scope=mine",
    "/cases/?scope=all",
    "/cases/?scope=all&page=200",
    "/cases/?scope=all&due=overdue&stage=2",
]
API = [
    "/api/v1/work-queue?handler=me",
    "/api/v1/work-queue",
    "/api/v1/work-queue?limit=500",
    "/api/v1/work-queue?limit=500&offset=10000",
]


def main() -> None:
    if serve.on_each_database(__file__, sys.argv[1:]):
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--db", choices=("sqlite", "postgres"))
    args = parser.parse_args()

    with serve.prepared_site(static=True) as (env, _token):
        session, token = serve.fill_and_sign_in(env, args.rows)
        port = serve.free_port()
        with serve.gunicorn(env, port, workers=2) as master:
            workers = serve.worker_pids(master.pid)
            at_start = max(serve.peak_rss_mb(pid) for pid in workers)
            timings = {}
            for paths, headers in (
                (PAGES, {"Cookie": f"sessionid={session}"}),
                (API, {"Authorization": f"Bearer {token}"}),
            ):
                for path in paths:
                    status, body = serve.request(port, "GET", path, None, headers)
                    assert status == 200, (path, status, body[:300])

                    def make_request(_index, path=path, headers=headers):
                        client = serve.Client(port, headers)
                        return lambda: client.send("GET", path)

                    run = serve.summarise(serve.run_load(make_request, args.rounds, 2))
                    assert run["errors"] == 0, run["first_errors"]
                    timings[path] = {k: run[k] for k in ("p50_ms", "p95_ms", "max_ms")}
            time.sleep(0.5)
            peaks = {pid: round(serve.peak_rss_mb(pid), 1) for pid in workers}

    db = serve.vendor(env)
    peak = max(peaks.values())
    result = {
        "database": db,
        "complaints": args.rows,
        "rounds_per_path": args.rounds,
        "worker_peak_rss_mb": peaks,
        "peak_rss_mb": peak,
        "peak_rss_after_start_mb": round(at_start, 1),
        "target_mb": TARGET_MB,
        "timings_ms": timings,
    }
    rows = "".join(
        f"| `{path}` | {t['p50_ms']} | {t['p95_ms']} | {t['max_ms']} |\n"
        for path, t in timings.items()
    )
    markdown = (
        f"# Web worker memory at {args.rows:,} complaints ({db})\n\n"
        f"gunicorn, 2 sync workers; each path below asked {args.rounds} times over 2 "
        f"connections, signed in as one handler (also complaints officer).\n\n"
        f"Peak resident set (VmHWM) of the busiest worker: **{peak} MB** "
        f"({round(at_start, 1)} MB once started); target under {TARGET_MB} MB: "
        f"{'met' if peak < TARGET_MB else 'not met'}.\n\n"
        "| path | p50 ms | p95 ms | max ms |\n| --- | ---: | ---: | ---: |\n" + rows
    )
    print(markdown)
    serve.write_results(f"load_worker_memory_{db}", result, markdown)


if __name__ == "__main__":
    main()
