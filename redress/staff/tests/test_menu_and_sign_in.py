"""Each role's menu holds only the areas it may open, and signing in lands there."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.test import Client

from redress.cases import services
from redress.conftest import TOTP_SECRET
from redress.intake.services import create_resident
from redress.staff.menu import staff_menu
from redress.staff.mfa import current_code

pytestmark = pytest.mark.django_db


def sign_in(client, username: str):
    """Password, then the authenticator code allauth asks for next: the final redirect."""
    response = client.post("/accounts/login/", {"login": username, "password": "x"})
    assert response.status_code == 302 and response.url == "/accounts/2fa/authenticate/"
    cache.clear()  # a code is accepted once; tests may sign in twice in one 30 s window
    return client.post("/accounts/2fa/authenticate/", {"code": current_code(TOTP_SECRET)})


def nav(html: str, label: str) -> str:
    """The <nav> labelled `label` in a page."""
    start = html.index(f'aria-label="{label}"')
    return html[start : html.index("</nav>", start)]


def links(part: str) -> list[str]:
    """The words of each link (a current one is in <strong>), in order."""
    return re.findall(r">([^<>]+)(?:</strong>)?</a>", part)


def page_as(client, user, path: str = "/cases/") -> str:
    client.force_login(user)
    return client.get(path).content.decode()


def test_a_handler_sees_case_work_but_not_oversight_or_administration(client, make_staff):
    html = page_as(client, make_staff("hana", "handler"))
    assert links(nav(html, "Staff menu")) == ["Case work", "Account", "Notifications"]
    case_work = nav(html, "Case work")
    assert links(case_work)[:2] == ["Work queue", "Search"] and "Service requests" in case_work
    assert "Oversight" not in html and "Administration" not in html
    assert 'aria-current="page">Work queue' in case_work


def test_a_case_and_its_letters_are_under_the_work_queue_and_case_work(client, make_staff):
    handler, officer = make_staff("hana", "handler"), make_staff("olive", "complaints officer")
    resident = create_resident(actor=officer, name="Ada Jones", postcode="SE1 7PB")
    complaint = services.open_complaint(
        actor=officer, resident=resident, summary="Damp", channel="phone"
    )
    services.assign(complaint.reference, actor=officer, handler_id=handler.pk)
    html = page_as(client, handler, f"/cases/{complaint.reference}/")
    assert (
        'aria-current="true"><strong class="govuk-service-navigation__active-fallback">Case work'
        in nav(html, "Staff menu")
    )
    assert 'aria-current="true">Work queue' in nav(html, "Case work")
    assert 'aria-current="page"' not in html
    # A letter on the case is case work too, though its path is not under /cases/.
    letter = client.get(f"/letters/{complaint.reference}/new/").content.decode()
    assert 'aria-current="true">Work queue' in nav(letter, "Case work")


def test_the_oversight_pages_show_the_oversight_links(client, make_staff):
    html = page_as(client, make_staff("mo", "MRC"), "/oversight/dashboard/")
    assert links(nav(html, "Staff menu")) == ["Oversight", "Account", "Notifications"]
    oversight = nav(html, "Oversight")
    assert links(oversight) == [
        "Summary",
        "Dashboard",
        "Trends",
        "Self-assessment",
        "Annual report",
    ]
    assert 'aria-current="page">Dashboard' in oversight


def test_a_group_with_one_link_has_no_sub_navigation(client, make_staff):
    html = page_as(client, make_staff("ad", "administrator"), "/administration/")
    assert links(nav(html, "Staff menu")) == ["Administration", "Account", "Notifications"]
    assert "moj-sub-navigation" not in html


def test_the_menu_lists_only_what_each_role_may_open(rf, make_staff):
    """Every link the menu offers opens for that person: the menu and the views agree."""
    for roles in (("handler",), ("complaints officer",), ("MRC",), ("administrator",)):
        user = make_staff("_".join(roles).replace(" ", "_"), *roles)
        request = rf.get("/")
        request.user = user
        client = Client()
        client.force_login(user)
        for item in staff_menu(request)["staff_menu"]:
            assert client.get(item["url"]).status_code == 200, (roles, item["label"])


def test_a_handler_signing_in_lands_on_the_work_queue(client, make_staff):
    make_staff("hana", "handler")
    response = sign_in(client, "hana")
    assert response.status_code == 302 and response.url == "/cases/"


def test_someone_with_no_role_lands_on_the_public_home_page(client, django_user_model):
    django_user_model.objects.create_user("nobody", password="x")
    response = client.post("/accounts/login/", {"login": "nobody", "password": "x"})
    assert response.status_code == 302 and response.url == "/"


@pytest.mark.parametrize(
    ("role", "home", "menu_items"),
    [
        ("MRC", "/oversight/", ["Oversight", "Account"]),
        ("governing body", "/oversight/", ["Oversight", "Account"]),
        ("administrator", "/administration/", ["Administration", "Account"]),
        ("complaints officer", "/cases/", ["Case work", "Oversight", "Account"]),
    ],
)
def test_each_role_lands_on_its_own_area_with_its_own_menu(
    client, make_staff, role, home, menu_items
):
    make_staff("ada", role)
    response = sign_in(client, "ada")
    assert response.status_code == 302 and response.url == home
    html = client.get(home).content.decode()
    assert links(nav(html, "Staff menu")) == [*menu_items, "Notifications"]
