"""The app under gunicorn on a loopback port: a crash mid-burst loses nothing it acknowledged
and leaves nothing half-written, and a bounded load run makes no errors.

On SQLite the server gets a migrated file database of its own; on PostgreSQL it is served
the test database (committed rows: a transactional test), as migrating another would take
most of a minute. Both use bench/load/serve.py's site set-up, client and load runner.
"""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(settings.BASE_DIR)
_spec = importlib.util.spec_from_file_location("bench_load_serve", ROOT / "bench/load/serve.py")
serve = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(serve)

BURST = 160  # complaints the burst would create if the server lived through it
CLIENTS = 8
KILL_AFTER = 30  # acknowledged complaints before the SIGKILL
# Committed rows, so that the server (on PostgreSQL) sees the test database's.
pytestmark = pytest.mark.django_db(transaction=True)


def manage(env: dict, *args: str) -> str:
    try:
        return serve.manage(env, *args)
    except subprocess.CalledProcessError as error:
        pytest.fail(f"manage.py {args[0]} failed:\n{error.stderr}")


@pytest.fixture
def site():
    """(env, token, resident id) for a served, migrated database with one officer."""
    with tempfile.TemporaryDirectory(prefix="redress-served-") as var_dir:
        env = serve.app_environment(var_dir)
        os.makedirs(Path(var_dir) / "static")
        if connection.vendor == "postgresql":
            db = connection.settings_dict
            env["DATABASE_URL"] = (
                f"postgresql://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT']}"
                f"/{db['NAME']}"
            )
        else:
            env.pop("DATABASE_URL", None)
            manage(env, "migrate", "--no-input", "-v", "0")
        token = manage(env, "shell", "-c", serve.SETUP).strip().splitlines()[-1]
        yield env, {"Authorization": f"Bearer {token}"}


@contextmanager
def served(env: dict):
    """gunicorn (two workers) in a process group of its own, so that the group can be killed
    at once as a crash would; yields (port, process)."""
    port = serve.free_port()
    command = [sys.executable, "-m", "gunicorn", "redress.project.wsgi:application"]
    command += [f"--bind={serve.HOST}:{port}", "--workers=2", "--log-level=warning"]
    process = subprocess.Popen(command, env=env, cwd=ROOT, start_new_session=True)
    try:
        serve.wait_until_serving(port, process)
        yield port, process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)


def new_resident(port: int, auth: dict) -> int:
    status, body = serve.request(port, "POST", "/api/v1/residents", {"name": "Load Run"}, auth)
    assert status == 201, body
    return json.loads(body)["id"]


def in_database(env: dict, code: str):
    """What `code` (run in `manage.py shell`, printing JSON last) finds in the served database."""
    return json.loads(manage(env, "shell", "-c", code).strip().splitlines()[-1])


def verify_audit(env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "redress", "verify-audit"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


CHECK = """
import json
from django.db.models import Exists, OuterRef
from redress.cases.models import Complaint, Issue, Stage
from redress.record.models import Event
received = Event.objects.filter(
    subject_kind="complaint", subject_id=OuterRef("pk"), action="received"
)
stage1 = Stage.objects.filter(complaint=OuterRef("pk"), number=1)
issue = Issue.objects.filter(complaint=OuterRef("pk"))
partial = Complaint.objects.exclude(Exists(received) & Exists(stage1) & Exists(issue))
print(json.dumps({
    "references": list(Complaint.objects.values_list("reference", flat=True)),
    "partial": list(partial.values_list("reference", flat=True)),
}))
"""


def test_a_crash_mid_burst_loses_no_acknowledged_write_and_half_writes_nothing(site):
    env, auth = site
    acknowledged: list[str] = []
    failed: list[str] = []
    lock, enough = threading.Lock(), threading.Event()

    with served(env) as (port, process):
        body = {"resident_id": new_resident(port, auth), "summary": "Damp", "channel": "phone"}

        def client() -> None:
            conn = serve.Client(port, auth)
            for _ in range(BURST // CLIENTS):
                try:
                    status, answer = conn.send("POST", "/api/v1/complaints", body)
                except Exception as error:  # the server died under this request
                    with lock:
                        failed.append(repr(error))
                    return
                with lock:
                    if 200 <= status < 300:
                        acknowledged.append(json.loads(answer)["reference"])
                        if len(acknowledged) >= KILL_AFTER:
                            enough.set()
                    else:
                        failed.append(f"{status}: {answer[:200]!r}")

        threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
        for thread in threads:
            thread.start()
        assert enough.wait(timeout=60), f"too few complaints acknowledged: {failed[:3]}"
        os.killpg(process.pid, signal.SIGKILL)  # the master and its workers, mid-request
        process.wait(timeout=10)
        for thread in threads:
            thread.join(timeout=60)

    assert len(acknowledged) < BURST and failed, "the kill did not cut the burst short"
    assert not [f for f in failed if f[:1].isdigit()], f"refused before the kill: {failed}"
    with served(env) as (port, _):
        status, answer = serve.request(port, "POST", "/api/v1/complaints", body, auth)
        assert status == 201, answer
        acknowledged.append(json.loads(answer)["reference"])
        status, _ = serve.request(port, "GET", f"/api/v1/complaints/{acknowledged[0]}", None, auth)
        assert status == 200
    found = in_database(env, CHECK)
    assert set(acknowledged) <= set(found["references"])  # no lost acknowledged write
    assert found["partial"] == []  # every complaint has its stage, issue and event
    audit = verify_audit(env)
    assert audit.returncode == 0, audit.stderr
    assert audit.stdout.startswith("intact: ")


def test_a_bounded_load_run_makes_no_errors(site, record_property):
    """4 users x 100 requests, reading the work queue and opening complaints by turns. The
    p95 is printed at the end of the run (redress/conftest.py), never asserted."""
    env, auth = site
    with served(env) as (port, _):
        body = {"resident_id": new_resident(port, auth), "summary": "Damp", "channel": "phone"}

        def user(_index):
            client, turn = serve.Client(port, auth), [0]

            def send():
                turn[0] += 1
                if turn[0] % 2:
                    return client.send("GET", "/api/v1/work-queue?limit=25")
                return client.send("POST", "/api/v1/complaints", body)

            return send

        figures = serve.summarise(serve.run_load(user, total=400, concurrency=4))
    assert figures["errors"] == 0, figures["first_errors"]
    assert figures["requests"] == 400
    line = (
        f"load run on {connection.vendor}: {figures['requests']} requests from 4 users, "
        f"0 errors, p50 {figures['p50_ms']} ms, p95 {figures['p95_ms']} ms"
    )
    print(line)
    record_property("figure", line)
    audit = verify_audit(env)
    assert audit.returncode == 0, audit.stderr
