"""Each role's menu holds only the areas it may open, and signing in lands there."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from redress.conftest import TOTP_SECRET
from redress.staff.mfa import current_code

pytestmark = pytest.mark.django_db


def sign_in(client, username: str):
    """Password, then the authenticator code allauth asks for next: the final redirect."""
    response = client.post("/accounts/login/", {"login": username, "password": "x"})
    assert response.status_code == 302 and response.url == "/accounts/2fa/authenticate/"
    cache.clear()  # a code is accepted once; tests may sign in twice in one 30 s window
    return client.post("/accounts/2fa/authenticate/", {"code": current_code(TOTP_SECRET)})


def menu(client, user) -> str:
    client.force_login(user)
    html = client.get("/cases/").content.decode()
    start = html.index('aria-label="Staff menu"')
    return html[start : html.index("</nav>", start)]


def test_a_handler_sees_case_work_but_not_oversight_or_administration(client, make_staff):
    nav = menu(client, make_staff("hana", "handler"))
    assert "Work queue" in nav and "Search" in nav and "Service requests" in nav
    assert "Oversight" not in nav and "Administration" not in nav
    assert 'aria-current="page">Work queue' in nav


def test_a_handler_signing_in_lands_on_the_work_queue(client, make_staff):
    make_staff("hana", "handler")
    response = sign_in(client, "hana")
    assert response.status_code == 302 and response.url == "/cases/"


def test_someone_with_no_role_lands_on_the_public_home_page(client, django_user_model):
    django_user_model.objects.create_user("nobody", password="x")
    response = client.post("/accounts/login/", {"login": "nobody", "password": "x"})
    assert response.status_code == 302 and response.url == "/"


CASEWORK_MENU = ["Work queue", "Search", "Service requests", "Oversight"]


@pytest.mark.parametrize(
    ("role", "home", "menu_items"),
    [
        ("MRC", "/oversight/", ["Oversight"]),
        ("governing body", "/oversight/", ["Oversight"]),
        ("administrator", "/administration/", ["Administration"]),
        ("complaints officer", "/cases/", CASEWORK_MENU),
    ],
)
def test_each_role_lands_on_its_own_area_with_its_own_menu(
    client, make_staff, role, home, menu_items
):
    make_staff("ada", role)
    response = sign_in(client, "ada")
    assert response.status_code == 302 and response.url == home
    html = client.get(home).content.decode()
    start = html.index('aria-label="Staff menu"')
    nav = html[start : html.index("</nav>", start)]
    labels = ["Work queue", "Search", "Service requests", "Oversight", "Administration"]
    assert [label for label in labels if f">{label}</a>" in nav] == menu_items
