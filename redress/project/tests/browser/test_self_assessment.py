"""The self-assessment in the browser: draft → sign-off → review → approval → publication,
with axe on each kind of page."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from redress.assessments import services
from redress.record.checks import today

from .conftest import check_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def signed_in(page, user, live_server):
    """A session made without the sign-in form (allauth limits sign-ins per address)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )
    return page


def test_a_self_assessment_from_draft_to_publication(new_page, officer, make_staff, live_server):
    lead = make_staff("sara", "senior lead")
    year = services.current_year()
    assessment = services.start_version(actor=officer, year=year, trigger="annual")
    services.save_section(
        assessment.pk,
        actor=officer,
        answers={
            # A "yes" the records contradict (here 9.4, 9.5, 9.7: nobody holds those roles
            # yet) is signed off only with commentary that explains it.
            a.number: {"comply": "yes", "commentary": "Appointed since." if a.shortfall else ""}
            for a in assessment.answers.exclude(number="6.13")
        },
    )
    page = signed_in(new_page(), officer, live_server)

    page.goto("/self-assessment/")
    check_axe(page)
    page.get_by_role("link", name="Version 1").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("version 1")
    check_axe(page)

    page.get_by_role("link", name="Section 6: Complaints Stages").click()
    check_axe(page)
    drafted = page.locator("#drafted-6\\.13")
    expect(drafted).to_contain_text(f"Drafted by Redress from the records for {assessment.label}")
    page.locator("#provision-6\\.13").get_by_label("Yes").check()
    drafted.get_by_role("button").click()
    expect(page.get_by_label("Evidence for provision 6.13")).to_have_value(
        re.compile(f"^From our complaint records for {re.escape(assessment.label)}: ")
    )
    page.get_by_role("link", name="Back to the overview").click()
    page.get_by_role("button", name="Sign off and send for review").click()
    expect(page.locator("#summary")).to_contain_text("With the senior lead for review")

    page = signed_in(new_page(), lead, live_server)
    page.goto(f"/self-assessment/{assessment.pk}/")
    page.get_by_role("link", name="Review the self-assessment").click()
    check_axe(page)
    page.get_by_role("button", name="Accept: ready for the governing body").click()
    page.get_by_role("link", name="Record the governing body's approval").click()
    page.get_by_role("button", name="Record the approval").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check_axe(page)
    page.get_by_label("Day").fill(str(today().day))
    page.get_by_label("Month").fill(str(today().month))
    page.get_by_label("Year").fill(str(today().year))
    page.get_by_label("Minute reference").fill("GB/2026/14")
    page.get_by_role("button", name="Record the approval").click()
    page.get_by_role("button", name="Publish the self-assessment").click()
    expect(page.locator("#summary")).to_contain_text("Published")

    page = new_page()
    page.goto(f"/self-assessment/published/{year}/")
    expect(page.locator("#approval")).to_contain_text("GB/2026/14")
    check_axe(page)
