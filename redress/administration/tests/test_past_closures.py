"""The past stays as it was: closure days for dates that have passed, and the deployment's
calendar settings, never move a due date that had already passed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ImproperlyConfigured

from redress.administration import deployment, services
from redress.administration.models import ClosureDay, DeploymentCalendar
from redress.cases.clock import assess
from redress.cases.models import Complaint
from redress.cases.tests.factories import open_case
from redress.record.errors import Forbidden, Refused

from .conftest import events

# open_case: received Thursday 1 October 2026, acknowledge by Thursday 8 October, which has
# passed by Monday 12 October; the 6.2 breach stands whatever is closed afterwards.
TODAY = dt.date(2026, 10, 12)
pytestmark = [pytest.mark.django_db, pytest.mark.today(TODAY)]
ACKNOWLEDGE_BY = dt.date(2026, 10, 8)
MONDAY = dt.date(2026, 10, 5)


def complaint(reference: str) -> Complaint:
    return Complaint.objects.get(reference=reference)


@pytest.fixture
def overdue(officer) -> str:
    return open_case(officer)


def test_an_administrator_adds_a_past_closure_with_a_reason_and_the_breach_stands(
    overdue, admin_user
):
    before = assess(complaint(overdue))
    assert before.stage1.acknowledge_by == ACKNOWLEDGE_BY and "6.2" in before.breaches
    day = services.add_closure_day(
        actor=admin_user, date=MONDAY, reason="Flood", late_reason="Not recorded on the day"
    )
    after = assess(complaint(overdue))
    assert after.stage1.acknowledge_by == ACKNOWLEDGE_BY and after.breaches == before.breaches
    assert complaint(overdue).next_due == ACKNOWLEDGE_BY
    # Its days overdue are counted as they stood: 9 and 12 October.
    assert deployment.calendar().working_days_left(TODAY, ACKNOWLEDGE_BY) == -2
    assert (day.added_by, day.late_reason) == (admin_user, "Not recorded on the day")
    [added] = events("closure")
    assert (added.action, added.actor) == ("added", admin_user)
    assert added.payload["late_reason"] == "Not recorded on the day"
    assert added.payload["complaints_moved"] == 0


def test_a_past_closure_still_moves_a_due_date_not_yet_passed(officer, admin_user):
    reference = open_case(officer, received_at="2026-10-09T10:00:00Z")  # due Friday 16 October
    assert complaint(reference).next_due == dt.date(2026, 10, 16)
    services.add_closure_day(actor=admin_user, date=TODAY, reason="Snow")
    assert complaint(reference).next_due == dt.date(2026, 10, 19)
    services.add_closure_day(
        actor=admin_user, date=dt.date(2026, 10, 9), reason="Snow", late_reason="Forgot"
    )
    # Friday 9 October was the day it was received: it changes nothing of a clock counting
    # from the day after.
    assert complaint(reference).next_due == dt.date(2026, 10, 19)


def test_only_an_administrator_may_add_a_past_closure(officer, make_staff):
    manager = make_staff("mo", "manager")
    with pytest.raises(Forbidden, match="only an administrator can add"):
        services.add_closure_day(actor=manager, date=MONDAY, reason="Flood", late_reason="Late")
    assert not ClosureDay.objects.exists() and events("closure") == []


def test_a_past_closure_needs_a_reason_for_being_late(admin, admin_user):
    with pytest.raises(Refused, match="5 October 2026 has passed: enter why you add it now"):
        services.add_closure_day(actor=admin_user, date=MONDAY, reason="Flood")
    response = admin.post(
        "/administration/calendar/",
        {"date_day": "5", "date_month": "10", "date_year": "2026", "reason": "Flood"},
    )
    assert response.status_code == 422
    assert 'href="#id_late_reason"' in response.content.decode()
    assert not ClosureDay.objects.exists() and events("closure") == []


def test_a_closure_from_today_on_needs_no_late_reason_and_keeps_none(admin_user, make_staff):
    day = services.add_closure_day(
        actor=make_staff("mo", "manager"), date=TODAY, reason="Snow", late_reason="ignored"
    )
    assert day.late_reason == ""
    assert "late_reason" not in events("closure")[0].payload
    long = "x" * 201
    with pytest.raises(Refused, match="200 characters or fewer") as refused:
        services.add_closure_day(actor=admin_user, date=MONDAY, reason="x", late_reason=long)
    assert refused.value.field == "late_reason"


def test_the_calendar_page_lists_past_closures_with_who_and_why(admin, admin_user):
    services.add_closure_day(actor=admin_user, date=MONDAY, reason="Flood", late_reason="Forgot")
    gone = services.add_closure_day(
        actor=admin_user, date=dt.date(2026, 10, 6), reason="Burst pipe", late_reason="Forgot"
    )
    services.withdraw_closure_day(gone.pk, actor=admin_user, reason="Office was open after all")
    page = admin.get("/administration/calendar/").content.decode()
    past = page[page.index('id="past-closures"') : page.index("Add a closure day")]
    assert "Monday 5 October 2026" in past and "Flood" in past and "Forgot" in past
    assert "Tuesday 6 October 2026" in past and "Office was open after all" in past
    assert past.count("12 October 2026 by ") == 3 and past.count("Withdraw<span") == 1


def test_withdrawing_a_past_closure_needs_an_administrator_and_a_reason(
    admin, admin_user, make_staff
):
    day = services.add_closure_day(actor=admin_user, date=MONDAY, reason="Flood", late_reason="x")
    with pytest.raises(Forbidden):
        services.withdraw_closure_day(day.pk, actor=make_staff("mo", "manager"), reason="No")
    url = f"/administration/calendar/{day.pk}/withdraw/"
    assert "Why it is withdrawn after the day" in admin.get(url).content.decode()
    response = admin.post(url, {"reason": ""})
    assert response.status_code == 422 and 'href="#id_reason"' in response.content.decode()
    assert admin.post(url, {"reason": "Open after all"}).status_code == 303
    day.refresh_from_db()
    assert (day.withdrawn_by, day.withdrawal_reason) == (admin_user, "Open after all")
    withdrawn = events("closure")[-1]
    assert (withdrawn.action, withdrawn.payload["reason"]) == ("withdrawn", "Open after all")


def test_a_changed_deployment_calendar_counts_from_the_day_it_is_recorded(
    overdue, settings, officer
):
    recent = open_case(officer, received_at="2026-10-09T10:00:00Z")  # due Friday 16 October
    settings.REDRESS_CLOSURE_DAYS = [MONDAY, TODAY]
    with pytest.raises(ImproperlyConfigured, match="run `manage.py migrate` to record"):
        deployment.calendar()
    row = services.record_deployment_calendar()
    assert row.closure_days == ["2026-10-05", "2026-10-12"]
    assert services.record_deployment_calendar() is None  # unchanged: nothing more recorded
    assert complaint(overdue).next_due == ACKNOWLEDGE_BY
    assert complaint(recent).next_due == dt.date(2026, 10, 19)
    [event] = [e for e in events("landlord") if e.action == "calendar_settings_recorded"]
    assert event.payload["after"]["days"] == ["2026-10-05", "2026-10-12"]
    assert event.payload["complaints_moved"] == 1
    assert DeploymentCalendar.objects.count() == 2


def test_a_changed_regime_counts_only_for_complaints_received_from_then_on(settings, officer):
    before = open_case(officer)
    settings.REDRESS_REGIME = "spso-model"
    after = open_case(officer)
    assert (complaint(before).regime, complaint(after).regime) == ("hos-2024", "spso-model")
