"""A complaint received the Monday before the August bank holiday of 2026.

Received Monday 24 August 2026; five working days on, skipping the bank holiday on
Monday 31 August, its acknowledgement is due on Tuesday 1 September. Background
tasks run at once (django-tasks' immediate backend); mail goes to Django's outbox.
"""

from __future__ import annotations

import datetime as dt

import pytest

from redress.cases import services
from redress.intake import services as intake

RECEIVED = dt.datetime(2026, 8, 24, 10, 0, tzinfo=dt.UTC)
DUE = dt.date(2026, 9, 1)  # Tuesday, after the bank-holiday Monday
WEDNESDAY_BEFORE, THURSDAY_BEFORE = dt.date(2026, 8, 26), dt.date(2026, 8, 27)
SUNDAY, HOLIDAY, WEDNESDAY_AFTER = dt.date(2026, 8, 30), dt.date(2026, 8, 31), dt.date(2026, 9, 2)


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def _with_email(user):
    user.email = f"{user.username}@example.org"
    user.save()
    return user


@pytest.fixture
def handler(make_staff):
    return _with_email(make_staff("hana", "handler"))


@pytest.fixture
def complaints_officer(make_staff):
    return _with_email(make_staff("otto", "complaints officer"))


@pytest.fixture
def boss(make_staff):
    return _with_email(make_staff("maya", "manager"))


@pytest.fixture
def case(handler, complaints_officer):
    resident = intake.create_resident(
        actor=handler, name="Ada Jones", postcode="SE1 7PB", phone="020 7946 0000"
    )
    complaint = services.open_complaint(
        actor=handler,
        resident=resident,
        summary="Damp in the bedroom",
        channel="phone",
        received_at=RECEIVED,
    )
    services.assign(complaint.reference, actor=complaints_officer, handler_id=handler.pk)
    complaint.refresh_from_db()
    assert complaint.next_due == DUE
    return complaint
