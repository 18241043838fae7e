"""Complaint creation through the API under concurrent load, served by gunicorn.

    .venv/bin/python bench/load/create_complaints.py [--requests 5000] [--concurrency 16]
        [--worker-class sync|gthread] [--threads 4] [--db sqlite|postgres] [--rows N]

Starts gunicorn (two workers) on a loopback port against a throwaway database (empty,
or with --rows holding bench_work_queue.fill's N complaints, so the indexes are
those of a landlord of that size), then POSTs /api/v1/complaints a fixed number
of times from `--concurrency` client threads, after a short warm-up, and reports
throughput, p50/p95/p99 latency and errors. With no --db it runs on SQLite and again on a throwaway
PostgreSQL (scripts/with-postgres). The target is 300 complaints a second with
two workers on PostgreSQL. Results: bench/results/load_create_complaints_<db>[_<N>].{json,md}.
The client runs on the same two cores as the server and the database, so the
figures understate what a separate load balancer and database host would give.
"""

from __future__ import annotations

import argparse
import json
import sys

import serve

TARGET = 300
WARM_UP = 200


def main() -> None:
    if serve.on_each_database(__file__, sys.argv[1:]):
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=5000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--worker-class", choices=("sync", "gthread"), default="sync")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--db", choices=("sqlite", "postgres"))
    parser.add_argument(
        "--rows", type=int, default=0, help="complaints already in the database (default none)"
    )
    parser.add_argument("--name", default="load_create_complaints")
    args = parser.parse_args()

    with serve.prepared_site() as (env, token):
        if args.rows:
            _session, token = serve.fill_and_sign_in(env, args.rows)
        port = serve.free_port()
        auth = {"Authorization": f"Bearer {token}"}
        with serve.gunicorn(env, port, args.workers, args.worker_class, args.threads) as master:
            status, body = serve.request(
                port, "POST", "/api/v1/residents", {"name": "Load Run"}, auth
            )
            assert status == 201, body
            resident = json.loads(body)["id"]
            payload = {"resident_id": resident, "summary": "Damp in the bedroom"}
            payload["channel"] = "phone"

            def make_request(_index):
                client = serve.Client(port, auth)
                return lambda: client.send("POST", "/api/v1/complaints", payload)

            serve.run_load(make_request, WARM_UP, args.concurrency)
            workers = serve.worker_pids(master.pid)
            load_before, cpu_before = serve.machine_load(), serve.cpu_seconds(workers)
            figures = serve.summarise(serve.run_load(make_request, args.requests, args.concurrency))
            cpu = serve.cpu_seconds(workers) - cpu_before
            figures["worker_cpu_ms_per_request"] = round(cpu * 1000 / args.requests, 2)
            figures["load_average_before"] = round(load_before, 2)
            status, body = serve.request(port, "GET", "/api/v1/work-queue?limit=1", None, auth)
            assert status == 200, body

    db = serve.vendor(env)
    setup = {
        "database": db,
        "gunicorn_workers": args.workers,
        "worker_class": args.worker_class,
        "threads": args.threads,
        "concurrency": args.concurrency,
        "complaints_before": args.rows,
        "warm_up_requests": WARM_UP,
    }
    result = {**setup, **figures, "target_per_second": TARGET}
    met = "met" if figures["per_second"] >= TARGET and not figures["errors"] else "not met"
    markdown = (
        f"# Complaint creation under load ({db})\n\n"
        f"POST /api/v1/complaints into a database holding {args.rows:,} complaints, "
        f"{figures['requests']:,} requests after {WARM_UP} warm-up, "
        f"{args.concurrency} client connections; gunicorn {args.workers} workers "
        f"({args.worker_class}, {args.threads} thread(s) each), client, server and database "
        f"on one 2-core machine (load average {figures['load_average_before']} before the "
        f"run). The workers used {figures['worker_cpu_ms_per_request']} ms of CPU per "
        "request.\n\n"
        "| per second | p50 ms | p95 ms | p99 ms | max ms | errors |\n"
        "| ---: | ---: | ---: | ---: | ---: | ---: |\n"
        f"| {figures['per_second']} | {figures['p50_ms']} | {figures['p95_ms']} | "
        f"{figures['p99_ms']} | {figures['max_ms']} | {figures['errors']} |\n\n"
        f"Target {TARGET} per second on PostgreSQL: {met if db == 'postgresql' else 'n/a'}.\n"
    )
    print(markdown)
    size = f"_{args.rows}" if args.rows else ""
    serve.write_results(f"{args.name}_{db}{size}", result, markdown)


if __name__ == "__main__":
    main()
