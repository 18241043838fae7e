"""The staff work queue page and staff sign-in."""

from __future__ import annotations

import datetime as dt

import pytest

from redress.cases import services
from redress.code.london import LONDON
from redress.intake.services import create_resident

pytestmark = pytest.mark.django_db


def complaint(actor, received: dt.date, name: str, handler=None):
    resident = create_resident(actor=actor, name=name)
    case = services.open_complaint(
        actor=actor,
        resident=resident,
        summary="Damp",
        received_at=dt.datetime.combine(received, dt.time(10), tzinfo=LONDON),
    )
    if handler is not None:
        services.assign(case.reference, actor=actor, handler_id=handler.pk)
    return case.reference


@pytest.fixture
def signed_in(client, make_staff):
    user = make_staff("hana", "handler")
    client.force_login(user)
    return client, user


def test_sign_in_page_and_login_required(client, make_staff):
    assert client.get("/").status_code == 200
    response = client.get("/cases/")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    page = client.get("/accounts/login/")
    assert page.status_code == 200 and b"Sign in" in page.content
    signup = client.get("/accounts/signup/")  # staff accounts are made, never signed up for
    assert "account/signup_closed.html" in [t.name for t in signup.templates]
    make_staff("sam")
    response = client.post("/accounts/login/", {"login": "sam", "password": "wrong"})
    assert response.status_code == 200 and b"govuk-error-summary" in response.content
    response = client.post("/accounts/login/", {"login": "sam", "password": "x"})
    assert response.status_code == 302 and response.url == "/cases/"


def test_queue_orders_overdue_first_and_counts_buckets(signed_in, make_staff):
    client, me = signed_in
    other = make_staff("olu", "handler")
    # Received Thu 1 Oct 2026: acknowledge by Thu 8 Oct, long overdue on 24 Nov.
    late = complaint(me, dt.date(2026, 10, 1), "Ada Late", handler=me)
    fresh = complaint(me, dt.date(2026, 11, 23), "Ben Fresh", handler=me)
    theirs = complaint(me, dt.date(2026, 11, 20), "Cy Theirs", handler=other)

    page = client.get("/cases/").content.decode()
    assert page.index(late) < page.index(fresh)
    assert theirs not in page
    assert "Overdue by" in page
    assert "Overdue (1)" in page and "All open (2)" in page

    everyone = client.get("/cases/?scope=all").content.decode()
    assert theirs in everyone and "All open (3)" in everyone

    overdue = client.get("/cases/?scope=all&due=overdue").content.decode()
    assert late in overdue and fresh not in overdue
    assert client.get("/cases/?scope=all&stage=2").content.decode().count("CMP-") == 0


def test_non_staff_are_refused(client, django_user_model):
    resident_user = django_user_model.objects.create_user("res", password="x")
    client.force_login(resident_user)
    assert client.get("/cases/").status_code == 403


def test_brand_colours_are_a_stylesheet(client, settings):
    settings.REDRESS_BRAND = {"brand": "#123456", "brand_text": "#fff", "accent": "#abcdef"}
    response = client.get("/brand.css")
    assert response["Content-Type"].startswith("text/css")
    assert b"--redress-brand:#123456" in response.content
