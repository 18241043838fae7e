"""Evidence on who is responsible and what they received: roles (4.1, 9.4, 9.5), learning
(9.1, 9.2) and the reports the MRC received (9.7).

Roles are as they stand today, not over the year: Redress keeps who holds a role now.
Shortfall rules: nobody active holds the complaints officer, senior lead or MRC role
(4.1, 9.4, 9.5); the MRC received no report from Redress in the year (9.7).
"""

from __future__ import annotations

from collections.abc import Iterator

from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.db.models.functions import TruncDate

from redress.administration import deployment
from redress.code.london import LONDON
from redress.code.tsm import ReportingYear
from redress.learning.models import Lesson, RootCause
from redress.record.models import Event
from redress.staff.roles import COMPLAINTS_OFFICER, MRC, SENIOR_LEAD

from .drafted import Drafted, count, day, listing, moments, period, sentence, share, was

ROLES = (
    ("4.1", COMPLAINTS_OFFICER, "the complaints officer role"),
    ("9.4", SENIOR_LEAD, "the senior lead role, accountable for complaint handling"),
    ("9.5", MRC, "the Member Responsible for Complaints role"),
)
REPORTS = {"dashboard": "the complaints dashboard", "annual_report": "the annual report"}
# Up to this many dates are listed; beyond it, the count with the first and last.
DATES_LISTED = 12


def role_evidence(year: ReportingYear) -> Iterator[Drafted]:
    found = (
        get_user_model()
        .objects.filter(is_active=True)
        .aggregate(
            **{
                number: Count("id", filter=Q(groups__name=role), distinct=True)
                for number, role, _ in ROLES
            }
        )
    )
    today = day(deployment.today())
    for number, _, words in ROLES:
        holders = found[number]
        if holders:
            text = f"On {today}, {count(holders, 'person', 'people')} in Redress held {words}."
            yield Drafted(number, text)
        else:
            text = f"On {today}, nobody in Redress held {words}."
            yield Drafted(number, text, text)


def learning_evidence(year: ReportingYear) -> Iterator[Drafted]:
    """9.1: lessons logged and improvements made."""
    span = (year.first_day, year.last_day)
    found = Lesson.objects.aggregate(
        logged=Count("id", filter=Q(identified_on__range=span)),
        done=Count("id", filter=Q(done_on__range=span, status=Lesson.Status.DONE)),
    )
    logged, done = found["logged"], found["done"]
    text = (
        f"{count(logged, 'lesson')} from complaints {was(logged)} logged "
        f"in the learning log {period(year)}, and {count(done, 'service improvement')} "
        f"{was(done)} completed."
    )
    yield Drafted("9.1", sentence(text))


def root_cause_evidence(year: ReportingYear, decided: list[dict]) -> Drafted:
    """9.2: root causes of the upheld points, given the year's `decisions` rows."""
    upheld = sum(row["counts"][0] + row["counts"][1] for row in decided)
    span = (year.first_day, year.last_day)
    causes = RootCause.objects.filter(stage__responded_on__range=span).count()
    if upheld == 0:
        text = f"No points were upheld in responses sent {period(year)}."
    else:
        text = (
            f"A root cause was recorded for {share(min(causes, upheld), upheld)} points upheld "
            f"or partly upheld in responses sent {period(year)}."
        )
    return Drafted("9.2", text)


def report_evidence(year: ReportingYear) -> Drafted:
    """9.7: the London dates on which an MRC opened each report (one event a day at most)."""
    start, end = moments(year)
    rows = (
        Event.objects.filter(
            subject_kind="oversight",
            subject_id=0,
            action="report.received",
            occurred_at__gte=start,
            occurred_at__lt=end,
            actor__groups__name=MRC,
        )
        .annotate(on=TruncDate("occurred_at", tzinfo=LONDON))
        .values_list("payload__report", "on")
        .distinct()
    )
    dates: dict[str, set] = {}
    for report, on in rows:
        dates.setdefault(report or "", set()).add(on)
    if not dates:
        text = f"The MRC received no reports from Redress {period(year)}."
        return Drafted("9.7", text, text)
    parts = []
    known = [r for r in REPORTS if r in dates]
    for report in known + sorted(r for r in dates if r not in REPORTS):
        days = sorted(dates[report])
        name = REPORTS.get(report) or f"the report '{report or 'unnamed'}'"
        if len(days) <= DATES_LISTED:
            when = listing([day(d) for d in days])
            parts.append(f"{name} on {count(len(days), 'day')} ({when})")
        else:
            parts.append(f"{name} on {len(days):,} days, from {day(days[0])} to {day(days[-1])}")
    return Drafted("9.7", sentence(f"{period(year)}, the MRC received {listing(parts)}."))
