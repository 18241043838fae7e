"""The staff interface at a desk (1280 px) and on a phone (375 px), as an officer, a
handler and the Member Responsible for Complaints see it.

At a desk the header is one row: the landlord's name, the groups of the staff menu the
person may open, notifications and signing out; the group's own links below it. On a
phone the menu folds behind its button, and no page scrolls sideways. Every page is in
the landlord's font stack (nothing falls back to the browser's serif) and passes axe.
"""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from redress.conftest import TOTP_SECRET
from redress.staff.mfa import current_code

from .conftest import PASSWORD, check_axe, new_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESK, PHONE = 1280, 375
# The old header stacked its fifteen links in about 450 px; one row is about 70.
ONE_ROW = 120

# Elements whose text is in a font other than the landlord's stack (system-ui first); code
# is in monospace on purpose.
OFF_STACK = """() => {
  const off = [];
  for (const el of document.body.querySelectorAll('*')) {
    const text = Array.from(el.childNodes).some(
      n => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
    if (!text || !el.getClientRects().length || el.closest('code, pre, kbd, samp')) continue;
    const family = getComputedStyle(el).fontFamily;
    if (!family.startsWith('system-ui')) off.push(`${el.tagName}.${el.className}: ${family}`);
  }
  return off;
}"""

SIDEWAYS = "() => document.documentElement.scrollWidth - window.innerWidth"


def sign_in_at(new_page, user, width: int, lands_on: str):
    """A fresh browser of `width` px, signed in; the code page shows no error before any
    attempt (the passkey error was always visible)."""
    page = new_page(viewport={"width": width, "height": 800})
    page.goto("/accounts/login/")
    page.fill("#id_login", user.get_username())
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/accounts/2fa/authenticate/")
    assert page.locator("#passkey-error").count() == 1
    expect(page.locator("#passkey-error")).to_be_hidden()
    expect(page.locator(".govuk-error-message:visible, .govuk-error-summary")).to_have_count(0)
    cache.clear()  # a code is accepted once: forget earlier sign-ins' in this window
    page.fill("#id_code", current_code(TOTP_SECRET))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(lands_on)
    return page


def menu(page) -> list[str]:
    """The staff menu's entries, as the header lists them."""
    items = page.locator("#staff-menu > li")
    return [re.sub(r"\s+", " ", t).strip() for t in items.all_inner_texts()]


def sub_menu(page) -> list[str]:
    return page.locator(".moj-sub-navigation__link").all_inner_texts()


def check_page(page, width: int) -> None:
    """The header fits, the page is in the landlord's fonts, and axe finds nothing serious."""
    header = page.locator("header").bounding_box()
    if width == DESK:
        assert header["height"] < ONE_ROW, f"{page.url}: header {header['height']} px high"
        tops = {round(box["y"]) for box in _boxes(page, "#staff-menu > li")}
        name = page.locator(".govuk-service-navigation__service-name").bounding_box()
        assert len(tops) == 1 and abs(tops.pop() - name["y"]) < 20, "one row"
    else:
        # Folded: the landlord's name and the Menu button, nothing else.
        expect(page.locator("#staff-menu")).to_be_hidden()
        expect(page.get_by_role("button", name="Menu")).to_be_visible()
        assert header["height"] < ONE_ROW, f"{page.url}: header {header['height']} px high"
    assert page.evaluate(SIDEWAYS) <= 0, f"{page.url} scrolls sideways at {width} px"
    assert page.evaluate(OFF_STACK) == [], page.url
    check_axe(page)


def _boxes(page, selector: str) -> list[dict]:
    found = page.locator(selector)
    return [found.nth(i).bounding_box() for i in range(found.count())]


def open_the_menu(page) -> None:
    """On a phone: the Menu button unfolds the list, one entry a line, inside the screen."""
    button = page.get_by_role("button", name="Menu")
    expect(button).to_have_attribute("aria-expanded", "false")
    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#staff-menu")).to_be_visible()
    boxes = _boxes(page, "#staff-menu > li")
    assert len({round(box["y"]) for box in boxes}) == len(boxes)  # stacked
    assert all(box["x"] + box["width"] <= PHONE for box in boxes)
    assert page.evaluate(SIDEWAYS) <= 0
    check_axe(page)


@pytest.mark.parametrize("width", [DESK, PHONE])
def test_the_officers_work_queue_case_and_letter(new_page, officer, handler, width):
    complaint = new_case(officer, handler)
    new_case(officer)
    page = sign_in_at(new_page, officer, width, "**/cases/")
    assert menu(page) == ["Case work", "Oversight", "Account", "Notifications", "Sign out olive"]

    page.goto("/cases/?scope=all")
    expect(page.get_by_role("link", name=complaint.reference)).to_be_visible()
    assert sub_menu(page)[:2] == ["Work queue", "Search"]
    expect(
        page.get_by_role("navigation", name="Case work").get_by_role("link", name="Work queue")
    ).to_have_attribute("aria-current", "page")
    check_page(page, width)
    if width == PHONE:
        open_the_menu(page)

    page.get_by_role("link", name=complaint.reference).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Complaint {complaint.reference}")
    # The case sits under the work queue and case work.
    work_queue = page.get_by_role("link", name="Work queue", exact=True)
    expect(work_queue).to_have_attribute("aria-current", "true")
    check_page(page, width)

    # A case-work form, with the letter's preview in the landlord's font.
    page.get_by_role("link", name="Write a letter").click()
    page.get_by_label("Letter", exact=True).select_option(label="Acknowledgement")
    page.get_by_role("button", name="Preview").click()
    expect(page.locator("#preview")).to_be_visible()
    check_page(page, width)


@pytest.mark.parametrize("width", [DESK, PHONE])
def test_a_handler_sees_case_work_and_account_only(new_page, officer, handler, width):
    complaint = new_case(officer, handler)
    page = sign_in_at(new_page, handler, width, "**/cases/")
    # Told of the case assigned to her: the count is in the menu.
    assert menu(page) == ["Case work", "Account", "Notifications 1 unread", "Sign out harriet"]
    expect(page.get_by_role("link", name=complaint.reference)).to_be_visible()
    check_page(page, width)

    page.goto(f"/cases/{complaint.reference}/")
    check_page(page, width)

    page.goto("/accounts/2fa/")
    assert sub_menu(page) == ["Sign-in security", "API tokens"]
    check_page(page, width)


@pytest.mark.parametrize("width", [DESK, PHONE])
def test_the_mrc_sees_oversight_and_account_only(new_page, make_staff, width):
    mrc = make_staff("morwenna", "MRC")
    page = sign_in_at(new_page, mrc, width, "**/oversight/")
    assert menu(page) == ["Oversight", "Account", "Notifications", "Sign out morwenna"]
    assert sub_menu(page) == ["Summary", "Dashboard", "Trends", "Self-assessment", "Annual report"]
    check_page(page, width)

    page.goto("/oversight/dashboard/")
    expect(page.get_by_role("link", name="Dashboard")).to_have_attribute("aria-current", "page")
    check_page(page, width)
