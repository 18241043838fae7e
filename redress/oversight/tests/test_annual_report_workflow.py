"""Writing, reporting and publishing the annual report: services, pages and the public site."""

from __future__ import annotations

import datetime as dt

import pytest

from redress.oversight.annual_report import services as annual_report
from redress.oversight.annual_report.models import AnnualReport, ReportRevision
from redress.record.errors import Refused
from redress.record.models import Event

from .annual_fixtures import CHFO_TEXT, IMPROVEMENT, published_assessment, report_set  # noqa: F401

pytestmark = pytest.mark.django_db

REPORTED = dt.date(2026, 11, 2)
RESPONDED = dt.date(2026, 11, 9)
ANALYSIS = "Complaints rose in October because of the heating failure at one block."
RESPONSE = "The board welcomes the report and asks for a plan on stage 1 timeliness."


@pytest.fixture
def officer(make_staff):
    return make_staff("oscar", "complaints officer")


def ready(officer, year: int = 2026) -> None:
    annual_report.save_analysis(year, actor=officer, analysis=ANALYSIS)
    annual_report.record_reported(
        year, actor=officer, reported_on=REPORTED, minute_reference="Board 2026/11 item 7"
    )
    annual_report.record_response(year, actor=officer, response=RESPONSE, response_on=RESPONDED)


def test_blank_analysis_names_the_field_and_writes_nothing(officer):
    with pytest.raises(Refused) as refused:
        annual_report.save_analysis(2026, actor=officer, analysis="   ")
    assert refused.value.field == "analysis"
    assert not AnnualReport.objects.exists()
    assert not Event.objects.filter(subject_kind="annual_report").exists()


@pytest.mark.parametrize(
    ("reported_on", "minute", "field"),
    [
        (dt.date(2026, 3, 31), "M1", "reported_on"),  # before the year began
        (dt.date(2099, 1, 1), "M1", "reported_on"),  # in the future
        (REPORTED, " ", "minute_reference"),
    ],
)
def test_reporting_refusals_name_the_field(officer, reported_on, minute, field):
    with pytest.raises(Refused) as refused:
        annual_report.record_reported(
            2026, actor=officer, reported_on=reported_on, minute_reference=minute
        )
    assert refused.value.field == field
    assert not AnnualReport.objects.exists()
    assert not Event.objects.filter(action="report.received").exists()


def test_reporting_tells_the_record_the_governing_body_received_it(officer):
    annual_report.record_reported(
        2026, actor=officer, reported_on=REPORTED, minute_reference="Board 2026/11 item 7"
    )
    event = Event.objects.get(action="report.received")
    assert (event.subject_kind, event.subject_id, event.actor) == ("oversight", 0, officer)
    assert event.payload == {"report": "annual_report", "year": 2026, "on": "2026-11-02"}


def test_the_response_needs_the_report_first_and_a_date_after_it(officer):
    with pytest.raises(Refused) as refused:
        annual_report.record_response(2026, actor=officer, response=RESPONSE, response_on=RESPONDED)
    assert refused.value.rule == "8.2"
    annual_report.record_reported(2026, actor=officer, reported_on=REPORTED, minute_reference="M")
    with pytest.raises(Refused) as refused:
        annual_report.record_response(
            2026, actor=officer, response=RESPONSE, response_on=dt.date(2026, 11, 1)
        )
    assert refused.value.field == "response_on"
    assert AnnualReport.objects.get().response == ""


def test_no_publication_without_the_self_assessment(known_set, officer):
    ready(officer)
    with pytest.raises(Refused) as refused:
        annual_report.publish(2026, actor=officer)
    assert "self-assessment" in refused.value.message
    assert refused.value.rule == "8.1"
    assert not ReportRevision.objects.exists()


def test_no_publication_without_the_response(known_set, officer):
    published_assessment()
    annual_report.save_analysis(2026, actor=officer, analysis=ANALYSIS)
    with pytest.raises(Refused) as refused:
        annual_report.publish(2026, actor=officer)
    assert "governing body" in refused.value.message
    assert not ReportRevision.objects.exists()


def test_a_published_report_is_frozen_and_a_correction_is_a_new_revision(
    report_set,  # noqa: F811
    officer,
    client,
):
    ready(officer)
    first = annual_report.publish(2026, actor=officer)
    assert first.number == 1
    assert first.content["report"]["response"] == RESPONSE
    assert first.content["performance"]["volumes"]["received"] == 7

    annual_report.save_analysis(2026, actor=officer, analysis="A corrected analysis.")
    page = client.get("/annual-report/2026/").content.decode()
    assert ANALYSIS in page and "A corrected analysis." not in page

    with pytest.raises(Refused) as refused:
        annual_report.publish(2026, actor=officer)
    assert refused.value.field == "correction"
    second = annual_report.publish(2026, actor=officer, correction="The analysis's first line")
    assert second.number == 2
    page = client.get("/annual-report/2026/").content.decode()
    assert "A corrected analysis." in page and "The analysis&#x27;s first line" in page
    old = client.get("/annual-report/2026/revision/1/").content.decode()
    assert ANALYSIS in old and "a later revision replaces" in old
    assert list(
        Event.objects.filter(action="annual_report.published").values_list(
            "payload__revision", flat=True
        )
    ) == [1, 2]


def test_the_public_page_shows_only_published_reports(report_set, officer, client):  # noqa: F811
    ready(officer)
    assert client.get("/annual-report/2026/").status_code == 404
    assert "2026/27" not in client.get("/annual-report/").content.decode()
    annual_report.publish(2026, actor=officer)
    assert client.get("/annual-report/2025/").status_code == 404
    listing = client.get("/annual-report/").content.decode()
    assert "/annual-report/2026/" in listing
    assert "/annual-report/" in client.get("/").content.decode()

    html = client.get("/annual-report/2026/").content.decode()
    headings = [
        "(a) Our self-assessment",
        "(b) How we handled complaints",
        "(c) Findings of non-compliance",
        "(d) What we changed",
        "(e) The Housing Ombudsman's annual report",
        "(f) Other reports",
        "The governing body's response",
    ]
    positions = [
        html.index(f'id="{anchor}"')
        for anchor in (
            "self-assessment",
            "performance",
            "non-compliance",
            "improvements",
            "ombudsman-annual",
            "ombudsman-other",
            "response",
        )
    ]
    assert positions == sorted(positions)
    for heading in headings:
        assert heading in html
    for text in (
        RESPONSE,
        CHFO_TEXT,
        IMPROVEMENT,
        "Complaints policy section 3 defines a complaint",
        "Board 2026/11 item 7",
        "Legal proceedings filed",
    ):
        assert text.replace("'", "&#x27;") in html
    assert html.count("<caption") >= 10
    shown = [s for s in report_set.secrets + report_set.references if s in html]
    assert shown == []


# --- the staff pages ---------------------------------------------------------------------


def test_the_officer_writes_and_publishes_through_the_pages(report_set, officer, client):  # noqa: F811
    client.force_login(officer)
    url = "/oversight/annual-report/2026/"
    assert client.get("/oversight/annual-report/").status_code == 200
    page = client.get(url).content.decode()
    assert "The qualitative analysis is not written" in page
    response = client.post(url, {"form": "analysis", "analysis-analysis": ANALYSIS})
    assert response.status_code == 303
    response = client.post(
        url,
        {
            "form": "reported",
            "reported-reported_on_day": "2",
            "reported-reported_on_month": "11",
            "reported-reported_on_year": "2026",
            "reported-minute_reference": "Board 2026/11 item 7",
        },
    )
    assert response.status_code == 303
    response = client.post(
        url,
        {
            "form": "response",
            "response-response": RESPONSE,
            "response-response_on_day": "9",
            "response-response_on_month": "11",
            "response-response_on_year": "2026",
        },
    )
    assert response.status_code == 303
    assert ANALYSIS in client.get(url + "preview/").content.decode()
    assert client.post(url, {"form": "publish"}).status_code == 303
    assert ReportRevision.objects.get().published_by == officer


def test_bad_input_on_a_page_names_the_field_and_keeps_it(report_set, officer, client):  # noqa: F811
    client.force_login(officer)
    url = "/oversight/annual-report/2026/"
    response = client.post(
        url,
        {
            "form": "reported",
            "reported-reported_on_day": "31",
            "reported-reported_on_month": "2",
            "reported-reported_on_year": "2026",
            "reported-minute_reference": "Kept minute",
        },
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert 'href="#id_reported-reported_on-day"' in html
    assert "must be a real date" in html and 'value="Kept minute"' in html
    response = client.post(url, {"form": "publish"})
    assert response.status_code == 409
    assert "cannot publish" in response.content.decode().lower()
    assert not AnnualReport.objects.filter(reported_on__isnull=False).exists()
    assert not ReportRevision.objects.exists()


def test_who_may_do_what(report_set, make_staff, client):  # noqa: F811
    url = "/oversight/annual-report/2026/"
    client.force_login(make_staff("mo", "MRC"))
    page = client.get(url).content.decode()
    assert 'value="response"' in page and 'value="publish"' not in page
    assert client.post(url, {"form": "publish"}).status_code == 403
    assert client.post(url, {"form": "analysis", "analysis-analysis": "x"}).status_code == 403
    assert client.get("/oversight/exceptional-circumstances/").status_code == 403
    client.force_login(make_staff("hal", "handler"))
    assert client.get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302
