"""In the browser: a complaints officer records a referral and a finding; axe on each page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import acknowledged, check_axe, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_officer_records_a_referral_and_a_finding(page, officer, handler):
    complaint = acknowledged(officer, handler)
    sign_in(page, officer)
    page.get_by_role("link", name="Ombudsman cases").click()
    check_axe(page)
    page.get_by_label("Complaint reference").fill(complaint.reference)
    page.get_by_label("Ombudsman's reference").fill("HOS-1")
    today = complaint.received_on
    page.locator("#id_referral-referred_on-day").fill(str(today.day))
    page.locator("#id_referral-referred_on-month").fill(str(today.month))
    page.locator("#id_referral-referred_on-year").fill(str(today.year))
    page.get_by_role("button", name="Record the referral").click()
    page.get_by_role("link", name="HOS-1").click()
    page.get_by_text("Record a finding").click()
    check_axe(page)
    page.get_by_label("Element of the complaint").fill("Repairs")
    page.get_by_label("Finding").select_option("service_failure")
    page.locator("#id_determination-determined_on-day").fill(str(today.day))
    page.locator("#id_determination-determined_on-month").fill(str(today.month))
    page.locator("#id_determination-determined_on-year").fill(str(today.year))
    page.get_by_role("button", name="Record the finding").click()
    expect(page.get_by_text("Repairs: Service failure")).to_be_visible()
