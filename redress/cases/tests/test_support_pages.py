"""Recording a resident's adjustments and restrictions from their case, and reviewing them:
the same rules as the API, the details shown only for a recorded reason."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from redress.cases import services as cases
from redress.intake import services as intake
from redress.intake.models import BehaviourRestriction, ReasonableAdjustment
from redress.record.models import Event

pytestmark = [pytest.mark.django_db, pytest.mark.today(dt.date(2026, 12, 2))]

DISABILITY = "Zygomatic tremor"


@pytest.fixture
def case(make_staff):
    officer = make_staff("olive", "complaints officer")
    resident = intake.create_resident(actor=officer, name="Philomena Quagmire")
    complaint = cases.open_complaint(actor=officer, resident=resident, summary="Leak")
    complaint.officer = officer
    return complaint


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def date(prefix: str, day: dt.date) -> dict:
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


def test_the_case_page_leads_to_recording_one_when_there_are_none(case):
    client = signed_in(case.officer)
    page = client.get(f"/cases/{case.reference}/").content.decode()
    assert f'href="/cases/{case.reference}/support-needs/"' in page
    needs = client.get(f"/cases/{case.reference}/support-needs/").content.decode()
    assert f'href="/cases/{case.reference}/support-needs/adjustments/new/"' in needs
    assert f'href="/cases/{case.reference}/support-needs/restrictions/new/"' in needs


def test_an_adjustment_recorded_on_the_page_is_the_service_s(case):
    client = signed_in(case.officer)
    url = f"/cases/{case.reference}/support-needs/adjustments/new/"
    done = client.post(
        url,
        {
            "adjustment": "Phone before visiting",
            "letters_in": "large_print",
            "disability_disclosed": DISABILITY,
            **date("review_on", dt.date(2027, 6, 1)),
        },
        follow=True,
    )
    item = ReasonableAdjustment.objects.get()
    assert (item.letters_in, item.review_on) == ("large_print", dt.date(2027, 6, 1))
    assert Event.objects.filter(action="adjustment_recorded").count() == 1
    page = done.content.decode()
    assert "Reasonable adjustment recorded: review by 1 June 2027" in page
    assert DISABILITY not in page and "Due by Tuesday 1 June 2027" in page


@pytest.mark.parametrize(
    ("need", "data"),
    [
        ("adjustment", {"adjustment": "Phone first"}),
        ("restriction", {"restriction": "Email only", "evidence": "Calls on 3 Nov"}),
    ],
)
def test_a_review_date_in_2036_is_refused_on_the_page_by_name(case, need, data):
    url = f"/cases/{case.reference}/support-needs/{need}s/new/"
    refused = signed_in(case.officer).post(url, {**data, **date("review_on", dt.date(2036, 1, 1))})
    assert refused.status_code == 422
    html = refused.content.decode()
    assert "The review date must be within" in html and 'href="#id_review_on-day"' in html
    assert not ReasonableAdjustment.objects.exists() and not BehaviourRestriction.objects.exists()


def test_the_review_page_shows_the_details_only_for_the_recorded_reason(case):
    item = intake.record_adjustment(
        actor=case.officer,
        resident_id=case.resident_id,
        adjustment="Phone before visiting",
        disability_disclosed=DISABILITY,
        review_on=dt.date(2026, 12, 7),
    )
    client = signed_in(case.officer)
    url = f"/cases/{case.reference}/support-needs/adjustments/{item.pk}/review/"
    page = client.get(url).content.decode()
    assert DISABILITY not in page and "Monday 7 December 2026" in page
    assert not Event.objects.filter(action="special_category.read").exists()
    shown = client.post(url, {"action": "reveal"}).content.decode()
    assert DISABILITY in shown
    read = Event.objects.get(action="special_category.read")
    assert read.payload["reason_code"] == "review" and read.payload["item"] == item.pk
    assert read.payload["fields"] == ["adjustments"]
    refused = client.post(url, {"action": "review", "outcome": "kept", "note": "Still needed"})
    assert refused.status_code == 422 and "Enter the next review date" in refused.content.decode()
    assert DISABILITY not in refused.content.decode()
    done = client.post(
        url,
        {"action": "review", "outcome": "ended", "note": "She has moved to email"},
        follow=True,
    )
    assert "Review recorded: reasonable adjustment ended" in done.content.decode()
    item.refresh_from_db()
    assert item.ended_on == dt.date(2026, 12, 2)
    assert Event.objects.filter(action="adjustment_reviewed").count() == 1


def test_another_resident_s_item_and_a_handler_outside_the_case_get_not_found(case, make_staff):
    other = intake.create_resident(actor=case.officer, name="Bea Smith")
    theirs = intake.record_restriction(
        actor=case.officer,
        resident_id=other.pk,
        restriction="Email only",
        evidence="Calls",
        review_on=dt.date(2027, 1, 4),
    )
    url = f"/cases/{case.reference}/support-needs/restrictions/{theirs.pk}/review/"
    assert signed_in(case.officer).get(url).status_code == 404
    owner = make_staff("hamid", "handler")
    cases.accept(case.reference, actor=case.officer)
    cases.assign(case.reference, actor=case.officer, handler_id=owner.pk)
    outsider = signed_in(make_staff("tess", "handler"))
    new = f"/cases/{case.reference}/support-needs/restrictions/new/"
    assert outsider.post(new, {"restriction": "x", "evidence": "y"}).status_code == 404
    assert not BehaviourRestriction.objects.filter(resident=case.resident).exists()
