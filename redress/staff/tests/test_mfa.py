"""Staff must use a second factor: enrolment is enforced, and allauth asks for it at sign-in."""

from __future__ import annotations

import re

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.core.cache import cache
from django.test import Client

from redress.conftest import TOTP_SECRET
from redress.staff.mfa import current_code

pytestmark = pytest.mark.django_db

STAFF_PAGES = ["/cases/", "/oversight/", "/administration/", "/staff/api-tokens/", "/admin/"]
OPEN_PAGES = ["/", "/help/", "/annual-report/", "/accounts/2fa/", "/accounts/2fa/totp/activate/"]


def password_step(client: Client, username: str):
    response = client.post("/accounts/login/", {"login": username, "password": "x"})
    assert response.status_code == 302 and response.url == "/accounts/2fa/authenticate/"


@pytest.mark.parametrize("path", STAFF_PAGES)
def test_staff_without_a_second_factor_are_sent_to_enrol(client, make_staff, path):
    user = make_staff("newbie", "complaints officer", "administrator", mfa=False)
    user.is_staff = True
    user.save()
    client.force_login(user)
    response = client.get(path)
    assert response.status_code == 302 and response.url == "/accounts/2fa/"


@pytest.mark.parametrize("path", OPEN_PAGES)
def test_signing_in_enrolling_and_the_residents_pages_stay_open(client, make_staff, path):
    client.force_login(make_staff("newbie", "handler", mfa=False))
    assert client.get(path).status_code in (200, 302)
    assert client.get(path).get("Location", "") != "/accounts/2fa/"


def test_the_enrolment_page_says_why_and_sign_out_still_works(client, make_staff):
    client.force_login(make_staff("newbie", "handler", mfa=False))
    page = client.get("/accounts/2fa/").content.decode()
    assert "Set up a second way to prove it is you" in page
    assert "Set up an authenticator app" in page and "Add a passkey or security key" in page
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/cases/").url.startswith("/accounts/login/")


def test_people_without_a_role_are_not_asked_to_enrol(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("resident", password="x"))
    assert client.get("/cases/").status_code == 403


def test_enrolling_an_authenticator_app_opens_the_staff_pages(client, make_staff):
    make_staff("newbie", "handler", mfa=False)
    response = client.post("/accounts/login/", {"login": "newbie", "password": "x"})
    assert response.url == "/cases/"  # allauth lets the password in; the middleware does not
    assert client.get("/cases/").url == "/accounts/2fa/"
    # allauth asks for the password again before anyone changes how they sign in.
    assert client.get("/accounts/2fa/totp/activate/").url.startswith("/accounts/reauthenticate/")
    client.post("/accounts/reauthenticate/", {"password": "x"})
    page = client.get("/accounts/2fa/totp/activate/").content.decode()
    secret = re.search(r'<code id="totp-secret">([A-Z2-7]+)</code>', page).group(1)
    assert "<svg" in page  # the QR code, inline: no data: image for the CSP to allow
    wrong = client.post("/accounts/2fa/totp/activate/", {"code": "000000"})
    assert wrong.status_code == 200 and "govuk-error-summary" in wrong.content.decode()
    done = client.post("/accounts/2fa/totp/activate/", {"code": current_code(secret)})
    assert done.url == "/accounts/2fa/recovery-codes/"
    codes = client.get(done.url).content.decode()
    assert len(re.findall(r"<li><code>\w+</code></li>", codes)) == 10
    assert client.get("/cases/").status_code == 200


def test_sign_in_asks_for_the_code_and_refuses_a_wrong_one(client, make_staff):
    make_staff("hana", "handler")
    password_step(client, "hana")
    assert client.get("/cases/").url.startswith("/accounts/login/")  # not signed in yet
    page = client.get("/accounts/2fa/authenticate/").content.decode()
    assert "Enter your sign-in code" in page and 'id="id_code"' in page
    wrong = client.post("/accounts/2fa/authenticate/", {"code": "123456"})
    assert wrong.status_code == 200 and "govuk-error-summary" in wrong.content.decode()
    assert client.get("/cases/").url.startswith("/accounts/login/")
    right = client.post("/accounts/2fa/authenticate/", {"code": current_code(TOTP_SECRET)})
    assert right.url == "/cases/" and client.get("/cases/").status_code == 200


def test_a_code_is_accepted_once(make_staff):
    make_staff("hana", "handler")
    code = current_code(TOTP_SECRET)
    first, second = Client(), Client()
    password_step(first, "hana")
    password_step(second, "hana")
    assert first.post("/accounts/2fa/authenticate/", {"code": code}).status_code == 302
    assert second.post("/accounts/2fa/authenticate/", {"code": code}).status_code == 200


def test_a_recovery_code_signs_in_once(client, make_staff):
    user = make_staff("hana", "handler")
    code = RecoveryCodes.activate(user).get_unused_codes()[0]
    password_step(client, "hana")
    assert client.post("/accounts/2fa/authenticate/", {"code": code}).url == "/cases/"
    client.post("/accounts/logout/")
    cache.clear()
    password_step(client, "hana")
    assert client.post("/accounts/2fa/authenticate/", {"code": code}).status_code == 200


def test_mfa_pages_look_like_redress_and_carry_no_inline_script(client, make_staff):
    client.force_login(make_staff("hana", "handler", mfa=False))
    # allauth asks for the password again before changing factors, unless just signed in.
    again = client.get("/accounts/2fa/totp/activate/")
    assert again.url.startswith("/accounts/reauthenticate/")
    pages = {"/accounts/reauthenticate/": client.get(again.url)}
    assert client.post("/accounts/reauthenticate/", {"password": "x"}).status_code == 302
    for path in [
        "/accounts/2fa/",
        "/accounts/2fa/totp/activate/",
        "/accounts/2fa/webauthn/add/",
        "/accounts/2fa/webauthn/",
    ]:
        pages[path] = client.get(path)
    for path, response in pages.items():
        assert response.status_code == 200, path
        html = response.content.decode()
        assert "redress-header" in html and "govuk-heading-l" in html, path
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag, f"inline script on {path}: {tag}"
    add = client.get("/accounts/2fa/webauthn/add/").content.decode()
    assert 'data-passkey="add"' in add and "/static/redress/passkeys.js" in add
    assert "/static/mfa/js/webauthn.js" in add and "&quot;challenge&quot;" in add


def test_staff_can_reach_sign_in_security_from_the_menu(client, make_staff):
    client.force_login(make_staff("hana", "handler"))
    # The menu's Account group opens on sign-in security, which its sub navigation lists.
    assert 'href="/accounts/2fa/">Account' in client.get("/cases/").content.decode()
    account = client.get("/accounts/2fa/").content.decode()
    assert 'href="/accounts/2fa/" aria-current="page">Sign-in security' in account
