"""The matrix world (matrix_world.py) and its people, shared by the permission matrix and
the query-string fuzz: both ask every route as someone, about the same objects."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import override_settings

from redress.cases.models import Complaint

from . import matrix_world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Made once for the module inside a transaction that is rolled back at its end;
    each test's own transaction is a savepoint inside it."""
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


@pytest.fixture
def people(world, make_staff, db):
    """Each role's user (None for the public side); the case is the tested handler's."""
    made = {
        role: make_staff(f"matrix-{role}", group)
        for role, group in matrix_world.STAFF_ROLES.items()
    }
    Complaint.objects.filter(pk=world.complaint).update(handler=made["handler"])
    return made
