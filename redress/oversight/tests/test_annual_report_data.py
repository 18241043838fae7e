"""annual_report_data against the fixture counted by hand (see annual_fixtures.py)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from redress.assessments.selectors import annual_report_section
from redress.code.tsm import ReportingYear
from redress.oversight.annual_report import data as data_module
from redress.oversight.annual_report.data import annual_report_data
from redress.oversight.annual_report.services import missing_for_publication

from .annual_fixtures import CHFO_TEXT, IMPROVEMENT, report_set  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(report_set):  # noqa: F811
    return annual_report_data(ReportingYear(2026))


def test_volumes_measures_and_timeliness(data):
    p = data["performance"]
    # 6 received in October and 1 in November; the refused one (legal proceedings) is
    # not accepted; the closed complaint and the one awaiting stage 2 escalated.
    assert p["volumes"] == {"received": 7, "refused": 1, "accepted": 6, "escalated": 2}
    # 6 accepted and 2 escalations for 1,000 homes; 3 of 4 and 1 of 1 within timescales.
    assert p["tsm"]["CH01_stage1_per_1000"] == "6.0"
    assert p["tsm"]["CH01_stage2_per_1000"] == "2.0"
    assert p["tsm_percent"] == {"stage1": "75.0%", "stage2": "100.0%"}
    stage1, stage2 = p["timeliness"]
    assert (stage1["responded"], stage1["acknowledged_on_time"], stage1["extended"]) == (4, 3, 1)
    assert (stage2["responded"], stage2["within_timescales"]) == (1, 1)
    assert p["decisions"][0]["counts"] == [2, 1, 1]  # upheld, partly, not upheld
    categories = {row["label"]: row["count"] for row in p["categories"]}
    assert categories["Repairs"] == 2 and categories["Communal areas"] == 2
    assert categories["No category recorded"] == 1


def test_remedies(data):
    remedies = data["performance"]["remedies"]
    # An apology and £150.00 completed, £75.50 declined; last year's £40.00 is not counted.
    assert (remedies["offered"], remedies["financial"]) == (3, 2)
    assert (remedies["completed"], remedies["declined"]) == (2, 1)
    assert remedies["amount_offered"] == "£225.50"
    assert remedies["amount_paid"] == "£150.00"
    kinds = {row["label"]: row["count"] for row in remedies["by_kind"]}
    assert kinds["Apology"] == 1 and kinds["Financial remedy"] == 2


def test_refusals_by_type_with_descriptions_and_last_year(data):
    p = data["performance"]
    rows = {row["label"]: (row["count"], row["previous"]) for row in p["refusals"]}
    assert rows == {
        "Issue more than 12 months old": (0, 0),
        "Legal proceedings filed": (1, 0),
        "Previously considered under the policy": (0, 1),  # June 2025's refusal
        "Another reason": (0, 0),
    }
    assert all(row["description"] for row in p["refusals"])
    assert (p["refused_total"], p["refused_previous"]) == (1, 1)


def test_comparison_with_the_previous_year(data):
    rows = {
        row["label"]: (row["this"], row["previous"]) for row in data["performance"]["comparison"]
    }
    assert data["performance"]["previous_label"] == "2025/26"
    assert rows["Complaints received at stage 1"] == ("7", "1")
    assert rows["Complaints not accepted"] == ("1", "1")
    assert rows["Stage 1 complaints accepted"] == ("6", "0")
    assert rows["Escalations to stage 2"] == ("2", "0")
    assert rows["Stage 1 complaints per 1,000 homes (CH01 1)"] == ("6.0", "0.0")
    assert rows["Stage 1 responses within the Code's timescales (CH02 1)"] == (
        "75.0%",
        "not available",
    )
    assert rows["Remedies offered"] == ("3", "1")
    assert rows["Financial remedies offered"] == ("£225.50", "£40.00")


def test_non_compliance(data):
    found = data["non_compliance"]
    # The determined case's failure order and the pending case's (due 15 December 2026);
    # not the plain order, nor 2025/26's failure order.
    assert [o["text"] for o in found["orders"]] == [CHFO_TEXT, "Send the stage 2 response"]
    assert found["orders"][0]["complied_on"] == "20 September 2026"
    assert found["orders"][1]["complied_on"] == "Not yet"
    findings = {row["label"]: row["count"] for row in found["findings"]}
    # Repairs' severe maladministration is not about complaint handling.
    assert findings == {"Service failure": 1, "Maladministration": 1, "Severe maladministration": 0}
    assert found["findings_total"] == 2


def test_improvements_and_publications(data):
    assert [i["improvement"] for i in data["improvements"]] == [
        IMPROVEMENT,
        "Letters now say who to call",
    ]
    assert data["improvements"][0]["done_on"] == "10 June 2026"
    assert [p["title"] for p in data["publications"]["annual"]] == [
        "Landlord performance report 2026"
    ]
    other = data["publications"]["other"]
    assert [p["title"] for p in other] == ["Special report on damp and mould"]  # not the withdrawn
    assert other[0]["url"] == "" and other[0]["pdf_kb"] == 1


def test_self_assessment_is_the_published_version(data):
    sa = data["self_assessment"]
    assert sa["version"] == 1  # version 2 is a draft
    rows = {row["number"]: row for section in sa["sections"] for row in section["rows"]}
    assert rows["1.2"]["comply"] == "Yes"
    assert rows["6.13"]["comply"] == "Partial"
    assert rows["6.13"]["action_owner"] == "Head of customer experience"
    assert rows["5.1"]["comply"] == "Not answered"
    assert [s["number"] for s in sa["sections"]] == list(range(1, 10))


def test_no_self_assessment_is_none(known_set):
    assert annual_report_data(ReportingYear(2026))["self_assessment"] is None


def test_section_a_comes_from_the_self_assessment_app_or_is_none(report_set, monkeypatch):  # noqa: F811
    """Oversight never imports the self-assessment: the assessments app hands section (a)
    over when Django starts. Without it the report has no section (a), and so cannot be
    published, rather than a report without the self-assessment."""
    year = ReportingYear(2026)
    assert data_module.self_assessment(year) == annual_report_section(year) is not None
    monkeypatch.delitem(data_module.PORTS.parts, "self_assessment")
    content = annual_report_data(year)
    assert content["self_assessment"] is None
    assert "the year's self-assessment is not published (8.1 a)" in (
        missing_for_publication(None, content)
    )


def test_no_personal_details_and_a_bounded_number_of_queries(report_set):  # noqa: F811
    with CaptureQueriesContext(connection) as queries:
        data = annual_report_data(ReportingYear(2026))
    text = str(data)
    assert [s for s in report_set.secrets + report_set.references if s in text] == []
    assert "HOS-2026" not in text
    assert len(queries) < 45  # aggregates: not one query per complaint
