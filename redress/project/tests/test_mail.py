"""Mail settings and the task queue's retries: production reads the mail server from the
environment and will not start without it; a retry waits its back-off, and stops after
the last try or where the backend cannot wait."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from redress.infra.mail import backoff, try_again
from redress.letters.services import send_letter

MAIL = {
    "DJANGO_SECRET_KEY": "a-test-secret",
    "EMAIL_HOST": "smtp.example.org",
    "DEFAULT_FROM_EMAIL": "complaints@example.org",
}
READ = (
    "import json; from django.conf import settings as s; print(json.dumps([s.EMAIL_HOST, "
    "s.EMAIL_PORT, s.EMAIL_USE_TLS, s.EMAIL_USE_SSL, s.EMAIL_HOST_USER, s.DEFAULT_FROM_EMAIL, "
    "s.SERVER_EMAIL, s.EMAIL_BACKEND]))"
)


def production(**environment: str) -> subprocess.CompletedProcess:
    """Load the production settings in a fresh interpreter, with only this environment."""
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("EMAIL_", "DJANGO_"))}
    keep.pop("DEFAULT_FROM_EMAIL", None)
    keep.pop("SERVER_EMAIL", None)
    env = {
        **keep,
        "DJANGO_SETTINGS_MODULE": "redress.project.settings.production",
        "PYTHONPATH": str(settings.BASE_DIR),
        **environment,
    }
    return subprocess.run(
        [sys.executable, "-c", READ], env=env, capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize("missing", ["EMAIL_HOST", "DEFAULT_FROM_EMAIL", "DJANGO_SECRET_KEY"])
def test_production_will_not_start_without_a_required_setting(missing):
    done = production(**{k: v for k, v in MAIL.items() if k != missing})
    assert done.returncode != 0
    assert f"ImproperlyConfigured: {missing} must be set in the environment" in done.stderr


def test_production_mail_comes_from_the_environment():
    done = production(**MAIL, EMAIL_HOST_USER="redress", EMAIL_HOST_PASSWORD="secret")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == (
        '["smtp.example.org", 587, true, false, "redress", "complaints@example.org", '
        '"complaints@example.org", "django.core.mail.backends.smtp.EmailBackend"]'
    )
    ssl = production(**MAIL, EMAIL_USE_SSL="true", SERVER_EMAIL="errors@example.org")
    assert ssl.returncode == 0, ssl.stderr
    assert '465, false, true, "", "complaints@example.org", "errors@example.org"' in ssl.stdout


@pytest.mark.parametrize(
    ("environment", "named"),
    [
        ({"EMAIL_HOST_USER": "redress"}, "EMAIL_HOST_PASSWORD"),
        ({"EMAIL_USE_TLS": "true", "EMAIL_USE_SSL": "true"}, "EMAIL_USE_TLS or EMAIL_USE_SSL"),
    ],
)
def test_production_refuses_mail_settings_that_cannot_work(environment, named):
    done = production(**MAIL, **environment)
    assert done.returncode != 0 and "ImproperlyConfigured" in done.stderr
    assert named in done.stderr


def test_the_test_settings_keep_mail_in_memory():
    assert settings.EMAIL_BACKEND == "django.core.mail.backends.locmem.EmailBackend"
    assert settings.REDRESS_OUTBOX is False


@pytest.mark.django_db
def test_a_retry_waits_its_back_off_and_stops_after_the_last_try(queued_tasks):
    before = timezone.now()
    assert try_again(send_letter, 1, 3, 42) is not None
    [row] = DBTaskResult.objects.filter(task_path="redress.letters.services.send_letter")
    assert row.args_kwargs == {"args": [42], "kwargs": {"attempt": 2}}
    assert before + backoff(1) <= row.run_after <= timezone.now() + backoff(1)
    assert try_again(send_letter, 3, 3, 42) is None  # the third of three was the last
    assert DBTaskResult.objects.count() == 1
    assert [backoff(n) for n in (1, 2, 3, 9)] == [
        dt.timedelta(minutes=5),
        dt.timedelta(minutes=10),
        dt.timedelta(minutes=20),
        dt.timedelta(hours=6),
    ]


def test_a_backend_that_cannot_wait_queues_no_retry(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    assert try_again(send_letter, 1, 3, 42) is None
