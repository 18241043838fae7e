"""Reads for learning: the taxonomies, root causes, the learning log, its report and the trends.

The report and the trends return figures and fixed labels only (and lesson text, which
the form asks to be written without names): the oversight roles and residents' panels
see them. Every trend is an aggregate query (a GROUP BY, or filtered Counts), so a
million complaints stay a handful of queries.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db.models import Count, F, Q

from redress.cases.categories import report_rows
from redress.cases.models import Category, Complaint, Contractor, Stage
from redress.code.trends import TRAILING_MONTHS, significant_rise
from redress.intake.models import Resident

from .decisions import UPHELD, decisions_sql, fetch
from .models import Cause, Lesson, RootCause

# Repeat complainants are counted in these bands of complaints each.
REPEAT_BANDS = ((2, 2), (3, 3), (4, 5), (6, None))
HOTSPOTS_SHOWN = 10


# --- the taxonomies -------------------------------------------------------------------


def categories() -> list[Category]:
    return list(Category.objects.all())


def causes() -> list[Cause]:
    return list(Cause.objects.filter(active=True))


# --- root causes ----------------------------------------------------------------------


def upheld_points(stage: Stage) -> list[str]:
    """The points of a responded stage that were upheld or partly upheld, in order."""
    if stage.responded_on is None:
        return []
    decisions = (stage.response or {}).get("decisions") or []
    return [d["point"] for d in decisions if isinstance(d, dict) and d.get("decision") in UPHELD]


def root_causes(stage: Stage) -> dict[str, RootCause]:
    return {r.point: r for r in stage.root_causes.select_related("cause")}


# --- the learning log -----------------------------------------------------------------


def lessons(status: str = "") -> list[Lesson]:
    found = Lesson.objects.select_related("owner", "owner_team").annotate(
        complaint_count=Count("complaints")
    )
    return list(found.filter(status=status) if status else found)


def lesson_complaints(lesson: Lesson, visible) -> tuple[list[str], int]:
    """The references behind a lesson this person may open, and how many others there are."""
    all_ids = set(lesson.complaints.values_list("pk", flat=True))
    shown = sorted(visible.filter(pk__in=all_ids).values_list("reference", flat=True))
    return shown, len(all_ids) - len(shown)


def report(first: dt.date, last: dt.date) -> dict:
    """Lessons identified or completed in the period, and root causes recorded in it: counts,
    lesson text and improvements only (no names, no references)."""
    in_period = Q(identified_on__range=(first, last)) | Q(done_on__range=(first, last))
    found = list(
        Lesson.objects.filter(in_period)
        .annotate(complaint_count=Count("complaints"))
        .order_by("identified_on", "id")
        .values("lesson", "improvement", "status", "identified_on", "done_on", "complaint_count")
    )
    statuses = Counter(row["status"] for row in found)
    causes_found = dict(
        RootCause.objects.filter(stage__responded_on__range=(first, last))
        .values_list("cause__name")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {
        "lessons": [{**row, "status": Lesson.Status(row["status"]).label} for row in found],
        "by_status": [
            {"label": label, "count": statuses.get(value, 0)}
            for value, label in Lesson.Status.choices
        ],
        "root_causes": [
            {"label": cause.name, "count": causes_found.get(cause.name, 0)}
            for cause in Cause.objects.all()
            if cause.active or causes_found.get(cause.name)
        ],
        "complaints_behind": sum(row["complaint_count"] for row in found),
    }


# --- trends and early warnings --------------------------------------------------------


def _month_start(day: dt.date, back: int = 0) -> dt.date:
    index = day.year * 12 + day.month - 1 - back
    return dt.date(index // 12, index % 12 + 1, 1)


def trend_months(today: dt.date) -> list[tuple[dt.date, dt.date]]:
    """The trailing twelve months and, last, the latest complete month, as (first, last day)."""
    starts = [_month_start(today, back) for back in range(TRAILING_MONTHS + 1, 0, -1)]
    ends = [_month_start(start, -1) - dt.timedelta(days=1) for start in starts]
    return list(zip(starts, ends, strict=True))


def volumes(months: list[tuple[dt.date, dt.date]]) -> list[dict]:
    """Complaints received per category per month (one GROUP BY with a Count per month), each
    landlord category tested for a significant rise in the latest month."""
    counts = {
        f"m{i}": Count("id", filter=Q(received_on__range=month)) for i, month in enumerate(months)
    }
    found = {
        row["category"]: [row[f"m{i}"] for i in range(len(months))]
        for row in Complaint.objects.filter(received_on__range=(months[0][0], months[-1][1]))
        .values("category")
        .annotate(**counts)
        .order_by()
    }
    empty = [0] * len(months)
    return [
        {
            "label": label,
            "counts": series,
            "rise": significant_rise(series[-1], series[:-1]) if landlords else None,
        }
        for label, series, landlords in report_rows(found, empty, _added)
    ]


def _added(series: list[list[int]]) -> list[int]:
    return [sum(column) for column in zip(*series, strict=True)]


def repeat_complainants(first: dt.date, last: dt.date) -> dict:
    """Residents with two or more complaints received in the period, by how many: counts only."""
    per_resident = (
        Complaint.objects.filter(received_on__range=(first, last), resident__isnull=False)
        # Grouped by an expression, not the column: otherwise SQLite walks the resident
        # index and looks up every complaint's date, ten times slower than a plain scan.
        .annotate(who=F("resident_id") + 0)
        .values("who")
        .annotate(n=Count("id"))
        .filter(n__gte=2)
        .order_by()
    )
    tally = Counter(per_resident.values_list("n", flat=True))
    bands = []
    for low, high in REPEAT_BANDS:
        label = (
            f"{low} complaints"
            if low == high
            else (f"{low} to {high} complaints" if high else f"{low} or more complaints")
        )
        residents = sum(v for n, v in tally.items() if n >= low and (high is None or n <= high))
        bands.append({"label": label, "residents": residents})
    return {
        "residents": sum(tally.values()),
        "complaints": sum(n * v for n, v in tally.items()),
        "bands": bands,
    }


def postcode_district(postcode: str) -> str:
    """The outward code of a postcode ("LS1" of "LS1 4AP"): all but the last three characters
    once spaces are gone; blank for anything too short to be a postcode."""
    bare = postcode.replace(" ", "").upper()
    return bare[:-3] if len(bare) >= 5 else ""


# Complaints per resident first (a scan of the complaints, grouped by an expression so that
# SQLite does not walk the resident index), then one GROUP BY over the residents' places.
_PLACES_SQL = """
    SELECT r.postcode, r.block, r.estate, SUM(x.n)
    FROM (SELECT resident_id + 0 AS rid, COUNT(*) AS n FROM {complaint}
          WHERE received_on BETWEEN %s AND %s AND resident_id IS NOT NULL GROUP BY 1) x
    JOIN {resident} r ON r.id = x.rid
    GROUP BY r.postcode, r.block, r.estate"""


def hotspots(first: dt.date, last: dt.date) -> dict:
    """The postcode districts, blocks and estates with the most complaints in the period."""
    sql = _PLACES_SQL.format(complaint=Complaint._meta.db_table, resident=Resident._meta.db_table)
    districts, blocks, estates = Counter(), Counter(), Counter()
    for postcode, block, estate, n in fetch(sql, [first, last]):
        districts[postcode_district(postcode)] += n
        blocks[block] += n
        estates[estate] += n

    def top(counts: Counter) -> list[dict]:
        counts.pop("", None)
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        return [{"label": label, "count": n} for label, n in ranked[:HOTSPOTS_SHOWN]]

    return {"districts": top(districts), "blocks": top(blocks), "estates": top(estates)}


def contractors(first: dt.date, last: dt.date) -> list[dict]:
    """Contractors by complaints upheld against them (any point upheld or partly upheld in a
    responded stage) among the complaints received in the period, with totals and the rate."""
    totals = dict(
        Complaint.objects.filter(received_on__range=(first, last), contractor__isnull=False)
        .values_list("contractor")
        .annotate(n=Count("id"))
        .order_by()
    )
    sql = decisions_sql(
        "c.contractor_id, COUNT(DISTINCT c.id)",
        "c.contractor_id IS NOT NULL AND c.received_on BETWEEN %s AND %s"
        " AND s.responded_on IS NOT NULL AND {decision} IN (%s, %s)",
        "c.contractor_id",
    )
    upheld = dict(fetch(sql, [first, last, *UPHELD]))
    names = dict(Contractor.objects.filter(pk__in=totals).values_list("pk", "name"))
    rows = [
        {
            "label": names[pk],
            "complaints": total,
            "upheld": upheld.get(pk, 0),
            "rate": f"{upheld.get(pk, 0) * 100 / total:.1f}%",
        }
        for pk, total in totals.items()
    ]
    return sorted(rows, key=lambda r: (-r["upheld"], -r["complaints"], r["label"]))


def trends(today: dt.date) -> dict:
    """Everything the trends page shows, for the twelve months to the latest complete month."""
    months = trend_months(today)
    first, last = months[1][0], months[-1][1]
    return {
        "months": [start for start, _ in months],
        "latest": months[-1][0],
        "first": first,
        "last": last,
        "volumes": volumes(months),
        "repeat": repeat_complainants(first, last),
        "hotspots": hotspots(first, last),
        "contractors": contractors(first, last),
    }
