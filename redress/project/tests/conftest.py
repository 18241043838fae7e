"""The world of objects the API and page tests here fill their URLs with (matrix_world.py)."""

from __future__ import annotations

import pytest
from django.db import transaction

from . import matrix_world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Made once for the module inside a transaction that is rolled back at its end;
    each test's own transaction is a savepoint inside it."""
    from django.test import override_settings

    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")),
        pytest.MonkeyPatch.context() as monkeypatch,
    ):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield matrix_world.build(monkeypatch)
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
