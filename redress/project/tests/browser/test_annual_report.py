"""The published annual report in the browser: an accessible public page with its downloads."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from redress.oversight.annual_report import exceptional
from redress.oversight.annual_report import services as annual_report
from redress.oversight.tests.annual_fixtures import published_assessment

from .conftest import check_axe, escalated

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_public_report_page_is_accessible(page, officer, handler):
    escalated(officer, handler)
    year = 2026
    published_assessment(year)
    annual_report.save_analysis(year, actor=officer, analysis="Complaints rose in October.")
    annual_report.record_reported(
        year, actor=officer, reported_on=dt.date(2026, 11, 2), minute_reference="Board 7"
    )
    annual_report.record_response(
        year, actor=officer, response="The board welcomes it.", response_on=dt.date(2026, 11, 9)
    )
    annual_report.publish(year, actor=officer)
    notice = exceptional.create_notice(
        actor=officer,
        what_happened="Our systems are offline after a cyber incident.",
        since=dt.date(2026, 11, 1),
        ombudsman_informed_on=dt.date(2026, 11, 2),
        who_is_affected="Residents with open complaints",
        return_by=dt.date(2027, 1, 15),
    )
    exceptional.publish_notice(notice.pk, actor=officer)

    page.goto("/")
    page.get_by_role("link", name="Read our annual complaints reports").click()
    page.get_by_role("link", name="Annual complaints report 2026/27").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("2026/27")
    expect(page.get_by_role("region", name="Important")).to_contain_text("15 January 2027")
    expect(page.locator("#volumes caption")).to_be_visible()
    expect(page.get_by_role("heading", name="The governing body's response")).to_be_visible()
    expect(page.get_by_text("The board welcomes it.")).to_be_visible()
    check_axe(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF version of this report").click()
    assert download.value.suggested_filename.endswith(".pdf")
