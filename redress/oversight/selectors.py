"""The oversight figures for a reporting year or any period: counts only, never a row's details.

The MRC and the governing body receive volumes, categories, outcomes and
timeliness (9.x), and the annual report counts refusals by type (8.x). Every
figure here is an aggregate query (filtered Counts, or a GROUP BY), so no
complaint is loaded into Python and a million of them stay a few queries.
Where a figure needs the Code's working days, the database groups the stages
by their dates and the rules in `redress.code.timescales` judge each distinct
set of dates once, weighted by how many stages share it; only stages with an
extension (whose order matters) are judged one by one, from bare columns.

Every figure takes a `Span`: anything with a first_day and a last_day (a
ReportingYear, or a `redress.code.periods.Period` the dashboard asks for).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal
from typing import Protocol

from django.conf import settings
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    Min,
    OuterRef,
    Q,
    Sum,
)

from redress.administration import deployment
from redress.cases.categories import report_rows
from redress.cases.models import Complaint, Exclusion, Extension, Stage
from redress.code.periods import Period
from redress.code.stages import Status
from redress.code.timescales import Extension as ExtensionFacts
from redress.code.timescales import StageFacts, assess_stage
from redress.code.tsm import MeasureCounts, ReportingYear, measures, per_thousand
from redress.intake.models import Tenure
from redress.learning.decisions import decisions_sql, fetch
from redress.learning.models import Lesson
from redress.ombudsman.models import FINDING_CHOICES, Determination, Order
from redress.remedies.models import Remedy, RemedyKind, RemedyStatus

# Statuses in which the landlord owes a stage its response.
AWAITING = {
    1: (Status.STAGE1_RECEIVED, Status.STAGE1_ACCEPTED, Status.STAGE1_ACKNOWLEDGED),
    2: (Status.STAGE2_REQUESTED, Status.STAGE2_ACKNOWLEDGED),
}
# Age of an open stage in calendar days since it was received or escalated.
AGE_BANDS = ((0, 7), (8, 21), (22, 35), (36, 56), (57, None))
DECISIONS = (
    ("upheld", "Upheld"),
    ("partly_upheld", "Partly upheld"),
    ("not_upheld", "Not upheld"),
)


class Span(Protocol):
    """A run of London calendar days, both ends included."""

    @property
    def first_day(self) -> dt.date: ...

    @property
    def last_day(self) -> dt.date: ...


def year_of(day: dt.date) -> ReportingYear:
    """The reporting year (1 April to 31 March) a date falls in."""
    return ReportingYear(day.year if day.month >= 4 else day.year - 1)


def years_with_complaints(current: ReportingYear) -> list[int]:
    """The current year and every earlier one in which a complaint was received, newest first."""
    first = Complaint.objects.aggregate(first=Min("received_on"))["first"]
    earlier = range(year_of(first).start_year, current.start_year) if first else ()
    found = [
        y
        for y in earlier
        if Complaint.objects.filter(received_on__range=_in(ReportingYear(y))).exists()
    ]
    return sorted({current.start_year, *found}, reverse=True)


def _in(span: Span) -> tuple[dt.date, dt.date]:
    return (span.first_day, span.last_day)


def _months(span: Span) -> list[tuple[dt.date, dt.date]]:
    """The months the span touches, clipped to it (a reporting year's are April to March)."""
    return Period.of(span).months()


def _per_month(queryset, field: str, span: Span, **series: Q) -> dict[str, list[int]]:
    """Per named series (a filter), one count per month, all in one query: filtered Counts
    per month on the stored London date (plain date comparisons, which SQLite runs without
    calling back into Python)."""
    months = _months(span)
    counts = {
        f"{name}{i}": Count("id", filter=Q(**{f"{field}__range": month}) & only)
        for name, only in series.items()
        for i, month in enumerate(months)
    }
    found = queryset.filter(**{f"{field}__range": _in(span)}).aggregate(**counts)
    return {name: [found[f"{name}{i}"] for i in range(len(months))] for name in series}


def _of_tenure(queryset, tenure: str | None, path: str = ""):
    """Narrow to complaints from residents of one tenure (LCRA or LCHO), when asked."""
    return queryset if tenure is None else queryset.filter(**{f"{path}resident__tenure": tenure})


def received_by_month(year: Span, tenure: str | None = None) -> list[dict]:
    """Per month: complaints received at stage 1 (and how many were refused), and the
    escalations to stage 2 requested."""
    complaints = _per_month(
        _of_tenure(Complaint.objects.all(), tenure),
        "received_on",
        year,
        received=Q(),
        refused=Q(status=Status.REFUSED),
    )
    stage2 = _of_tenure(Stage.objects.filter(number=2), tenure, "complaint__")
    escalated = _per_month(
        stage2.exclude(complaint__in=_refused()), "requested_on", year, escalated=Q()
    )["escalated"]
    received, refused = complaints["received"], complaints["refused"]
    return [
        {"month": start, "received": r, "refused": x, "escalated": e}
        for (start, _), r, x, e in zip(_months(year), received, refused, escalated, strict=True)
    ]


def _band_filter(low: int, high: int | None, today: dt.date) -> Q:
    """Stages requested between `low` and `high` calendar days before today."""
    q = Q(requested_on__lte=today - dt.timedelta(days=low))
    if high is not None:
        q &= Q(requested_on__gte=today - dt.timedelta(days=high))
    return q


def open_now(today: dt.date) -> list[dict]:
    """Per stage: open complaints awaiting a response, by age band, and how many are overdue."""
    awaiting = Q()
    for number, statuses in AWAITING.items():
        awaiting |= Q(number=number, complaint__status__in=statuses)
    counts = {}
    for number in AWAITING:
        at = Q(number=number)
        counts[f"s{number}_total"] = Count("id", filter=at)
        counts[f"s{number}_overdue"] = Count("id", filter=at & Q(complaint__next_due__lt=today))
        for index, (low, high) in enumerate(AGE_BANDS):
            counts[f"s{number}_b{index}"] = Count("id", filter=at & _band_filter(low, high, today))
    found = Stage.objects.filter(awaiting).aggregate(**counts)
    return [
        {
            "stage": number,
            "bands": [found[f"s{number}_b{i}"] for i in range(len(AGE_BANDS))],
            "overdue": found[f"s{number}_overdue"],
            "total": found[f"s{number}_total"],
        }
        for number in AWAITING
    ]


def _responded_in(year: Span, tenure: str | None = None):
    """Stages answered in the span, of complaints not refused."""
    stages = _of_tenure(Stage.objects.all(), tenure, "complaint__")
    return stages.filter(responded_on__range=_in(year)).exclude(complaint__in=_refused())


def _refused():
    """The refused complaints' ids: few, and found by the status index, so stages are
    checked against this list rather than each joined to its complaint."""
    return Complaint.objects.filter(status=Status.REFUSED).values("pk")


def _by_regime(stages) -> list[tuple[str, object]]:
    """The stages split by the regime their complaint follows, as (regime, stages) pairs.

    Almost always every complaint follows one regime (found from its index), and then no
    stage is joined to its complaint to learn it; only a database holding complaints under
    several regimes pays for the join.
    """
    regimes = list(Complaint.objects.order_by("regime").values_list("regime", flat=True).distinct())
    if len(regimes) <= 1:
        return [(regimes[0] if regimes else settings.REDRESS_REGIME, stages)]
    return [(regime, stages.filter(complaint__regime=regime)) for regime in regimes]


def working_days_late(calendar, due: dt.date, done: dt.date) -> int:
    """How many working days later the deadline would have had to be for `done` to be on
    time: the working days after `due` up to `done`, and one more when `done` is not a
    working day (a Saturday answer to a Friday deadline is one working day late)."""
    if done <= due:
        return 0
    late = calendar.working_days_left(due, done)
    return late + (not calendar.is_working_day(done))


def weighted_median(counts: Counter) -> float | None:
    """The median of values given as {value: how many}; the mean of the middle two when even."""
    total = sum(counts.values())
    if not total:
        return None
    middle = ((total - 1) // 2, total // 2)
    found, seen = [], 0
    for value in sorted(counts):
        for position in middle:
            if seen <= position < seen + counts[value]:
                found.append(value)
        seen += counts[value]
    return sum(found) / 2


def timeliness(year: Span, tenure: str | None = None) -> list[dict]:
    """Per stage, of the responses sent in the span: acknowledged on time (or answered
    within the acknowledgement time), responded on time, how many had an extension, and
    of those answered late, how many working days late (in total and the median)."""
    calendar = deployment.calendar()
    tally = {n: Counter() for n in (1, 2)}
    lateness = {n: Counter() for n in (1, 2)}

    def judge(number, regime, facts: StageFacts, weight: int, extended: bool) -> None:
        clock = assess_stage(facts, deployment.regime(regime), calendar, facts.responded_on)
        tally[number]["responded"] += weight
        tally[number]["acknowledged_on_time"] += weight * (not clock.acknowledgement_late)
        tally[number]["responded_on_time"] += weight * bool(clock.responded_on_time)
        tally[number]["extended"] += weight * extended
        tally[number]["within_timescales"] += weight * clock.within_timescales
        if not clock.responded_on_time:
            late = working_days_late(calendar, clock.respond_by, facts.responded_on)
            tally[number]["late"] += weight
            tally[number]["days_late"] += weight * late
            lateness[number][late] += weight

    has_extension = Exists(Extension.objects.filter(stage=OuterRef("pk")))
    dates = ("number", "requested_on", "acknowledged_on", "responded_on")
    for regime, stages in _by_regime(_responded_in(year, tenure).filter(~has_extension)):
        for row in stages.values(*dates).annotate(n=Count("id")).order_by():
            facts = StageFacts(*(row[name] for name in dates))
            judge(row["number"], regime, facts, row["n"], False)

    extended = _responded_in(year, tenure).filter(has_extension)
    extensions: dict[int, list[ExtensionFacts]] = {}
    for stage_id, days, agreed_on, reason, good in (
        Extension.objects.filter(stage__in=extended.values("pk"))
        .annotate(
            good=ExpressionWrapper(
                Q(good_reason_recorded=True) | Q(approved_by__isnull=False),
                output_field=BooleanField(),
            )
        )
        .values_list("stage_id", "working_days", "agreed_on", "reason", "good")
        .order_by("id")
    ):
        extensions.setdefault(stage_id, []).append(ExtensionFacts(days, agreed_on, reason, good))
    for regime, stages in _by_regime(extended):
        for stage_id, *facts in stages.values_list("pk", *dates):
            granted = tuple(extensions.get(stage_id, ()))
            judge(facts[0], regime, StageFacts(*facts, granted), 1, True)
    return [
        {
            "stage": n,
            **{k: tally[n][k] for k in _TIMELINESS},
            "median_days_late": weighted_median(lateness[n]),
        }
        for n in (1, 2)
    ]


_TIMELINESS = (
    "responded",
    "acknowledged_on_time",
    "responded_on_time",
    "extended",
    "within_timescales",
    "late",
    "days_late",
)


def refusals(year: Span) -> list[dict]:
    """Complaints received in the year and not accepted, by the exclusion given (2.x, 8.x)."""
    found = dict(
        Complaint.objects.filter(received_on__range=_in(year), status=Status.REFUSED)
        .values_list("exclusion")
        .annotate(n=Count("id"))
        .order_by()
    )
    rows = [{"label": label, "count": found.pop(value, 0)} for value, label in Exclusion.choices]
    if any(found.values()):
        rows.append({"label": "No reason recorded", "count": sum(found.values())})
    return rows


def decisions(year: Span) -> list[dict]:
    """Per stage, the decisions on the points answered in the year's responses (6.7, 6.18)."""
    refused = f"SELECT id FROM {Complaint._meta.db_table} WHERE status = %s"
    sql = decisions_sql(
        "s.number, {decision}, COUNT(*)",
        f"s.responded_on BETWEEN %s AND %s AND s.complaint_id NOT IN ({refused})",
        "1, 2",
        complaint=False,
    )
    found = {
        (number, decision): n
        for number, decision, n in fetch(sql, [year.first_day, year.last_day, Status.REFUSED.value])
    }
    return [
        {
            "stage": number,
            "counts": [found.get((number, value), 0) for value, _ in DECISIONS],
            "total": sum(found.get((number, value), 0) for value, _ in DECISIONS),
        }
        for number in (1, 2)
    ]


def categories(year: Span) -> list[dict]:
    """Complaints received in the year by the landlord's categories.

    Only the landlord's category names are shown (a deactivated one only while it has
    complaints in the year): an imported category (an old tracker's own wording) is
    counted, never printed.
    """
    found = dict(
        Complaint.objects.filter(received_on__range=_in(year))
        .values_list("category")
        .annotate(n=Count("id"))
        .order_by()
    )
    return [{"label": label, "count": n} for label, n, _ in report_rows(found, 0, sum)]


def measure_counts(
    year: ReportingYear,
    by_month: list[dict] | None = None,
    timeliness_rows: list[dict] | None = None,
    tenure: str | None = None,
) -> MeasureCounts:
    """The counts behind CH01 and CH02, from aggregates (the page passes those it has made).

    `redress tsm --from-db` counts this way too. The tests hold it to an independent
    count that judges every complaint one by one (redress/cases/tests/measures_oracle.py).
    """
    by_month = received_by_month(year, tenure) if by_month is None else by_month
    timeliness_rows = timeliness(year, tenure) if timeliness_rows is None else timeliness_rows
    stage = {row["stage"]: row for row in timeliness_rows}
    return MeasureCounts(
        stage1_received=sum(row["received"] - row["refused"] for row in by_month),
        stage2_received=sum(row["escalated"] for row in by_month),
        stage1_responded=stage[1]["responded"],
        stage1_within_timescales=stage[1]["within_timescales"],
        stage2_responded=stage[2]["responded"],
        stage2_within_timescales=stage[2]["within_timescales"],
    )


def tenant_satisfaction_measures(
    year: ReportingYear, by_month: list[dict], timeliness_rows: list[dict]
) -> dict:
    """CH01 and CH02 as figures (`redress.code.tsm.measures`), for the page."""
    counts = measure_counts(year, by_month, timeliness_rows)
    return measures(year, settings.REDRESS_HOMES, counts)


def measures_by_tenure(year: ReportingYear) -> list[dict]:
    """CH01 and CH02 for low-cost rental and low-cost home ownership separately, when the
    landlord has homes of both kinds (REDRESS_HOMES_LCRA, REDRESS_HOMES_LCHO); else none."""
    homes = {"lcra": settings.REDRESS_HOMES_LCRA, "lcho": settings.REDRESS_HOMES_LCHO}
    if not all(homes.values()):
        return []
    return [
        {
            "tenure": tenure,
            "label": Tenure(tenure).label,
            "measures": measures(year, homes[tenure], measure_counts(year, tenure=tenure)),
        }
        for tenure in homes
    ]


def ombudsman_outcomes(year: Span, today: dt.date) -> dict:
    """Findings made in the span, by finding, and the state of the orders: counts only."""
    in_year = {"case__determined_on__range": (year.first_day, year.last_day)}
    found = dict(
        Determination.objects.filter(**in_year)
        .values_list("finding")
        .annotate(n=Count("id"))
        .values_list("finding", "n")
    )
    orders = Order.objects.aggregate(
        due_in_year=Count("id", filter=Q(due_on__range=(year.first_day, year.last_day))),
        complied_on_time=Count(
            "id",
            filter=Q(due_on__range=(year.first_day, year.last_day))
            & Q(complied_on__lte=F("due_on")),
        ),
        overdue_now=Count("id", filter=Q(complied_on__isnull=True, due_on__lt=today)),
    )
    return {
        "findings": [
            {"label": label, "count": found.get(value, 0)} for value, label in FINDING_CHOICES
        ],
        "orders": orders,
    }


def per_thousand_homes(by_month: list[dict]) -> dict | None:
    """Stage 1 complaints accepted and stage 2 escalations per 1,000 homes (as CH01 counts
    them), from the monthly counts; None when the landlord has not said how many homes."""
    homes = settings.REDRESS_HOMES
    if not homes:
        return None
    stage1 = sum(row["received"] - row["refused"] for row in by_month)
    stage2 = sum(row["escalated"] for row in by_month)
    return {
        "homes": homes,
        "stage1": per_thousand(stage1, homes),
        "stage2": per_thousand(stage2, homes),
    }


def remedies(span: Span) -> dict:
    """Remedies offered in the span by kind (7.1), those completed and declined in it, and
    the money: the financial remedies' amounts offered, and paid (completed) in the span.
    The dashboard and the annual report both count them here, so they agree."""
    offered = Q(offered_on__range=_in(span))
    completed = Q(status=RemedyStatus.COMPLETED, completed_on__range=_in(span))
    money = Q(amount__isnull=False)
    by_kind = {
        kind: (n_offered, n_completed)
        for kind, n_offered, n_completed in Remedy.objects.filter(offered | completed)
        .values("kind")
        .annotate(o=Count("id", filter=offered), c=Count("id", filter=completed))
        .values_list("kind", "o", "c")
        .order_by()
    }
    declined = Q(status=RemedyStatus.DECLINED, declined_on__range=_in(span))
    totals = Remedy.objects.aggregate(
        declined=Count("id", filter=declined),
        financial_offered=Count("id", filter=offered & money),
        amount_offered=Sum("amount", filter=offered & money),
        financial_paid=Count("id", filter=completed & money),
        amount_paid=Sum("amount", filter=completed & money),
    )
    kinds = [*RemedyKind.choices, ("", "Kind not recorded")]
    rows = [
        {"label": label, "offered": offered_n, "completed": completed_n}
        for value, label in kinds
        for offered_n, completed_n in [by_kind.get(value, (0, 0))]
    ]
    return {
        "kinds": rows,
        "offered": sum(row["offered"] for row in rows),
        "completed": sum(row["completed"] for row in rows),
        "declined": totals["declined"],
        "financial_offered": totals["financial_offered"],
        "amount_offered": totals["amount_offered"] or Decimal("0.00"),
        "financial_paid": totals["financial_paid"],
        "amount_paid": totals["amount_paid"] or Decimal("0.00"),
    }


def learning(span: Span) -> dict:
    """The learning log (9.x): lessons identified in the span, lessons whose improvement was
    completed in it, and those still open on its last day."""
    return Lesson.objects.aggregate(
        identified=Count("id", filter=Q(identified_on__range=_in(span))),
        completed=Count("id", filter=Q(status=Lesson.Status.DONE, done_on__range=_in(span))),
        open_at_end=Count(
            "id",
            filter=Q(identified_on__lte=span.last_day)
            & (Q(done_on__isnull=True) | Q(done_on__gt=span.last_day)),
        ),
    )
