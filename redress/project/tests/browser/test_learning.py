"""Learning pages in the browser: accessible (axe), and the figures pages name nobody."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from redress.cases import services
from redress.cases.models import Category
from redress.cases.tests.factories import by_letter
from redress.learning import models as learning
from redress.learning.defaults import seed

from .conftest import acknowledged, check_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def taxonomies():
    # Transactional tests flush the database, data migrations' rows included.
    seed(Category, learning.Cause)


def signed_in(page, user, live_server):
    """The page with a session for `user`, made without the sign-in form: the suite's other
    browser tests already sign in through it, and allauth limits sign-ins per address."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )
    return page


def test_case_work_learning_pages(page, officer, handler, live_server):
    complaint = acknowledged(officer, handler)
    services.respond(
        complaint.reference,
        actor=handler,
        decisions=[{"point": "Damp not fixed", "decision": "upheld"}],
        reasons="The repair was late.",
        communication=by_letter(),
    )
    signed_in(page, officer, live_server)

    page.goto(f"/cases/{complaint.reference}/")
    page.get_by_role("link", name="Record the root causes of the upheld points").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Root causes of the upheld points")
    check_axe(page)
    page.get_by_label("Repair delay").check()
    page.get_by_role("button", name="Save the root cause").click()
    expect(page.locator(".govuk-notification-banner, .govuk-body").first).to_be_visible()
    expect(page.get_by_text("Recorded: Repair delay")).to_be_visible()

    page.goto("/learning/lessons/new/")
    check_axe(page)
    page.get_by_label("Lesson", exact=True).fill("Damp checks were missed")
    page.get_by_label("Service improvement").fill("Every repair visit checks for damp")
    page.get_by_label("Complaints behind it").fill(complaint.reference)
    page.get_by_label("Proposed").check()
    page.get_by_role("button", name="Record the lesson").click()
    page.wait_for_url("**/learning/")
    check_axe(page)
    page.get_by_role("link", name="Damp checks were missed").click()
    check_axe(page)

    for path in ("/learning/report/", "/learning/trends/"):
        page.goto(path)
        text = page.content()
        check_axe(page)
        assert complaint.reference not in text and "Ada Jones" not in text


def test_the_mrc_and_the_administrator(page, new_page, make_staff, live_server):
    signed_in(page, make_staff("morwenna", "MRC"), live_server)
    for path in ("/learning/trends/", "/learning/report/"):
        page.goto(path)
        check_axe(page)

    admin_page = signed_in(new_page(), make_staff("ada", "administrator"), live_server)
    admin_page.goto("/administration/")
    admin_page.get_by_role("link", name="Complaint categories").click()
    check_axe(admin_page)
    admin_page.get_by_label("Category name").fill("Gas safety")
    admin_page.get_by_role("button", name="Add the category").click()
    expect(admin_page.locator("#categories")).to_contain_text("Gas safety")
    admin_page.get_by_role("button", name="Deactivate Gas safety").click()
    expect(admin_page.locator("#categories")).to_contain_text("Deactivated")
    admin_page.get_by_role("link", name="Rename Repairs").click()
    check_axe(admin_page)
