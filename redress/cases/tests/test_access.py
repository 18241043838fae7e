"""Who may open which complaint, through the pages and the API (redress.cases.access).

A handler sees their own cases, their team's, cases they handled at an earlier
stage and unassigned ones; the complaints officer, managers and the senior lead
see all; oversight and administration roles see no case file at all.
"""

from __future__ import annotations

import pytest

from redress.conftest import ApiClient

from .factories import (
    STAGE2_ACKNOWLEDGED_AT,
    STAGE2_POINT,
    acknowledge,
    escalate,
    ok,
    open_case,
    respond,
    same_team,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def hana(make_staff):
    return ApiClient(make_staff("hana", "handler"))


@pytest.fixture
def hamids_case(officer, second_handler):
    """A stage 1 case handled by Hamid (he acknowledged it)."""
    ref = open_case(officer)
    ok(officer.post(f"/complaints/{ref}/accept", {}))
    acknowledge(second_handler, ref)
    return ref


def page(client, user, ref: str) -> int:
    client.force_login(user)
    return client.get(f"/cases/{ref}/").status_code


def test_a_handler_cannot_open_another_handlers_case(client, hana, hamids_case):
    assert page(client, hana.user, hamids_case) == 404
    code, body = hana.get(f"/complaints/{hamids_case}")
    assert code == 404 and body["error"]["field"] == "reference"
    assert hana.get(f"/complaints/{hamids_case}/events")[0] == 404
    code, _ = hana.post(f"/complaints/{hamids_case}/clarification-requests", {"question": "?"})
    assert code == 404
    posted = client.post(f"/cases/{hamids_case}/request_clarification/", {})
    assert posted.status_code == 404
    found = client.get(f"/cases/search/?q={hamids_case}").content.decode()
    assert f'href="/cases/{hamids_case}/"' not in found
    assert hamids_case not in str(hana.get("/work-queue")[1])


def test_a_team_mate_can(client, hana, second_handler, hamids_case):
    same_team(hana, second_handler)
    assert page(client, hana.user, hamids_case) == 200
    assert hana.get(f"/complaints/{hamids_case}")[0] == 200
    found = client.get(f"/cases/search/?q={hamids_case}").content.decode()
    assert f'href="/cases/{hamids_case}/"' in found
    assert hamids_case in str(hana.get("/work-queue")[1])


def test_unassigned_cases_are_open_to_every_handler(client, officer, hana):
    ref = open_case(officer)
    assert page(client, hana.user, ref) == 200


def test_the_stage_1_handler_keeps_sight_of_the_case_at_stage_2(
    officer, second_handler, hana, make_staff, hamids_case
):
    respond(second_handler, hamids_case)
    escalate(officer, hamids_case)  # unassigned now: 6.13 keeps Hamid off stage 2
    tess = ApiClient(make_staff("tess", "handler"))
    acknowledge(tess, hamids_case, STAGE2_ACKNOWLEDGED_AT, STAGE2_POINT)
    assert second_handler.get(f"/complaints/{hamids_case}")[0] == 200
    assert hana.get(f"/complaints/{hamids_case}")[0] == 404


@pytest.mark.parametrize("role", ["complaints officer", "manager", "senior lead"])
def test_all_case_roles_see_every_case(client, make_staff, hamids_case, role):
    user = make_staff("ada", role)
    assert page(client, user, hamids_case) == 200
    assert ApiClient(user).get(f"/complaints/{hamids_case}")[0] == 200


@pytest.mark.parametrize("role", ["MRC", "governing body", "administrator"])
def test_non_casework_roles_see_no_case_file(client, make_staff, hamids_case, role):
    user = make_staff("ada", role)
    client.force_login(user)
    for url in (
        f"/cases/{hamids_case}/",
        "/cases/",
        "/cases/search/?q=a",
        "/contacts/service-requests/",
    ):
        assert client.get(url).status_code == 403, url
    code, body = ApiClient(user).get(f"/complaints/{hamids_case}")
    assert code == 401 and body["error"]["field"] == "Authorization"


def test_only_the_complaints_officer_assigns(client, officer, hana, second_handler):
    ref = open_case(officer)
    code, body = hana.post(f"/complaints/{ref}/assign", {"handler_id": second_handler.user.pk})
    assert code == 403 and body["error"]["rule"] == "4.1"
    client.force_login(hana.user)
    html = client.get(f"/cases/{ref}/").content.decode()
    assert 'id="action-assign"' not in html
    refused = client.post(f"/cases/{ref}/assign/", {"assign-handler": second_handler.user.pk})
    assert refused.status_code == 409 and "complaints officer" in refused.content.decode()
    assert client.post("/cases/assign/", {"reference": ref, "handler": 1}).status_code == 403
    assert ok(officer.post(f"/complaints/{ref}/assign", {"handler_id": hana.user.pk}))
