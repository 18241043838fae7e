"""Closure days: shown with the bank holidays, and moving every open complaint's due date."""

from __future__ import annotations

import datetime as dt

import pytest

from redress.administration import deployment, services
from redress.administration.models import ClosureDay
from redress.cases.models import Complaint
from redress.cases.tests.factories import open_case

from .conftest import events

# The day open_case's complaint is received: every closure here is still to come.
pytestmark = [pytest.mark.django_db, pytest.mark.today(dt.date(2026, 10, 1))]

# factories.open_case: received Thursday 1 October 2026, acknowledge by Thursday 8 October.
ACKNOWLEDGE_BY = dt.date(2026, 10, 8)
MONDAY = dt.date(2026, 10, 5)


def closure_form(day: dt.date, reason: str = "Staff training") -> dict:
    return {
        "date_day": str(day.day),
        "date_month": str(day.month),
        "date_year": str(day.year),
        "reason": reason,
    }


def next_due(reference: str) -> dt.date:
    return Complaint.objects.get(reference=reference).next_due


def test_a_closure_day_moves_an_open_complaint_and_withdrawing_moves_it_back(
    admin, admin_user, officer
):
    reference = open_case(officer)
    assert next_due(reference) == ACKNOWLEDGE_BY

    assert admin.post("/administration/calendar/", closure_form(MONDAY)).status_code == 303
    assert next_due(reference) == dt.date(2026, 10, 9)
    assert not deployment.calendar().is_working_day(MONDAY)

    closure = ClosureDay.objects.get()
    response = admin.post(f"/administration/calendar/{closure.pk}/withdraw/")
    assert response.status_code == 303
    assert next_due(reference) == ACKNOWLEDGE_BY
    assert deployment.calendar().is_working_day(MONDAY)
    closure.refresh_from_db()
    assert closure.withdrawn_at is not None

    added, withdrawn = events("closure")
    assert (added.action, added.actor, added.payload["complaints_moved"]) == (
        "added",
        admin_user,
        1,
    )
    assert (withdrawn.action, withdrawn.subject_id) == ("withdrawn", closure.pk)


def test_closed_complaints_keep_their_dates(admin_user, officer):
    reference = open_case(officer)
    Complaint.objects.filter(reference=reference).update(status="closed", next_due=None)
    services.add_closure_day(actor=admin_user, date=MONDAY, reason="Training")
    assert next_due(reference) is None


def test_the_calendar_lists_bank_holidays_and_active_closure_days(admin, admin_user):
    today = deployment.today()
    soon = today + dt.timedelta(days=20)
    services.add_closure_day(actor=admin_user, date=soon, reason="Office move")
    gone = services.add_closure_day(actor=admin_user, date=soon + dt.timedelta(1), reason="Gone")
    services.withdraw_closure_day(gone.pk, actor=admin_user)
    page = admin.get("/administration/calendar/").content.decode()
    assert "Office move" in page and "Gone" not in page
    assert "Christmas Day" in page and "Bank holiday" in page
    assert page.count("Withdraw<span") == 1


@pytest.mark.parametrize(
    ("form", "field", "message"),
    [
        (
            {"date_day": "31", "date_month": "2", "date_year": "2027", "reason": "x"},
            "id_date-day",
            "must be a real date",
        ),
        (
            {"date_day": "", "date_month": "", "date_year": "", "reason": "x"},
            "id_date-day",
            "Enter date the office is closed",
        ),
        (closure_form(MONDAY, reason=""), "id_reason", "Enter reason"),
        (closure_form(dt.date(2101, 1, 3)), "id_date-day", "outside 1990 to 2100"),
    ],
)
def test_a_bad_closure_day_is_refused_and_nothing_written(admin, form, field, message):
    response = admin.post("/administration/calendar/", form)
    assert response.status_code == 422
    page = response.content.decode()
    assert "govuk-error-summary" in page and f'href="#{field}"' in page and message in page
    assert not ClosureDay.objects.exists()
    assert events("closure") == []


def test_the_same_day_cannot_be_closed_twice_while_active(admin, admin_user):
    services.add_closure_day(actor=admin_user, date=MONDAY, reason="Training")
    response = admin.post("/administration/calendar/", closure_form(MONDAY))
    assert response.status_code == 422
    assert "5 October 2026 is already a closure day" in response.content.decode()
    assert ClosureDay.objects.count() == 1
    first = ClosureDay.objects.get()
    services.withdraw_closure_day(first.pk, actor=admin_user)
    assert admin.post("/administration/calendar/", closure_form(MONDAY)).status_code == 303
    assert ClosureDay.objects.filter(withdrawn_at__isnull=True).count() == 1


def test_withdrawing_twice_is_refused(admin, admin_user):
    day = services.add_closure_day(actor=admin_user, date=MONDAY, reason="Training")
    services.withdraw_closure_day(day.pk, actor=admin_user)
    response = admin.post(f"/administration/calendar/{day.pk}/withdraw/")
    assert response.status_code == 409
    assert "already withdrawn" in response.content.decode()
    assert [e.action for e in events("closure")] == ["added", "withdrawn"]


def test_settings_closure_days_still_count(settings):
    settings.REDRESS_CLOSURE_DAYS = [MONDAY]
    services.record_deployment_calendar()  # as the deployment's migrate does
    ClosureDay.objects.create(date=MONDAY + dt.timedelta(1), reason="Training")
    calendar = deployment.calendar()
    assert calendar.closures == {MONDAY, MONDAY + dt.timedelta(1)}
