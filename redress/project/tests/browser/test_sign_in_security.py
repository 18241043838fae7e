"""A new staff member must enrol a second factor: here a passkey, through allauth's pages in
Redress's clothes, with allauth's WebAuthn script served as static files (no inline script),
against Chromium's virtual authenticator; then signing in asks for the passkey."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import PASSWORD, check_axe

pytestmark = pytest.mark.browser


def virtual_authenticator(page) -> None:
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    options = {
        "protocol": "ctap2",
        "transport": "internal",
        "hasResidentKey": True,
        "hasUserVerification": True,
        "isUserVerified": True,
    }
    cdp.send("WebAuthn.addVirtualAuthenticator", {"options": options})


def password_step(page, user) -> None:
    page.goto("/accounts/login/")
    page.fill("#id_login", user.get_username())
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_a_new_handler_enrols_a_passkey_and_signs_in_with_it(page, make_staff):
    newbie = make_staff("newbie", "handler", mfa=False)
    virtual_authenticator(page)
    password_step(page, newbie)
    page.wait_for_url("**/accounts/2fa/")  # sent to enrol, not to the work queue
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign-in security")
    check_axe(page)
    page.get_by_role("link", name="Add a passkey or security key").click()
    page.wait_for_url("**/accounts/reauthenticate/**")
    check_axe(page)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url("**/accounts/2fa/webauthn/add/")
    check_axe(page)
    page.fill("#id_name", "Work laptop")
    page.get_by_role("button", name="Add the passkey or security key").click()
    page.wait_for_url("**/accounts/2fa/recovery-codes/")
    expect(page.locator("#recovery-codes li")).to_have_count(10)
    check_axe(page)
    page.goto("/cases/")
    expect(page.get_by_role("heading", level=1)).to_have_text("My cases")

    page.get_by_role("button", name="Sign out newbie").click()
    password_step(page, newbie)
    page.wait_for_url("**/accounts/2fa/authenticate/")
    check_axe(page)
    page.get_by_role("button", name="Use a passkey or security key").click()
    page.wait_for_url("**/cases/")
    expect(page.get_by_role("heading", level=1)).to_have_text("My cases")


def test_without_javascript_the_code_is_asked_and_no_passkey_button_shows(new_page, make_staff):
    page = new_page(java_script_enabled=False)
    password_step(page, make_staff("hana", "handler"))
    page.wait_for_url("**/accounts/2fa/authenticate/")
    expect(page.get_by_label("Code")).to_be_visible()
    expect(page.get_by_role("button", name="Use a passkey or security key")).to_be_hidden()
