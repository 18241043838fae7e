"""A complaint with a response behind it, on dates around the spring bank holiday 2026.

Received Friday 1 May 2026, acknowledged Tuesday 5 May (Monday 4 is a bank
holiday), responded Tuesday 12 May with one remedy and one outstanding
action due Friday 22 May, the Friday before the spring bank holiday (Monday
25 May). Background tasks run at once (django-tasks' immediate backend).
"""

from __future__ import annotations

import datetime as dt

import pytest

from redress.cases import services
from redress.cases.tests.factories import by_letter
from redress.intake import services as intake

RECEIVED = dt.datetime(2026, 5, 1, 10, 0, tzinfo=dt.UTC)
ACKNOWLEDGED = dt.datetime(2026, 5, 5, 10, 0, tzinfo=dt.UTC)
RESPONDED = dt.datetime(2026, 5, 12, 10, 0, tzinfo=dt.UTC)
DUE = dt.date(2026, 5, 22)
THURSDAY, HOLIDAY, TUESDAY = dt.date(2026, 5, 21), dt.date(2026, 5, 25), dt.date(2026, 5, 26)


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def handler(make_staff):
    user = make_staff("hana", "handler")
    user.email = "hana@example.org"
    user.save()
    return user


def make_case(handler, *, remedies=None, actions=None, close=False):
    resident = intake.create_resident(actor=handler, name="Ada Jones", postcode="SE1 7PB")
    complaint = services.open_complaint(
        actor=handler, resident=resident, summary="Damp in the bedroom", received_at=RECEIVED
    )
    ref = complaint.reference
    services.accept(ref, actor=handler, occurred_at=ACKNOWLEDGED)
    services.acknowledge(
        ref,
        actor=handler,
        points=["Damp not fixed"],
        outcomes_sought=["Fix the damp"],
        communication=by_letter(ACKNOWLEDGED),
        responsible_for_all=True,
    )
    services.respond(
        ref,
        actor=handler,
        decisions=[{"point": "Damp not fixed", "decision": "upheld"}],
        reasons="The repair was missed",
        remedies=remedies
        if remedies is not None
        else [{"kind": "apology", "description": "We apologise", "due_on": DUE}],
        outstanding_actions=actions
        if actions is not None
        else [{"description": "Treat the damp", "due_on": DUE}],
        communication=by_letter(RESPONDED),
    )
    if close:
        services.close(ref, actor=handler, occurred_at=RESPONDED + dt.timedelta(days=21))
    complaint.refresh_from_db()
    return complaint


@pytest.fixture
def case(handler):
    return make_case(handler)
