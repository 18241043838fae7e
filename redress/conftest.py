"""Fixtures every Django test suite shares: staff users with roles, an API client, and
the clock: a test whose outcome depends on the date pins it with @pytest.mark.today."""

from __future__ import annotations

import datetime as dt
import json
import os
import uuid
from collections import Counter

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client

from redress.code.london import LONDON
from redress.staff.mfa import enrol_totp
from redress.staff.models import ApiToken
from redress.staff.roles import ALL

# Every test staff member's authenticator-app secret (base32): the browser tests' sign-in
# types the code it gives (redress.staff.mfa.current_code).
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DP"


class ApiClient:
    """A staff user's view of /api/v1: JSON in, (status, JSON) out."""

    def __init__(self, user):
        self.user = user
        self.client = Client(HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(user)}")

    def _send(self, method: str, path: str, body=None):
        response = getattr(self.client, method)(
            f"/api/v1{path}",
            data=json.dumps(body) if body is not None else None,
            content_type="application/json",
        )
        return response.status_code, response.json()

    def get(self, path: str):
        response = self.client.get(f"/api/v1{path}")
        return response.status_code, response.json()

    def post(self, path: str, body=None):
        return self._send("post", path, body if body is not None else {})

    def upload(self, path: str, data: dict):
        response = self.client.post(f"/api/v1{path}", data=data)
        return response.status_code, response.json()


def _travel_to(day: dt.date) -> time_machine.travel:
    """Midday in London on that day, the clock running: the London date is the day
    whatever the machine's zone, and stays it for the length of any test."""
    return time_machine.travel(dt.datetime.combine(day, dt.time(12), tzinfo=LONDON))


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "today(date): run the test on that London date (time-machine), for a test whose "
        "outcome depends on the date",
    )
    # REDRESS_TEST_TODAY=2030-01-02 runs the whole suite on another date, so a test
    # that reads the real date without pinning it fails now rather than on that day.
    day = os.environ.get("REDRESS_TEST_TODAY")
    if day:
        traveller = _travel_to(dt.date.fromisoformat(day))
        traveller.start()
        config.add_cleanup(traveller.stop)


@pytest.fixture(autouse=True)
def _pinned_today(request):
    """A test marked @pytest.mark.today(dt.date(...)) runs on that date."""
    marker = request.node.get_closest_marker("today")
    if marker is None:
        yield
        return
    with _travel_to(*marker.args):
        yield


@pytest.fixture(autouse=True)
def _own_rate_limit_counts(monkeypatch):
    """Each test counts the public pages' rate limits afresh (any cache backend)."""
    monkeypatch.setattr("redress.intake.limits.KEY_PREFIX", f"test-limit-{uuid.uuid4().hex}")


def run_queued_tasks() -> list:
    """Run every queued task that is due, as `manage.py db_worker --batch` would, here and
    now (tasks they queue too, once due); each task's result row, in the order run. Move
    the clock (time-machine) to run the tries queued for later."""
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    ran = []
    while (row := DBTaskResult.objects.ready().order_by("enqueued_at").first()) is not None:
        row.claim(worker.worker_id)
        worker.run_task(row)
        row.refresh_from_db()
        ran.append(row)
    return ran


@pytest.fixture
def queued_tasks(settings):
    """The production task backend (tasks wait in the database for the worker); call the
    fixture's value to run what is due, as the worker would."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    return run_queued_tasks


def migrate(targets: list[tuple[str, str]]):
    """Migrate the test database to these (app, migration) nodes; their historical models."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def migrated():
    """`migrate` for a data migration's test (with transaction=True); the database is back
    at the latest migrations afterwards."""
    yield migrate
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


@pytest.fixture
def make_staff(django_user_model):
    """make_staff(username, *roles): a staff member with an authenticator app enrolled
    (TOTP_SECRET), as Redress requires of staff; mfa=False for one who has not enrolled."""

    def make(username: str, *roles: str, mfa: bool = True):
        user = django_user_model.objects.create_user(
            username=username, password="x", first_name=username.title()
        )
        for role in roles:
            assert role in ALL
            user.groups.add(Group.objects.get_or_create(name=role)[0])
        if mfa:
            enrol_totp(user, TOTP_SECRET)
        return user

    return make


@pytest.fixture
def officer(make_staff):
    return ApiClient(make_staff("olive", "complaints officer"))


@pytest.fixture
def second_handler(make_staff):
    return ApiClient(make_staff("hamid", "handler"))


@pytest.fixture
def manager(make_staff):
    return make_staff("maya", "manager")


def pytest_terminal_summary(terminalreporter):
    """Figures a test reports with record_property("figure", line) (the bounded load
    run's p95, the query fuzz's request counts), shown after the run: printed output is
    hidden, and lost under xdist. record_property("count", label) counts one of `label`,
    summed over every test that passed (schemathesis's cases, over many tests)."""
    reported = [
        (name, value)
        for report in terminalreporter.getreports("passed")
        for name, value in report.user_properties
    ]
    counts = Counter(value for name, value in reported if name == "count")
    lines = [value for name, value in reported if name == "figure"]
    lines += [f"{label}: {number}" for label, number in counts.items()]
    if lines:
        terminalreporter.write_sep("-", "figures")
        for line in lines:
            terminalreporter.write_line(line)
