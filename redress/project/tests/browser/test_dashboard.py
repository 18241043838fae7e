"""The MRC's dashboard in the browser: charts load as images, tables beneath, axe passes."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import expect

from .conftest import check_axe, escalated, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_mrc_opens_the_dashboard(page, officer, handler, make_staff):
    complaint = escalated(officer, handler)
    mrc = make_staff("morwenna", "MRC")
    sign_in(page, mrc, lands_on="**/oversight/")
    page.get_by_role("link", name="Dashboard", exact=True).click()
    page.wait_for_url("**/oversight/dashboard/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Complaints dashboard")
    expect(page.locator("#volumes caption")).to_be_visible()
    # Every chart loaded as an image (a broken one has no natural width).
    images = page.locator("main img")
    assert images.count() == 10
    page.wait_for_load_state("networkidle")
    widths = images.evaluate_all("all => all.map(i => i.complete && i.naturalWidth)")
    assert all(widths), widths
    if os.environ.get("DASHBOARD_SCREENSHOT"):
        page.screenshot(path=os.environ["DASHBOARD_SCREENSHOT"], full_page=True)
    text = page.content()
    check_axe(page)
    assert complaint.reference not in text
    for secret in ("Ada Jones", "SE1 7PB", "harriet", "olive"):
        assert secret not in text

    # The dates: a bad one is named in the error summary, next to its field.
    page.fill("#id_from-day", "31")
    page.fill("#id_from-month", "2")
    page.get_by_role("button", name="Show this period").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("From must be a real date")
    check_axe(page)
