"""Background tasks run at once here (django-tasks' immediate backend), so a status code
asked for on a page is in Django's outbox when the page answers. The tests of the queue
itself (test_no_account_oracle.py) put the database backend back."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
