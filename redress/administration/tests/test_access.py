"""Only administrators use the administration pages: others are sent to sign in or refused."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from redress.administration.models import ClosureDay

# Before the closure the targets name: withdrawing one already passed needs a reason.
pytestmark = [pytest.mark.django_db, pytest.mark.today(dt.date(2026, 12, 2))]

PAGES = ["home", "users", "new-user", "edit-user", "teams", "calendar", "settings"]
POST_ONLY = ["set-active", "withdraw-closure"]


def url(name: str, user_id: int, closure_id: int) -> str:
    if name in ("edit-user", "set-active"):
        return reverse(f"administration:{name}", args=[user_id])
    if name == "withdraw-closure":
        return reverse(f"administration:{name}", args=[closure_id])
    return reverse(f"administration:{name}")


@pytest.fixture
def targets(make_staff):
    person = make_staff("hugo", "handler")
    closure = ClosureDay.objects.create(date=dt.date(2026, 12, 29), reason="Training")
    return person.pk, closure.pk


@pytest.mark.parametrize("name", PAGES + POST_ONLY)
def test_anonymous_people_are_sent_to_sign_in(name, targets):
    address = url(name, *targets)
    response = Client().post(address) if name in POST_ONLY else Client().get(address)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


@pytest.mark.parametrize("role", ["handler", "MRC", "complaints officer"])
@pytest.mark.parametrize("name", PAGES + POST_ONLY)
def test_other_staff_are_refused(name, role, targets, make_staff):
    client = Client()
    client.force_login(make_staff("someone", role))
    address = url(name, *targets)
    response = client.post(address) if name in POST_ONLY else client.get(address)
    assert response.status_code == 403
    assert ClosureDay.objects.get(pk=targets[1]).withdrawn_at is None


@pytest.mark.parametrize("name", PAGES)
def test_administrators_see_every_page(name, targets, admin):
    response = admin.get(url(name, *targets))
    assert response.status_code == 200
    assert b"Administration menu" in response.content


@pytest.mark.parametrize("name", POST_ONLY)
def test_administrators_may_post_the_actions(name, targets, admin):
    response = admin.post(url(name, *targets), {"active": "no"})
    assert response.status_code == 303


def test_a_deactivated_administrator_is_sent_to_sign_in(admin, admin_user):
    admin_user.is_active = False
    admin_user.save()
    assert admin.get("/administration/").status_code == 302


def test_the_landing_page_links_the_three_areas(admin):
    page = admin.get("/administration/").content.decode()
    for name in ("users", "calendar", "settings"):
        assert f'href="/administration/{name}/"' in page
