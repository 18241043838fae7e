"""Each role's menu holds only the areas it may open, and signing in lands there."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


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
    response = client.post("/accounts/login/", {"login": "hana", "password": "x"})
    assert response.status_code == 302 and response.url == "/cases/"


def test_someone_with_no_role_lands_on_the_public_home_page(client, django_user_model):
    django_user_model.objects.create_user("nobody", password="x")
    response = client.post("/accounts/login/", {"login": "nobody", "password": "x"})
    assert response.status_code == 302 and response.url == "/"
