"""Evidence on the landlord's own reporting: last year's annual report (8.2) and notices of
exceptional circumstances (8.5), now that Redress holds both.

The self-assessment is part of this year's annual report, so 8.2 speaks of the year
before: reported to the governing body, published with its response. Shortfall rules: the
previous year's report is recorded in Redress but was never published (8.2); a published
notice is still in force after the date it gave for returning to compliance (8.5). A
report kept outside Redress is no shortfall: Redress says only that it holds none.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Min

from redress.code.london import london_date
from redress.code.tsm import ReportingYear
from redress.oversight.annual_report.models import AnnualReport, ExceptionalNotice

from .drafted import Drafted, as_of, count, day, listing, moments, period, sentence


def annual_report_evidence(year: ReportingYear) -> Drafted:
    before = ReportingYear(year.start_year - 1)
    report = (
        AnnualReport.objects.filter(year=before.start_year)
        .annotate(first_published=Min("revisions__published_at"))
        .first()
    )
    if report is None:
        return Drafted("8.2", f"No annual complaints report for {before.label} is held in Redress.")
    name = f"The annual complaints report for {before.label}"
    steps = []
    if report.reported_on:
        minute = f" (minute {report.minute_reference})" if report.minute_reference else ""
        steps.append(f"reported to the governing body on {day(report.reported_on)}{minute}")
    if report.first_published:
        published = day(london_date(report.first_published))
        steps.append(f"published with the governing body's response on {published}")
        return Drafted("8.2", f"{name} was {listing(steps)}.")
    text = f"{name} has not been published"
    if steps:
        text += f"; it was {steps[0]}"
    return Drafted("8.2", f"{text}.", shortfall=f"{text}.")


def notice_evidence(year: ReportingYear) -> Drafted:
    start, end = moments(year)
    notices = list(
        ExceptionalNotice.objects.filter(published_at__gte=start, published_at__lt=end).order_by(
            "published_at"
        )
    )
    if not notices:
        return Drafted(
            "8.5", sentence(f"no notice of exceptional circumstances was published {period(year)}.")
        )
    on = as_of(year)
    parts, overdue = [], []
    for notice in notices:
        part = (
            f"one published on {day(london_date(notice.published_at))} (the Ombudsman told on "
            f"{day(notice.ombudsman_informed_on)}, compliance again by {day(notice.return_by)}"
        )
        if notice.withdrawn_at:
            part += f", withdrawn on {day(london_date(notice.withdrawn_at))}"
        elif notice.return_by < on:
            overdue.append(notice)
        parts.append(part + ")")
    text = f"{count(len(notices), 'notice')} of exceptional circumstances {period(year)}: "
    text = sentence(text + listing(parts) + ".")
    shortfall = ""
    if overdue:
        shortfall = (
            f"{count(len(overdue), 'notice')} still in force on {day(on)} after the date "
            "given for returning to compliance."
        )
        text += " " + sentence(shortfall)
    return Drafted("8.5", text, shortfall=sentence(shortfall))


def reporting_evidence(year: ReportingYear) -> Iterator[Drafted]:
    yield annual_report_evidence(year)
    yield notice_evidence(year)
