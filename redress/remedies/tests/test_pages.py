"""The case page's "Putting things right", its forms, the outstanding list, the bands page."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from redress.cases import services as cases
from redress.record.models import Event
from redress.remedies.models import Remedy, RemedyBand

from .conftest import make_case

pytestmark = pytest.mark.django_db

# Tuesday 2 June 2026, after the response (12 May) and before add_data's due date: the
# day the tests that add a remedy run on, since a remedy cannot be due before it is offered.
ADDED_ON = dt.date(2026, 6, 2)


def add_data(handler, **changes):
    data = {
        "add_remedy-kind": "financial",
        "add_remedy-description": "Compensation for the delay",
        "add_remedy-owner": f"user:{handler.pk}",
        "add_remedy-due_on_day": "1",
        "add_remedy-due_on_month": "6",
        "add_remedy-due_on_year": "2027",
        "add_remedy-agreed_with_resident": "yes",
        "add_remedy-finding": "maladministration",
        "add_remedy-impact": "minor",
        "add_remedy-distress": "250",
    }
    return {**data, **changes}


def banners(page: str) -> list[tuple[str, str, str]]:
    """Each notification banner on the page: its modifier, title and message."""
    return re.findall(
        r'<div class="govuk-notification-banner(?: govuk-notification-banner--(\w+))?".*?'
        r'__title"[^>]*>([^<]*)</h2>.*?__heading">([^<]*)</p>',
        page,
        re.S,
    )


def test_the_case_page_lists_remedies_and_actions(client, case, handler):
    client.force_login(handler)
    page = client.get(reverse("cases:case", args=[case.reference])).content.decode()
    assert "Putting things right" in page
    assert "We apologise" in page and "Treat the damp" in page
    assert "Overdue by" in page  # due in May, today is later
    assert "Minor failure: £0 to £100" in page


@pytest.mark.today(ADDED_ON)
def test_adding_a_remedy_outside_its_band_warns(client, case, handler):
    client.force_login(handler)
    url = reverse("remedies:add", args=[case.reference])
    response = client.post(url, add_data(handler), follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    warning = "Warning: £250.00 is above the suggested band (Minor failure, £0 to £100)"
    # What was done in the green success banner; the warning in the plain "Important" one.
    assert banners(page) == [("success", "Done", "Remedy added"), ("", "Important", warning)]
    remedy = Remedy.objects.get(kind="financial")
    assert (remedy.amount, remedy.band_key, remedy.agreed_with_resident) == (250, "minor", True)


@pytest.mark.today(ADDED_ON)
def test_a_refused_remedy_shows_the_error_summary_and_writes_nothing(client, case, handler):
    client.force_login(handler)
    before = Event.objects.count(), Remedy.objects.count()
    url = reverse("remedies:add", args=[case.reference])
    response = client.post(url, add_data(handler, **{"add_remedy-finding": ""}))
    assert response.status_code == 422
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert 'href="#id_add_remedy-finding"' in page
    assert "Compensation for the delay" in page  # the input is kept
    assert (Event.objects.count(), Remedy.objects.count()) == before


def test_recording_an_action_done_with_evidence(client, case, handler):
    client.force_login(handler)
    action = case.outstanding_actions.get()
    url = reverse("remedies:complete-action", args=[action.pk])
    response = client.post(url, {f"action-{action.pk}-evidence": ""})
    assert response.status_code == 422
    assert "Enter the evidence it was done" in response.content.decode()
    response = client.post(url, {f"action-{action.pk}-evidence": "Job 42 signed off"})
    assert response.status_code == 303
    action.refresh_from_db()
    assert action.evidence == "Job 42 signed off"


def test_recording_a_remedy_accepted(client, case, handler):
    client.force_login(handler)
    remedy = Remedy.objects.get(complaint=case)
    url = reverse("remedies:status", args=[remedy.pk])
    assert client.post(url, {f"remedy-{remedy.pk}-status": "accepted"}).status_code == 303
    remedy.refresh_from_db()
    assert remedy.status == "accepted"


def test_another_handlers_complaint_is_not_found(client, case, make_staff):
    stranger = make_staff("sam", "handler")
    client.force_login(stranger)
    action = case.outstanding_actions.get()
    remedy = Remedy.objects.get(complaint=case)
    assert client.post(reverse("remedies:add", args=[case.reference]), {}).status_code == 404
    url = reverse("remedies:complete-action", args=[action.pk])
    assert client.post(url, {f"action-{action.pk}-evidence": "x"}).status_code == 404
    url = reverse("remedies:status", args=[remedy.pk])
    assert client.post(url, {f"remedy-{remedy.pk}-status": "declined"}).status_code == 404
    page = client.get(reverse("remedies:outstanding")).content.decode()
    assert case.reference not in page


def test_the_mrc_is_forbidden(client, case, make_staff):
    client.force_login(make_staff("mo", "MRC"))
    assert client.get(reverse("remedies:outstanding")).status_code == 403
    assert client.post(reverse("remedies:add", args=[case.reference]), {}).status_code == 403


def test_a_closed_complaint_stays_outstanding_until_its_action_is_done(client, handler):
    complaint = make_case(handler, remedies=[], close=True)
    assert complaint.status == "closed"
    client.force_login(handler)
    page = client.get(reverse("remedies:outstanding")).content.decode()
    assert complaint.reference in page and "Complaint closed" in page
    action = complaint.outstanding_actions.get()
    from redress.remedies import services

    services.complete_action(action.pk, actor=handler, evidence="Done")
    page = client.get(reverse("remedies:outstanding")).content.decode()
    assert complaint.reference not in page


def test_the_outstanding_list_is_by_due_date(client, handler):
    import datetime as dt

    late = make_case(
        handler, remedies=[], actions=[{"description": "Later", "due_on": dt.date(2026, 7, 1)}]
    )
    soon = make_case(
        handler, remedies=[], actions=[{"description": "Sooner", "due_on": dt.date(2026, 5, 20)}]
    )
    client.force_login(handler)
    page = client.get(reverse("remedies:outstanding")).content.decode()
    assert page.index(soon.reference) < page.index(late.reference)
    assert cases  # the services module stays importable beside this app


def test_administrators_change_a_band(client, make_staff):
    client.force_login(make_staff("ada", "administrator"))
    assert client.get(reverse("remedy-bands:list")).status_code == 200
    url = reverse("remedy-bands:edit", args=["adverse"])
    bad = client.post(url, {"label": "Adverse", "low": "700", "high": "600", "impact": "adverse"})
    assert bad.status_code == 422
    assert "Up to cannot be less than from" in bad.content.decode()
    good = client.post(url, {"label": "Adverse", "low": "100", "high": "800", "impact": "adverse"})
    assert good.status_code == 303
    assert RemedyBand.objects.get(key="adverse").high == 800
    assert Event.objects.filter(subject_kind="remedy_band", action="changed").exists()


def test_only_administrators_change_bands(client, handler):
    client.force_login(handler)
    assert client.get(reverse("remedy-bands:list")).status_code == 403
