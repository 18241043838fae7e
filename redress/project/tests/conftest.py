"""The world of objects and the people the permission tests ask as (matrix_world.py)."""

from __future__ import annotations

import pytest
from django.db import transaction

from redress.cases.models import Complaint
from redress.staff import roles as staff_roles

from . import matrix_world

STAFF_ROLES = {
    "handler": staff_roles.HANDLER,
    "other_handler": staff_roles.HANDLER,
    "complaints_officer": staff_roles.COMPLAINTS_OFFICER,
    "manager": staff_roles.MANAGER,
    "senior_lead": staff_roles.SENIOR_LEAD,
    "mrc": staff_roles.MRC,
    "governing_body": staff_roles.GOVERNING_BODY,
    "administrator": staff_roles.ADMINISTRATOR,
}


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


@pytest.fixture
def people(world, make_staff, db):
    """Each role's user (None for the public side); the case is the tested handler's."""
    made = {role: make_staff(f"matrix-{role}", group) for role, group in STAFF_ROLES.items()}
    Complaint.objects.filter(pk=world.complaint).update(handler=made["handler"])
    return made
