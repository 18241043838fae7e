"""The remedies API: add, list, change status, complete an action; others' cases not found."""

from __future__ import annotations

import pytest

from redress.conftest import ApiClient

pytestmark = pytest.mark.django_db


def test_add_list_and_follow_through(case, handler):
    api = ApiClient(handler)
    status, body = api.post(
        f"/complaints/{case.reference}/remedies",
        {
            "kind": "financial",
            "description": "Compensation",
            "due_on": "2026-06-01",
            "owner_user_id": handler.pk,
            "finding": "severe_maladministration",
            "impact": "minor",
            "time_and_trouble": "300",
            "offered_on": "2026-05-20",
        },
    )
    assert status == 201, body
    assert body["band_label"].startswith("Serious")
    assert "below the suggested band" in body["outside_band"]
    status, items = api.get(f"/complaints/{case.reference}/remedies")
    assert status == 200
    assert [i["type"] for i in items] == ["action", "remedy", "remedy"]
    status, body = api.post(
        f"/remedies/{body['id']}/status", {"status": "completed", "evidence": "Paid"}
    )
    assert status == 200, body
    action = next(i for i in items if i["type"] == "action")
    status, body = api.post(f"/outstanding-actions/{action['id']}/complete", {"evidence": "Job 42"})
    assert status == 200, body
    assert not any(i["open"] for i in body["items"] if i["type"] == "action")


def test_a_refusal_names_the_field(case, handler):
    status, body = ApiClient(handler).post(
        f"/complaints/{case.reference}/remedies",
        {"kind": "apology", "description": "Sorry", "due_on": "2026-06-01"},
    )
    assert status == 422
    assert body["error"]["field"] == "owner"


def test_another_handlers_case_is_not_found(case, make_staff):
    api = ApiClient(make_staff("sam", "handler"))
    assert api.get(f"/complaints/{case.reference}/remedies")[0] == 404
    action = case.outstanding_actions.get()
    assert api.post(f"/outstanding-actions/{action.pk}/complete", {"evidence": "x"})[0] == 404


def test_an_actions_update_interval_is_agreed_through_the_api(case, handler):
    from redress.cases.models import OutstandingAction

    api = ApiClient(handler)
    action = OutstandingAction.objects.get(complaint=case)
    url = f"/outstanding-actions/{action.pk}/update-interval"
    for every in (0, 66, 1_000_000, 10**30):  # 1 to a working quarter
        status, body = api.post(url, {"update_every": every})
        assert status == 422 and body["error"]["field"] == "update_every", every
    status, body = api.post(url, {"update_every": 10})
    assert status == 200
    action.refresh_from_db()
    assert action.update_every == 10
