"""Failed sign-ins are limited in the shared database cache; sessions expire; cookies are safe."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from redress.project.settings import base

pytestmark = pytest.mark.django_db


def fail(client, username: str):
    return client.post("/accounts/login/", {"login": username, "password": "wrong"})


# The test settings turn limits off (browser tests sign in many times); this test turns on
# the production limit.
@override_settings(ACCOUNT_RATE_LIMITS={"login_failed": "10/m/ip,5/300s/key"})
def test_failed_sign_ins_are_limited_per_username_in_the_shared_cache(client, make_staff):
    make_staff("hana", "handler")
    for _ in range(5):
        assert b"govuk-error-summary" in fail(client, "hana").content
    response = client.post("/accounts/login/", {"login": "hana", "password": "x"})
    # Refused even with the right password, until the window passes.
    assert response.status_code == 200 and b"Too many failed login attempts" in response.content
    # The counts are rows in the database every process shares, not one worker's memory.
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM redress_cache")
        assert any("login_failed" in key for (key,) in cursor.fetchall())


def test_every_environment_shares_one_database_cache_and_limits_sign_ins():
    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    assert "login_failed" in base.ACCOUNT_RATE_LIMITS  # production and dev inherit it


def test_an_idle_session_expires_and_each_request_renews_it(client, make_staff):
    client.force_login(make_staff("hana", "handler"))
    assert client.get("/cases/").status_code == 200
    session = Session.objects.get()
    left = session.expire_date - timezone.now()
    assert dt.timedelta(minutes=59) < left <= dt.timedelta(hours=1)
    Session.objects.update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    response = client.get("/cases/")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_the_session_cookie_is_http_only_same_site_and_ends_with_the_browser(client, make_staff):
    client.force_login(make_staff("hana", "handler"))
    cookie = client.get("/cases/").cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] is True and cookie["samesite"] == "Lax"
    assert cookie["max-age"] == "" and cookie["expires"] == ""  # a browser-session cookie
