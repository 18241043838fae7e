"""Reminders that an adjustment's or a restriction's review is due: to the case's handler,
or the complaints officers when there is no active one; once per due date; none written
on a day that is not a working day; and done once the review is recorded."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from redress.cases import services as cases
from redress.intake import reviews
from redress.intake import services as intake
from redress.notifications.models import Kind, Notification
from redress.notifications.sweep import sweep

pytestmark = [pytest.mark.django_db, pytest.mark.today(dt.date(2026, 12, 2))]

FRIDAY, SATURDAY, MONDAY = dt.date(2026, 12, 4), dt.date(2026, 12, 5), dt.date(2026, 12, 7)
DISABILITY = "Zygomatic tremor"


@pytest.fixture
def officer(make_staff):
    return make_staff("otto", "complaints officer")


@pytest.fixture
def handler(make_staff):
    return make_staff("hana", "handler")


@pytest.fixture
def case(officer, handler):
    resident = intake.create_resident(actor=officer, name="Ada Jones")
    complaint = cases.open_complaint(actor=officer, resident=resident, summary="Damp")
    cases.assign(complaint.reference, actor=officer, handler_id=handler.pk)
    complaint.adjustment = intake.record_adjustment(
        actor=officer,
        resident_id=resident.pk,
        adjustment="Phone before visiting",
        disability_disclosed=DISABILITY,
        review_on=SATURDAY,
    )
    return complaint


def reminders(user=None):
    found = Notification.objects.filter(kind=Kind.SUPPORT_REVIEW)
    return list(found.filter(recipient=user) if user else found)


def test_the_handler_is_reminded_once_on_the_next_working_day(case, handler):
    assert sweep(FRIDAY).written[Kind.SUPPORT_REVIEW] == 0
    assert sweep(SATURDAY).written == {} and reminders() == []
    assert sweep(MONDAY).written[Kind.SUPPORT_REVIEW] == 1
    [notice] = reminders(handler)
    assert notice.complaint == case
    assert notice.subject == f"support-review:adjustment:{case.adjustment.pk}:2026-12-05"
    assert notice.reason == (
        f"A reasonable adjustment for the resident on complaint {case.reference} has been due "
        "for review since Saturday 5 December 2026."
    )
    assert DISABILITY not in notice.reason and "Phone" not in notice.reason
    # Once per due date, however often the sweep runs.
    assert sweep(MONDAY).written[Kind.SUPPORT_REVIEW] == 0
    assert sweep(MONDAY + dt.timedelta(days=1)).written[Kind.SUPPORT_REVIEW] == 0
    assert len(reminders()) == 1


def test_with_no_active_handler_the_complaints_officers_are_reminded(case, handler, officer):
    handler.is_active = False
    handler.save()
    sweep(MONDAY)
    assert reminders(handler) == [] and len(reminders(officer)) == 1


def test_a_closed_case_s_handler_is_not_reminded(case, handler, officer):
    from redress.cases.models import Complaint

    Complaint.objects.filter(pk=case.pk).update(status="closed")
    sweep(MONDAY)
    assert reminders(handler) == [] and [n.complaint for n in reminders(officer)] == [case]


def test_an_ended_adjustment_is_not_reminded(case, officer):
    reviews.review(
        actor=officer,
        resident_id=case.resident_id,
        need="adjustment",
        item_id=case.adjustment.pk,
        outcome="ended",
        note="No longer needed, she says",
    )
    sweep(MONDAY)
    assert reminders() == []


def test_the_reminder_leads_to_the_review_and_is_done_once_it_is_recorded(case, handler):
    sweep(MONDAY)
    client = Client()
    client.force_login(handler)
    url = f"/cases/{case.reference}/support-needs/adjustments/{case.adjustment.pk}/review/"
    listed = client.get("/notifications/").content.decode()
    assert f'href="{url}"' in listed and "Review recorded" not in listed
    assert DISABILITY not in listed
    reviews.review(
        actor=handler,
        resident_id=case.resident_id,
        need="adjustment",
        item_id=case.adjustment.pk,
        outcome="kept",
        note="Still needed",
        next_review_on=dt.date(2027, 6, 1),
    )
    listed = client.get("/notifications/").content.decode()
    assert f'href="{url}"' not in listed and "Review recorded" in listed
