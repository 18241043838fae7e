"""The oversight figures for a reporting year: counts only, never a row's details.

The MRC and the governing body receive volumes, categories, outcomes and
timeliness (9.x), and the annual report counts refusals by type (8.x). Every
figure here is an aggregate query (filtered Counts, or a GROUP BY), so no
complaint is loaded into Python and a million of them stay a few queries.
Where a figure needs the Code's working days, the database groups the stages
by their dates and the rules in `redress.code.timescales` judge each distinct
set of dates once, weighted by how many stages share it; only stages with an
extension (whose order matters) are judged one by one, from bare columns.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.conf import settings
from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, F, Min, OuterRef, Q

from redress.cases import landlord
from redress.cases.models import Complaint, Exclusion, Extension, Stage
from redress.code.stages import Status
from redress.code.timescales import Extension as ExtensionFacts
from redress.code.timescales import StageFacts, assess_stage
from redress.code.tsm import MeasureCounts, ReportingYear, measures
from redress.intake.models import Tenure
from redress.learning.decisions import decisions_sql, fetch
from redress.learning.selectors import category_list

from .models import FINDING_CHOICES, Determination, Order

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


def _in(year: ReportingYear) -> tuple[dt.date, dt.date]:
    return (year.first_day, year.last_day)


def _months(year: ReportingYear) -> list[tuple[dt.date, dt.date]]:
    """The year's months, April to March, as (first day, last day)."""
    starts = [dt.date(year.start_year + (m < 4), m, 1) for m in (*range(4, 13), 1, 2, 3)]
    ends = [later - dt.timedelta(days=1) for later in starts[1:]] + [year.last_day]
    return list(zip(starts, ends, strict=True))


def _per_month(queryset, field: str, year: ReportingYear, **only) -> list[int]:
    """One count per month in one query: a filtered Count per month on the stored London date
    (plain date comparisons, which SQLite runs without calling back into Python)."""
    counts = {
        f"m{i}": Count("id", filter=Q(**{f"{field}__range": month}, **only))
        for i, month in enumerate(_months(year))
    }
    found = queryset.filter(**{f"{field}__range": _in(year)}).aggregate(**counts)
    return [found[f"m{i}"] for i in range(len(counts))]


def _of_tenure(queryset, tenure: str | None, path: str = ""):
    """Narrow to complaints from residents of one tenure (LCRA or LCHO), when asked."""
    return queryset if tenure is None else queryset.filter(**{f"{path}resident__tenure": tenure})


def received_by_month(year: ReportingYear, tenure: str | None = None) -> list[dict]:
    """Per month: complaints received at stage 1 (and how many were refused), and the
    escalations to stage 2 requested."""
    complaints = _of_tenure(Complaint.objects.all(), tenure)
    received = _per_month(complaints, "received_on", year)
    refused = _per_month(complaints, "received_on", year, status=Status.REFUSED)
    escalated = _per_month(
        _of_tenure(Stage.objects.filter(number=2), tenure, "complaint__").exclude(
            complaint__status=Status.REFUSED
        ),
        "requested_on",
        year,
    )
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


def _responded_in(year: ReportingYear, tenure: str | None = None):
    stages = _of_tenure(Stage.objects.all(), tenure, "complaint__")
    return stages.filter(responded_on__range=_in(year)).exclude(complaint__status=Status.REFUSED)


def timeliness(year: ReportingYear, tenure: str | None = None) -> list[dict]:
    """Per stage, of the responses sent in the year: acknowledged on time (or answered
    within the acknowledgement time), responded on time, and how many had an extension."""
    calendar = landlord.calendar()
    tally = {n: Counter() for n in (1, 2)}

    def judge(number, regime, facts: StageFacts, weight: int, extended: bool) -> None:
        clock = assess_stage(facts, landlord.regime(regime), calendar, facts.responded_on)
        tally[number]["responded"] += weight
        tally[number]["acknowledged_on_time"] += weight * (not clock.acknowledgement_late)
        tally[number]["responded_on_time"] += weight * bool(clock.responded_on_time)
        tally[number]["extended"] += weight * extended
        tally[number]["within_timescales"] += weight * clock.within_timescales

    has_extension = Exists(Extension.objects.filter(stage=OuterRef("pk")))
    dates = ("number", "complaint__regime", "requested_on", "acknowledged_on", "responded_on")
    plain = (
        _responded_in(year, tenure)
        .filter(~has_extension)
        .values(*dates)
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in plain:
        facts = StageFacts(
            row["number"], row["requested_on"], row["acknowledged_on"], row["responded_on"]
        )
        judge(row["number"], row["complaint__regime"], facts, row["n"], False)

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
    for stage_id, number, regime, requested, acknowledged, responded in extended.values_list(
        "pk", *dates
    ):
        facts = StageFacts(
            number, requested, acknowledged, responded, tuple(extensions.get(stage_id, ()))
        )
        judge(number, regime, facts, 1, True)
    return [{"stage": n, **{k: tally[n][k] for k in _TIMELINESS}} for n in (1, 2)]


_TIMELINESS = (
    "responded",
    "acknowledged_on_time",
    "responded_on_time",
    "extended",
    "within_timescales",
)


def refusals(year: ReportingYear) -> list[dict]:
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


def decisions(year: ReportingYear) -> list[dict]:
    """Per stage, the decisions on the points answered in the year's responses (6.7, 6.18)."""
    sql = decisions_sql(
        "s.number, {decision}, COUNT(*)",
        "s.responded_on BETWEEN %s AND %s AND c.status <> %s",
        "1, 2",
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


def categories(year: ReportingYear) -> list[dict]:
    """Complaints received in the year by the landlord's categories.

    Only the landlord's category names are shown (a deactivated one only while it has
    complaints in the year): anything else in the column (an imported tracker's own
    wording) is counted, never printed.
    """
    found = dict(
        Complaint.objects.filter(received_on__range=_in(year))
        .values_list("category")
        .annotate(n=Count("id"))
        .order_by()
    )
    rows = [
        {"label": name, "count": found.pop(name, 0)}
        for name, active in category_list()
        if active or found.get(name)
    ]
    uncategorised = found.pop("", 0)
    if found:
        rows.append({"label": "Not in the landlord's category list", "count": sum(found.values())})
    rows.append({"label": "No category recorded", "count": uncategorised})
    return rows


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


def ombudsman_outcomes(year: ReportingYear, today: dt.date) -> dict:
    """Findings made in the year, by finding, and the state of the orders: counts only."""
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
