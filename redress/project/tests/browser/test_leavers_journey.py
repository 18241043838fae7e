"""A leaver's cases reassigned (issue 19, item 3), in the browser.

An administrator who is also the complaints officer opens the account of a handler
who is leaving: the page shows the two open complaints she still holds. Deactivating
without saying what happens to them is refused; reassigning them all to another
handler deactivates the account. The work queue shows the new handler on both, and
the next sweep sends the leaver nothing: the reminder goes to the new handler.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from playwright.sync_api import expect

from redress.cases.models import Complaint
from redress.cli import main
from redress.notifications.models import Kind, Notification
from redress.record.models import Event

from .conftest import acknowledged, check_axe, new_case, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WEDNESDAY = dt.date(2026, 12, 2)
# The next Tuesday: the new case's acknowledgement (due Wednesday 9 December) is due soon.
SWEEP_ON = dt.date(2026, 12, 8)


def staff(make_staff, username: str, *roles: str):
    person = make_staff(username, *roles)
    person.email = f"{username}@example.org"
    person.save()
    return person


@pytest.mark.today(WEDNESDAY)
def test_a_leavers_cases_are_reassigned_before_the_account_goes(new_page, make_staff, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    ada = staff(make_staff, "ada", "administrator", "complaints officer")
    lena, sam = staff(make_staff, "lena", "handler"), staff(make_staff, "sam", "handler")
    fresh, under_way = new_case(ada, lena), acknowledged(ada, lena)

    page = new_page()
    sign_in(page, ada)
    check_axe(page)
    page.goto("/administration/")
    page.get_by_role("link", name="Users", exact=True).first.click()
    check_axe(page)
    page.get_by_role("link", name="Lena", exact=True).click()

    # The account's page shows what she still holds.
    expect(page.get_by_role("heading", level=1)).to_have_text("Lena")
    expect(page.get_by_text("Lena still holds work")).to_be_visible()
    held = page.locator("#held-cases")
    expect(held).to_contain_text("Open complaints they handle (2)")
    expect(held).to_contain_text(fresh.reference)
    expect(held).to_contain_text(under_way.reference)
    check_axe(page)

    # Deactivating without saying what happens to them is refused.
    page.get_by_role("button", name="Deactivate lena").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Choose what happens to their cases")
    assert get_user_model().objects.get(pk=lena.pk).is_active
    check_axe(page)

    # Reassigned to Sam, all of them, as the account goes.
    page.get_by_label("Reassign them all to another handler").check()
    page.get_by_label("Handler to reassign them to").select_option(label="Sam")
    page.get_by_role("button", name="Deactivate lena").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "lena deactivated: their cases are reassigned"
    )
    expect(page.get_by_role("row", name="Lena")).to_contain_text("Deactivated")
    check_axe(page)

    # The work queue shows the new handler on both; Lena holds nothing, so is not listed.
    page.goto("/cases/?scope=all")
    for complaint in (fresh, under_way):
        expect(page.get_by_role("row", name=complaint.reference)).to_contain_text("Sam")
    expect(page.locator("#handler option", has_text="Lena")).to_have_count(0)
    check_axe(page)

    # The record: both cases Sam's, each assignment an event by Ada; Lena inactive.
    assert not get_user_model().objects.get(pk=lena.pk).is_active
    for complaint in (fresh, under_way):
        assert Complaint.objects.get(pk=complaint.pk).handler == sam
        assigned = Event.objects.filter(subject_id=complaint.pk, action="assigned").last()
        assert (assigned.actor, assigned.payload["handler"]) == (ada, sam.pk)
    assert Complaint.objects.get(pk=under_way.pk).stages.get().handler == sam

    # The next sweep: the reminder is Sam's; nothing, by notice or email, to Lena.
    before = set(Notification.objects.filter(recipient=lena).values_list("pk", flat=True))
    assert main(["sweep", "--as-of", SWEEP_ON.isoformat()]) == 0
    assert set(Notification.objects.filter(recipient=lena).values_list("pk", flat=True)) == before
    assert Notification.objects.filter(recipient=sam, kind=Kind.DUE_SOON).count() == 1
    assert not [m for m in mail.outbox if lena.email in m.to]
    assert [m for m in mail.outbox if sam.email in m.to]
