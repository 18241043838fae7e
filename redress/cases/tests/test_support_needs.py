"""Special-category details (disabilities, adjustments, restrictions) are shown only with
a reason, and each showing is recorded: who, why and which details."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from redress.administration import deployment
from redress.cases import services as cases
from redress.conftest import ApiClient
from redress.intake import services as intake
from redress.record.models import Event

pytestmark = pytest.mark.django_db

DISABILITY = "Zygomatic tremor"
EVIDENCE = "Vexatious calls on 3 May"


@pytest.fixture
def case(make_staff):
    officer = make_staff("olive", "complaints officer")
    resident = intake.create_resident(actor=officer, name="Philomena Quagmire")
    review = deployment.today() + dt.timedelta(days=90)
    intake.record_adjustment(
        actor=officer,
        resident_id=resident.pk,
        adjustment="Phone before visiting",
        disability_disclosed=DISABILITY,
        review_on=review,
    )
    intake.record_restriction(
        actor=officer,
        resident_id=resident.pk,
        restriction="Contact by email only",
        evidence=EVIDENCE,
        review_on=review,
    )
    complaint = cases.open_complaint(actor=officer, resident=resident, summary="Leak")
    complaint.officer = officer
    return complaint


def reads():
    return list(Event.objects.filter(action="special_category.read"))


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_case_page_and_the_queue_count_but_do_not_show(case):
    client = signed_in(case.officer)
    page = client.get(f"/cases/{case.reference}/").content.decode()
    assert "1 reasonable adjustment and 1 contact restriction" in page
    assert f'href="/cases/{case.reference}/support-needs/"' in page
    queue = client.get("/cases/").content.decode()
    for text in (page, queue):
        assert DISABILITY not in text and EVIDENCE not in text
    assert reads() == []


def test_showing_them_records_one_event_with_the_reason(case):
    client = signed_in(case.officer)
    url = f"/cases/{case.reference}/support-needs/"
    form = client.get(url).content.decode()
    assert DISABILITY not in form and 'name="reason"' in form
    shown = client.post(url, {"reason": "contacting", "note": "Calling about the visit"})
    assert shown.status_code == 200
    assert DISABILITY in shown.content.decode() and EVIDENCE in shown.content.decode()
    [event] = reads()
    assert (event.subject_kind, event.subject_id) == ("resident", case.resident_id)
    assert event.actor == case.officer
    assert event.payload["reason"] == "To contact the resident or their representative"
    assert event.payload["note"] == "Calling about the visit"
    assert event.payload["fields"] == ["adjustments", "restrictions"]
    assert event.payload["complaint"] == case.reference
    history = client.get(f"/cases/{case.reference}/").content.decode()
    assert "Support needs shown" in history and "Calling about the visit" in history
    assert DISABILITY not in history


@pytest.mark.parametrize("data", [{}, {"reason": ""}, {"reason": "curious"}, {"note": "x"}])
def test_no_reason_no_details_and_nothing_recorded(case, data):
    refused = signed_in(case.officer).post(f"/cases/{case.reference}/support-needs/", data)
    assert refused.status_code == 422
    html = refused.content.decode()
    assert "Choose why you need to see the support needs" in html
    assert "govuk-error-summary" in html
    assert DISABILITY not in html and EVIDENCE not in html
    assert reads() == []


@pytest.mark.parametrize(("role", "status"), [("MRC", 403), ("administrator", 403)])
def test_roles_without_case_work_cannot_show_them(case, make_staff, role, status):
    client = signed_in(make_staff("someone", role))
    answer = client.post(f"/cases/{case.reference}/support-needs/", {"reason": "contacting"})
    assert answer.status_code == status
    assert DISABILITY not in answer.content.decode() and reads() == []


def test_a_handler_who_may_not_open_the_case_cannot_show_them(case, make_staff):
    owner = make_staff("hamid", "handler")
    cases.accept(case.reference, actor=case.officer)
    cases.assign(case.reference, actor=case.officer, handler_id=owner.pk)
    client = signed_in(make_staff("tess", "handler"))
    answer = client.post(f"/cases/{case.reference}/support-needs/", {"reason": "contacting"})
    assert answer.status_code == 404 and reads() == []
    api = ApiClient(make_staff("tom", "handler"))
    status, _ = api.post(f"/residents/{case.resident_id}/support-needs", {"reason": "contacting"})
    assert status == 404 and reads() == []
    assert api.get(f"/residents/{case.resident_id}")[0] == 404


def test_the_api_counts_and_shows_only_for_a_reason(case):
    api = ApiClient(case.officer)
    _, complaint = api.get(f"/complaints/{case.reference}")
    _, resident = api.get(f"/residents/{case.resident_id}")
    for body in (complaint, resident):
        assert body["support_needs"] == {"adjustments": 1, "restrictions": 1}
        assert DISABILITY not in str(body) and EVIDENCE not in str(body)
    path = f"/residents/{case.resident_id}/support-needs"
    for missing in ({}, {"reason": "curious"}):
        status, body = api.post(path, missing)
        assert status == 422 and body["error"]["field"] == "reason"
    assert reads() == []
    status, needs = api.post(path, {"reason": "letter"})
    assert status == 200 and needs["adjustments"][0]["disability_disclosed"] == DISABILITY
    [event] = reads()
    assert event.actor == case.officer and event.payload["reason_code"] == "letter"
