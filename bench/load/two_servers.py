"""Two stateless app servers sharing one PostgreSQL: a write on one is read back on the other.

    scripts/two-app-servers            (starts the throwaway PostgreSQL itself)

Runs under scripts/with-postgres (DATABASE_URL set): migrates, issues an API
token, starts two gunicorn servers on two loopback ports, creates a complaint
through the API on the first, and reads it back on the second, whole and in its
work queue. Prints what it saw; exits 1 if the second server's answer differs
from the first's.
"""

from __future__ import annotations

import json
import os
import sys
import time

import serve


def main() -> int:
    if serve.vendor(dict(os.environ)) != "postgresql":
        print("two_servers: needs DATABASE_URL of a PostgreSQL (scripts/two-app-servers)")
        return 2
    started = time.perf_counter()
    with serve.prepared_site() as (env, token):
        auth = {"Authorization": f"Bearer {token}"}
        one, two = serve.free_port(), serve.free_port()
        with serve.gunicorn(env, one, workers=1), serve.gunicorn(env, two, workers=1):
            status, body = serve.request(one, "POST", "/api/v1/residents", {"name": "Ada"}, auth)
            assert status == 201, body
            resident = json.loads(body)["id"]
            status, body = serve.request(
                one,
                "POST",
                "/api/v1/complaints",
                {"resident_id": resident, "summary": "Damp in the bedroom", "channel": "phone"},
                auth,
            )
            assert status == 201, body
            written = json.loads(body)
            reference = written["reference"]
            print(f"server 1 (127.0.0.1:{one}) created {reference}")

            status, body = serve.request(two, "GET", f"/api/v1/complaints/{reference}", None, auth)
            read = json.loads(body) if status == 200 else {}
            print(f"server 2 (127.0.0.1:{two}) read it back: HTTP {status}")
            same = status == 200 and read == written
            status, body = serve.request(two, "GET", "/api/v1/work-queue", None, auth)
            in_queue = status == 200 and reference in [r["reference"] for r in json.loads(body)]
            print(f"server 2's work queue lists it: {in_queue}")

    fields = ("reference", "status", "resident", "summary", "received_on", "next_due")
    for field in fields:
        print(f"  {field:<12} server 1: {written.get(field)!s:<22} server 2: {read.get(field)}")
    ok = same and in_queue
    took = time.perf_counter() - started
    print(f"{'OK' if ok else 'MISMATCH'}: one PostgreSQL, two app servers ({took:.1f} s)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
