"""What the load runs share: a throwaway database, gunicorn on a loopback port, a client.

Traffic goes only to 127.0.0.1, to servers these scripts start and stop
themselves; every run is a fixed number of requests.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "bench" / "results"
HOST = "127.0.0.1"
SECRET = "load-run-secret-key-not-for-production"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def app_environment(var_dir: str) -> dict:
    """The app servers' environment: production settings (WhiteNoise, no DEBUG) on the
    database DATABASE_URL names, or SQLite under var_dir."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "redress.project.settings.production",
        "DJANGO_SECRET_KEY": SECRET,
        "DJANGO_ALLOWED_HOSTS": HOST,
        "DJANGO_SECURE_SSL_REDIRECT": "false",  # plain HTTP on loopback
        # Required by production; no load run sends mail (the worker is not running).
        "EMAIL_HOST": "127.0.0.1",
        "DEFAULT_FROM_EMAIL": "complaints@load-run.invalid",
        "REDRESS_VAR_DIR": var_dir,
        "PYTHONPATH": str(ROOT),
    }


def manage(env: dict, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


@contextmanager
def prepared_site(static: bool = False):
    """A migrated throwaway database (SQLite in a temporary folder, or DATABASE_URL's) with
    one complaints officer, their API token and one resident; yields (env, token, resident)."""
    with tempfile.TemporaryDirectory(prefix="redress-load-") as var_dir:
        env = app_environment(var_dir)
        manage(env, "migrate", "--no-input", "-v", "0")
        if static:  # pages need the manifest of hashed names; the API does not
            manage(env, "collectstatic", "--no-input", "-v", "0")
        else:
            os.makedirs(Path(var_dir) / "static")
        token = manage(env, "shell", "-c", SETUP).strip().splitlines()[-1]
        yield env, token


# Run in `manage.py shell`: the officer who makes the complaints, and their token (a new
# officer each time, as runs may share one PostgreSQL database).
SETUP = """
import uuid
from django.contrib.auth.models import Group, User
from redress.staff.models import ApiToken
user = User.objects.create_user(f"loadrun-{uuid.uuid4().hex[:8]}", password="load-run-password-1")
user.groups.add(Group.objects.get_or_create(name="complaints officer")[0])
print(ApiToken.issue(user, name="load run"))
"""


def fill_and_sign_in(env: dict, rows: int) -> tuple[str, str]:
    """Fill the database with bench_work_queue.fill(rows) in this process; return the
    session key and API token of handler7, made a handler and complaints officer."""
    os.environ.update(env)
    sys.path.insert(0, str(ROOT / "bench"))
    import django

    django.setup()
    from bench_work_queue import TOTP_SECRET, fill
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.auth.models import Group
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import connections

    from redress.staff.mfa import enrol_totp
    from redress.staff.models import ApiToken

    fill(rows)
    user = get_user_model().objects.get(pk=7)  # bench_work_queue's handler7
    for role in ("handler", "complaints officer"):
        user.groups.add(Group.objects.get_or_create(name=role)[0])
    enrol_totp(user, TOTP_SECRET)  # staff pages need a second factor
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    token = ApiToken.issue(user, name="load run")
    connections.close_all()
    return session.session_key, token


@contextmanager
def gunicorn(env: dict, port: int, workers: int = 2, worker_class: str = "sync", threads: int = 1):
    """gunicorn serving Redress on 127.0.0.1:port until the block ends; yields the process."""
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "redress.project.wsgi:application",
        f"--bind={HOST}:{port}",
        f"--workers={workers}",
        f"--worker-class={worker_class}",
        f"--threads={threads}",
        f"--chdir={ROOT}",
        "--backlog=2048",
        "--log-level=warning",
    ]
    process = subprocess.Popen(command, env=env, cwd=ROOT)
    try:
        wait_until_serving(port, process)
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until_serving(port: int, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with status {process.returncode}")
        try:
            request(port, "GET", "/api/v1/work-queue")  # any answer (401) will do
            return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer on port {port} within {timeout} s")


def worker_pids(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return [int(pid) for pid in children]


def cpu_seconds(pids: list[int]) -> float:
    """User plus system CPU time the processes have used so far."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def machine_load() -> float:
    """The one-minute load average: other work on the machine skews the timings."""
    return os.getloadavg()[0]


def peak_rss_mb(pid: int) -> float:
    """The process's peak resident set (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmHWM for {pid}")


def request(port: int, method: str, path: str, body=None, headers=None, connection=None):
    """One request; returns (status, body bytes). Reuses `connection` when given."""
    own = connection is None
    conn = connection or http.client.HTTPConnection(HOST, port, timeout=60)
    data = json.dumps(body).encode() if body is not None else None
    sent = {"Content-Type": "application/json"} if data is not None else {}
    conn.request(method, path, body=data, headers={**sent, **(headers or {})})
    response = conn.getresponse()
    payload = response.read()
    if own or response.will_close:
        conn.close()
    return response.status, payload


class Client:
    """One client connection, kept alive while the server allows it."""

    def __init__(self, port: int, headers: dict):
        self.port, self.headers = port, headers
        self.conn = http.client.HTTPConnection(HOST, port, timeout=60)

    def send(self, method: str, path: str, body=None) -> tuple[int, bytes]:
        try:
            return request(self.port, method, path, body, self.headers, self.conn)
        except (http.client.HTTPException, OSError):
            self.conn.close()
            raise


def run_load(make_request, total: int, concurrency: int) -> dict:
    """`total` calls of make_request(client_index) spread over `concurrency` threads;
    returns the wall time, each call's latency and the error count."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    remaining = [total]

    def worker(index: int) -> None:
        send = make_request(index)
        while True:
            with lock:
                if remaining[0] == 0:
                    return
                remaining[0] -= 1
            started = time.perf_counter()
            try:
                status, body = send()
                failed = None if status < 400 else f"{status}: {body[:200]!r}"
            except Exception as exc:  # a refused or dropped connection counts as an error
                failed = repr(exc)
            took = time.perf_counter() - started
            with lock:
                latencies.append(took)
                if failed:
                    errors.append(failed)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"seconds": time.perf_counter() - started, "latencies": latencies, "errors": errors}


def summarise(run: dict) -> dict:
    ordered = sorted(run["latencies"])

    def pct(p: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(len(ordered) * p))] * 1000, 1)

    return {
        "requests": len(ordered),
        "errors": len(run["errors"]),
        "first_errors": run["errors"][:3],
        "seconds": round(run["seconds"], 2),
        "per_second": round(len(ordered) / run["seconds"], 1),
        "p50_ms": pct(0.50),
        "p95_ms": pct(0.95),
        "p99_ms": pct(0.99),
        "max_ms": round(ordered[-1] * 1000, 1),
    }


def vendor(env: dict) -> str:
    return "postgresql" if env.get("DATABASE_URL", "").startswith("postgres") else "sqlite"


def write_results(name: str, data: dict, markdown: str) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps(data, indent=2) + "\n")
    (RESULTS / f"{name}.md").write_text(markdown)
    print(f"wrote bench/results/{name}.json and .md")


def on_each_database(script: str, argv: list[str]) -> bool:
    """With no --db, run the script again on SQLite and on a throwaway PostgreSQL
    (scripts/with-postgres); returns True when it did so and the caller should stop."""
    if "--db" in argv:
        if argv[argv.index("--db") + 1] == "sqlite":
            os.environ.pop("DATABASE_URL", None)
        return False
    for db in ("sqlite", "postgres"):
        command = [sys.executable, script, *argv, "--db", db]
        if db == "postgres":
            command = [str(ROOT / "scripts" / "with-postgres"), *command]
        subprocess.run(command, check=True, env={**os.environ, "PYTHON": sys.executable})
    return True
