"""Writing and publishing the annual report (8.1, 8.2): services, and the reads the pages use.

Each service is one transaction with an event on the report. The complaints officer
writes the qualitative analysis; the report goes to the governing body (its date and
minute), whose response is recorded; then it is published. Publishing freezes the whole
report, figures included, as a new `ReportRevision`: what was published stays as it was,
and a correction is a later revision that says what it corrects.

The report cannot be published without the year's published self-assessment (8.1 a
says the report includes it), the analysis, the date it went to the governing body, and
the governing body's response (8.2: published alongside it).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from redress.code.tsm import ReportingYear
from redress.record.checks import not_future_date, require_text
from redress.record.errors import Refused
from redress.record.services import record_event

from .data import annual_report_data, day
from .models import AnnualReport, ReportRevision

SUBJECT = "annual_report"


def _report(year: int) -> AnnualReport:
    """The year's report, locked; made (empty) the first time anything is written to it."""
    AnnualReport.objects.get_or_create(year=year)
    return AnnualReport.objects.select_for_update().get(year=year)


def _event(report: AnnualReport, action: str, actor, payload: dict) -> None:
    record_event(SUBJECT, report.pk, action, actor=actor, payload={"year": report.year, **payload})


@transaction.atomic
def save_analysis(year: int, *, actor, analysis: str) -> AnnualReport:
    """The complaints officer's qualitative analysis of the year (8.1 b)."""
    report = _report(year)
    report.analysis = require_text(analysis, "analysis", "8.1", "the qualitative analysis")
    report.save(update_fields=["analysis", "updated_at"])
    _event(report, "annual_report.analysis_saved", actor, {"analysis": report.analysis})
    return report


@transaction.atomic
def record_reported(
    year: int, *, actor, reported_on: dt.date, minute_reference: str
) -> AnnualReport:
    """The report went to the governing body on this date, under this minute (8.2).

    Also tells the record that the governing body received a report, as the MRC's
    other reports do (9.7 counts them)."""
    report = _report(year)
    not_future_date(reported_on, "reported_on", "8.2")
    if reported_on < ReportingYear(year).first_day:
        raise Refused("reported before the reporting year began", field="reported_on", rule="8.2")
    minute = require_text(minute_reference, "minute_reference", "8.2", "the minute reference")
    report.reported_on, report.minute_reference = reported_on, minute
    report.save(update_fields=["reported_on", "minute_reference", "updated_at"])
    _event(
        report,
        "annual_report.reported",
        actor,
        {"reported_on": reported_on, "minute_reference": minute},
    )
    record_event(
        "oversight",
        0,
        "report.received",
        actor=actor,
        payload={"report": "annual_report", "year": year, "on": reported_on},
    )
    return report


@transaction.atomic
def record_response(year: int, *, actor, response: str, response_on: dt.date) -> AnnualReport:
    """The governing body's response, which is published alongside the report (8.2)."""
    report = _report(year)
    text = require_text(response, "response", "8.2", "the governing body's response")
    not_future_date(response_on, "response_on", "8.2")
    if report.reported_on is None:
        raise Refused(
            "record when the report went to the governing body first", field=None, rule="8.2"
        )
    if response_on < report.reported_on:
        raise Refused(
            "the response cannot come before the report went to the governing body",
            field="response_on",
            rule="8.2",
        )
    report.response, report.response_on = text, response_on
    report.save(update_fields=["response", "response_on", "updated_at"])
    _event(report, "annual_report.response_recorded", actor, {"response": text, "on": response_on})
    return report


def missing_for_publication(report: AnnualReport | None, content: dict) -> list[str]:
    """What stops the report being published, in words for the page (empty: nothing)."""
    missing = []
    if content["self_assessment"] is None:
        missing.append("the year's self-assessment is not published (8.1 a)")
    if report is None or not report.analysis:
        missing.append("the qualitative analysis is not written (8.1 b)")
    if report is None or report.reported_on is None:
        missing.append("the report has not been recorded as reported to the governing body (8.2)")
    if report is None or not report.response:
        missing.append("the governing body's response is not recorded (8.2)")
    return missing


@transaction.atomic
def publish(year: int, *, actor, correction: str = "") -> ReportRevision:
    """Freeze the report as it stands and publish it: the first time, or as a correction."""
    report = _report(year)
    content = annual_report_data(ReportingYear(year))
    missing = missing_for_publication(report, content)
    if missing:
        raise Refused("cannot publish: " + "; ".join(missing), rule="8.1")
    latest = report.revisions.order_by("-number").first()
    correction = correction.strip()
    if latest is not None and not correction:
        raise Refused(
            "say what this revision corrects: the published report stays as it was",
            field="correction",
            rule="8.2",
        )
    content["report"] = {
        "analysis": report.analysis,
        "reported_on": day(report.reported_on),
        "minute_reference": report.minute_reference,
        "response": report.response,
        "response_on": day(report.response_on),
    }
    now = timezone.now()
    revision = ReportRevision.objects.create(
        report=report,
        number=(latest.number + 1) if latest else 1,
        content=content,
        correction=correction,
        published_at=now,
        published_by=actor if getattr(actor, "pk", None) else None,
    )
    _event(
        report,
        "annual_report.published",
        actor,
        {"revision": revision.number, "correction": correction},
    )
    return revision


# --- reads ---------------------------------------------------------------------------


def report_for(year: int) -> AnnualReport | None:
    return AnnualReport.objects.filter(year=year).first()


def revisions(year: int) -> list[ReportRevision]:
    """The year's published revisions, newest first."""
    return list(ReportRevision.objects.filter(report__year=year).order_by("-number"))


def published_years() -> list[int]:
    """Years with a published report, newest first."""
    return list(
        AnnualReport.objects.filter(revisions__isnull=False)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )
