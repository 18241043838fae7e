"""An administrator signs in, creates a handler, and every administration page passes axe."""

from __future__ import annotations

import struct
import zlib

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from redress.administration import services
from redress.staff.roles import roles_of

from .conftest import PASSWORD, check_axe, enter_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def one_pixel_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x1d\x4f\x6b")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def test_an_administrator_creates_a_handler(page, make_staff):
    admin = make_staff("ada", "administrator")
    services.save_landlord_settings(
        actor=admin,
        name="Riverside Homes",
        brand="#1d4f6b",
        brand_text="#ffffff",
        accent="#f3b61f",
        logo=one_pixel_png(),
    )

    page.goto("/administration/")
    page.fill("#id_login", admin.get_username())
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    enter_code(page)
    page.wait_for_url("**/administration/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Administration")
    expect(page.locator("img.redress-header__logo")).to_be_visible()  # decorative: the name follows
    check_axe(page)

    page.get_by_role("link", name="Users", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Users")
    check_axe(page)

    page.get_by_role("button", name="Create a user").click()
    page.get_by_role("button", name="Create the user").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter username")
    check_axe(page)

    page.fill("#id_username", "harriet")
    page.fill("#id_first_name", "Harriet")
    page.fill("#id_last_name", "Vane")
    page.fill("#id_email", "harriet@example.org")
    page.fill("#id_password", "plover-candle-9-harbour")
    page.get_by_label("Handler", exact=True).check()
    page.get_by_role("button", name="Create the user").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("harriet")
    check_axe(page)
    assert roles_of(get_user_model().objects.get(username="harriet")) == {"handler"}

    page.get_by_role("link", name="Harriet Vane").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Harriet Vane")
    check_axe(page)

    for link, heading in (
        ("Teams", "Teams"),
        ("Calendar", "Calendar"),
        ("Landlord settings", "Landlord settings"),
    ):
        page.get_by_role("navigation", name="Administration menu").get_by_role(
            "link", name=link
        ).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        check_axe(page)
