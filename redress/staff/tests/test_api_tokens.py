"""API tokens: per user, scoped (every route's scope by its method), expiring, revocable, with
their use recorded; the staff page that issues (shown once), lists and revokes them."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from redress.project.api import api
from redress.record.models import Event
from redress.staff import services
from redress.staff.models import READ, WRITE, ApiToken

pytestmark = pytest.mark.django_db


def staff_routes() -> list[tuple[str, str]]:
    """Every (method, path) of the API that takes a staff token, from the OpenAPI schema:
    a new route is covered without touching this test."""
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    return [
        (method.upper(), re.sub(r"\{[^}]+\}", "999999", path))
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if {"StaffToken": []} in operation.get("security", [])
    ]


def call(token: str, method: str, path: str):
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    if method == "GET":
        return client.get(path)
    return client.generic(method, path, "{}", content_type="application/json")


def test_every_route_needs_read_to_read_and_write_to_write(make_staff):
    user = make_staff("olive", "complaints officer")
    read_only = ApiToken.issue(user, scopes=[READ])
    write_only = ApiToken.issue(user, scopes=[WRITE])
    routes = staff_routes()
    assert {method for method, _ in routes} == {"GET", "POST"} and len(routes) > 30
    for method, path in routes:
        allowed, refused = (read_only, write_only) if method == "GET" else (write_only, read_only)
        response = call(refused, method, path)
        assert response.status_code == 403, (method, path)
        assert response.json()["error"]["field"] == "scope"
        needed = READ if method == "GET" else WRITE
        assert needed in response.json()["error"]["message"]
        assert call(allowed, method, path).status_code not in (401, 403), (method, path)


def test_an_expired_or_revoked_token_is_refused(make_staff):
    user = make_staff("olive", "complaints officer")
    expired = ApiToken.issue(user, expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert call(expired, "GET", "/api/v1/work-queue").status_code == 401
    token, clear = ApiToken.create(user, "sync")
    assert call(clear, "GET", "/api/v1/work-queue").status_code == 200
    services.revoke_token(token.pk, actor=user)
    assert call(clear, "GET", "/api/v1/work-queue").status_code == 401


def test_a_token_expires_after_90_days_by_default_and_records_its_last_use(make_staff):
    user = make_staff("olive", "complaints officer")
    token, clear = services.issue_token(actor=user, name="sync", scopes=[READ])
    assert token.expires_at - timezone.now() > dt.timedelta(days=89, hours=23)
    assert token.last_used_at is None
    call(clear, "GET", "/api/v1/work-queue")
    token.refresh_from_db()
    assert timezone.now() - token.last_used_at < dt.timedelta(seconds=10)


def test_issuing_and_revoking_are_events_on_the_user(make_staff):
    user = make_staff("olive", "complaints officer")
    token, _ = services.issue_token(actor=user, name="sync", scopes=[READ, WRITE])
    services.revoke_token(token.pk, actor=user)
    events = Event.objects.filter(subject_kind="user", subject_id=user.pk)
    assert list(events.order_by("pk").values_list("action", flat=True)) == [
        "api-token-issued",
        "api-token-revoked",
    ]
    assert events.first().payload["scopes"] == [READ, WRITE]
    assert "digest" not in str(events.first().payload)


def test_the_page_issues_a_token_once_and_it_works(client, make_staff):
    user = make_staff("olive", "complaints officer")
    client.force_login(user)
    # In the menu's Account group, beside sign-in security.
    assert 'href="/staff/api-tokens/">API tokens' in client.get("/accounts/2fa/").content.decode()
    response = client.post(
        "/staff/api-tokens/", {"name": "Housing sync", "scopes": [READ], "days": "30"}
    )
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    clear = re.search(r'<code id="new-token"[^>]*>([^<]+)</code>', response.content.decode())[1]
    assert call(clear, "GET", "/api/v1/work-queue").status_code == 200
    assert call(clear, "POST", "/api/v1/residents").status_code == 403
    page = client.get("/staff/api-tokens/").content.decode()
    assert "Housing sync" in page and READ in page and clear not in page
    token = ApiToken.objects.get(user=user)
    assert (token.expires_at - timezone.now()).days == 29


def test_the_form_refuses_bad_input_and_keeps_it(client, make_staff):
    client.force_login(make_staff("olive", "complaints officer"))
    response = client.post("/staff/api-tokens/", {"name": "Sync", "days": "400"})
    html = response.content.decode()
    assert response.status_code == 422 and "govuk-error-summary" in html
    assert "Choose what the token may do" in html and 'value="Sync"' in html
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize("days", ["400", "9" * 25])  # 25 digits were past a timedelta: a 500
def test_a_lifetime_past_a_year_is_refused_by_the_field(client, make_staff, days):
    client.force_login(make_staff("olive", "complaints officer"))
    client.raise_request_exception = False
    response = client.post("/staff/api-tokens/", {"name": "Sync", "scopes": [READ], "days": days})
    assert response.status_code == 422
    assert "Days until it expires must be 365 or fewer" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_people_revoke_their_own_and_administrators_anyones(client, make_staff):
    olive = make_staff("olive", "complaints officer")
    hana = make_staff("hana", "handler")
    admin = make_staff("ada", "administrator")
    token, clear = services.issue_token(actor=olive, name="Olive's feed", scopes=[READ])
    client.force_login(hana)
    assert client.post(f"/staff/api-tokens/{token.pk}/revoke/").status_code == 404
    assert "Olive&#x27;s feed" not in client.get("/staff/api-tokens/").content.decode()
    client.force_login(admin)
    page = client.get("/staff/api-tokens/").content.decode()
    assert "olive" in page and "Create a token" not in page  # administrators do no case work
    assert client.post(f"/staff/api-tokens/{token.pk}/revoke/").status_code == 303
    assert call(clear, "GET", "/api/v1/work-queue").status_code == 401
    revoked = Event.objects.get(action="api-token-revoked")
    assert revoked.subject_id == olive.pk and revoked.actor_id == admin.pk
    client.force_login(olive)
    assert "Revoked" in client.get("/staff/api-tokens/").content.decode()


def test_only_case_workers_hold_tokens(client, make_staff):
    mrc = make_staff("mia", "MRC")
    client.force_login(mrc)
    assert client.get("/staff/api-tokens/").status_code == 403
    with pytest.raises(services.Forbidden):
        services.issue_token(actor=mrc, name="x", scopes=[READ])


def test_the_command_issues_a_scoped_token(make_staff, capsys):
    make_staff("olive", "complaints officer")
    call_command("issue_api_token", "olive", "--scope", READ, "--days", "7")
    clear = capsys.readouterr().out.strip()
    token = ApiToken.objects.get()
    assert token.scopes == [READ] and (token.expires_at - timezone.now()).days == 6
    assert call(clear, "POST", "/api/v1/residents").status_code == 403
    assert Event.objects.filter(action="api-token-issued", actor__isnull=True).exists()
