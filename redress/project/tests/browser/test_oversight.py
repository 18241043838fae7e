"""The MRC in the browser: figures on an accessible page, no names, no case files."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .conftest import PASSWORD, check_axe, enter_code, escalated, new_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_mrc_sees_figures_only(page, officer, handler, make_staff):
    cases = [new_case(officer, handler), escalated(officer, handler)]
    mrc = make_staff("morwenna", "MRC")

    # Signing in from the page itself: wherever the role would land them, `next` wins.
    page.goto("/oversight/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/oversight/$"))
    page.fill("#id_login", mrc.get_username())
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    enter_code(page)
    page.wait_for_url("**/oversight/")

    expect(page.get_by_role("heading", level=1)).to_contain_text("Complaint handling")
    expect(page.locator("#received caption")).to_be_visible()
    text = page.content()  # before axe adds its script, which names colours like olive
    check_axe(page)
    for complaint in cases:
        assert complaint.reference not in text
    for secret in ("Ada Jones", "SE1 7PB", "Damp", "harriet", "Harriet", "olive", "Olive"):
        assert secret not in text

    response = page.goto("/cases/")
    assert response.status == 403
