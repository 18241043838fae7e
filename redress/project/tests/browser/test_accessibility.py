"""WCAG 2.2 AA checks in the browser: axe-core on the main pages, the sign-in
form by keyboard alone, and reflow at 320 CSS pixels (WCAG 1.4.10).

axe fails a test on any serious or critical violation; moderate and minor
ones are left to review.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from redress.conftest import TOTP_SECRET
from redress.staff.mfa import current_code

from .conftest import acknowledged, check_axe, new_case, open_action, open_all_actions, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NARROW = {"width": 320, "height": 640}


def test_axe_sign_in_page(page):
    page.goto("/accounts/login/")
    check_axe(page)


def test_axe_sign_in_page_with_errors(page, handler):
    page.goto("/accounts/login/")
    page.fill("#id_login", handler.get_username())
    page.fill("#id_password", "wrong")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check_axe(page)


def test_axe_home_page(page):
    page.goto("/")
    check_axe(page)


@pytest.mark.parametrize(
    "path", ["/complaints-policy/", "/help/", "/make-a-complaint/", "/check-a-complaint/"]
)
def test_axe_public_pages(page, path):
    page.goto(path)
    check_axe(page)


def test_axe_complaint_form_with_errors_and_reflow(page):
    page.goto("/make-a-complaint/")
    page.locator("form button[type=submit]").last.click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check_axe(page)
    page.set_viewport_size(NARROW)
    assert scroll_width(page) <= NARROW["width"] + 1


def test_axe_work_queue(page, officer, handler):
    new_case(officer, handler)
    acknowledged(officer, handler)
    sign_in(page, handler)
    expect(page.locator("table.govuk-table tbody tr")).to_have_count(2)
    check_axe(page)


@pytest.mark.parametrize("state", ["received", "acknowledged"])
def test_axe_case_page_with_every_action_open(page, officer, handler, state):
    complaint = (
        new_case(officer, handler) if state == "received" else acknowledged(officer, handler)
    )
    sign_in(page, handler)
    page.goto(f"/cases/{complaint.reference}/")
    assert open_all_actions(page) >= 4
    check_axe(page)


def test_axe_case_page_after_a_refused_command(page, officer, handler):
    complaint = new_case(officer, handler)
    sign_in(page, handler)
    page.goto(f"/cases/{complaint.reference}/")
    open_action(page, "accept").get_by_role("button", name="Accept").click()
    # Acknowledging with nothing filled in is refused: the error summary and
    # the field errors are shown, and the form stays open.
    open_action(page, "acknowledge").get_by_role("button", name="Acknowledge").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    expect(page.locator("#id_acknowledge-points-error")).to_be_visible()
    check_axe(page)


def focused(page) -> str:
    """What has the keyboard focus: its id, else its tag, class and text."""
    return page.evaluate(
        "() => { const e = document.activeElement;"
        " return e.id ? '#' + e.id"
        " : `${e.tagName.toLowerCase()}.${e.className}:${e.textContent.trim()}`; }"
    )


def test_sign_in_by_keyboard_alone(page, handler):
    page.goto("/accounts/login/")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.classList.contains('govuk-skip-link')")
    seen = []
    for _ in range(15):
        page.keyboard.press("Tab")
        seen.append(focused(page))
        if seen[-1] == "#id_login":
            break
    assert seen[-1] == "#id_login", f"Tab never reached the username; went through {seen}"
    page.keyboard.type(handler.get_username())
    page.keyboard.press("Tab")
    assert focused(page) == "#id_password"
    page.keyboard.type("x")
    page.keyboard.press("Tab")
    assert page.evaluate(
        "() => document.activeElement.tagName === 'BUTTON'"
        " && document.activeElement.textContent.trim() === 'Sign in'"
    )
    page.keyboard.press("Shift+Tab")
    assert focused(page) == "#id_password"
    page.keyboard.press("Enter")
    page.wait_for_url("**/accounts/2fa/authenticate/")
    cache.clear()  # a code is accepted once
    for _ in range(15):
        page.keyboard.press("Tab")
        if focused(page) == "#id_code":
            break
    assert focused(page) == "#id_code"
    page.keyboard.type(current_code(TOTP_SECRET))
    page.keyboard.press("Enter")
    page.wait_for_url("**/cases/")
    expect(page.get_by_role("heading", level=1)).to_have_text("My cases")


def scroll_width(page) -> int:
    return page.evaluate("() => document.documentElement.scrollWidth")


def test_case_page_reflows_at_320_pixels(new_page, officer, handler):
    complaint = acknowledged(officer, handler)
    page = new_page(viewport=NARROW)
    sign_in(page, handler)
    page.goto(f"/cases/{complaint.reference}/")
    open_all_actions(page)
    assert scroll_width(page) <= NARROW["width"] + 1


def test_work_queue_reflows_at_320_pixels(new_page, officer, handler):
    new_case(officer, handler)
    page = new_page(viewport=NARROW)
    sign_in(page, handler)
    expect(page.locator("table.govuk-table tbody tr")).to_have_count(1)
    assert scroll_width(page) <= NARROW["width"] + 1
