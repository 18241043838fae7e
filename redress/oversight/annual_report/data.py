"""What the annual complaints performance and service improvement report says (8.1 a to f).

`annual_report_data(year)` gathers it from the records: the published self-assessment
(a), the year's figures with the previous year's beside them (b), the Ombudsman's
findings of non-compliance with the Code (c), the service improvements completed (d)
and the Ombudsman's publications about the landlord (e, f). Every figure is an
aggregate query, most of them the oversight summary's own selectors; nothing reads a
resident's details. The result is plain JSON (dates and money already written out), so
publishing can freeze it as it stands.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Q

from redress.cases.models import Exclusion
from redress.code.london import long_date
from redress.code.tsm import ReportingYear, measures, percentage
from redress.infra.ports import Ports
from redress.learning.models import Lesson
from redress.ombudsman.models import FINDING_CHOICES, Determination, Order

from .. import selectors
from .models import OmbudsmanPublication

# What each exclusion means, in the words the public report uses (2.2, 8.1 b).
REFUSAL_DESCRIPTIONS = {
    Exclusion.OVER_12_MONTHS.label: (
        "The issue happened, or the resident became aware of it, more than 12 months before "
        "the complaint, and we did not use our discretion to accept it."
    ),
    Exclusion.LEGAL_PROCEEDINGS.label: (
        "Legal proceedings about the issue had already been started in court."
    ),
    Exclusion.PREVIOUSLY_CONSIDERED.label: (
        "The same issue had already been through our complaints process."
    ),
    Exclusion.OTHER.label: "Another reason, explained to the resident in writing.",
    "No reason recorded": "No reason was recorded (a record to correct).",
}
# Findings that say something went wrong; on an element about complaint handling they are
# the Ombudsman finding that the landlord did not follow the Code.
FAILURE_FINDINGS = ("service_failure", "maladministration", "severe_maladministration")
COMPLAINT_HANDLING = "complaint handling"


def day(value: dt.date | None) -> str:
    return long_date(value) if value else ""


def money(value: Decimal | None) -> str:
    return f"£{value or 0:,.2f}"


def _percent(part: int, whole: int) -> str:
    found = percentage(part, whole)
    return "not available" if found is None else f"{found}%"


def _figure(value) -> str:
    return "not available" if value is None else str(value)


# --- (a) the self-assessment ---------------------------------------------------------

# The self-assessment belongs to `redress.assessments`, which sits above oversight (its
# evidence reads these figures, reports and notices). So that oversight never imports it,
# that app provides section (a) when Django starts (`AssessmentsConfig.ready`, `infra.ports`).
PORTS = Ports("oversight", "self_assessment")
provide = PORTS.provide


def self_assessment(year: ReportingYear) -> dict | None:
    """The year's published self-assessment, row by row as plain JSON, or None: none is
    published, or no app provides one (either way the report cannot be published)."""
    section = PORTS.get("self_assessment")
    return section(year) if section else None


# --- (b) the figures -----------------------------------------------------------------


def remedies(year: ReportingYear) -> dict:
    """Remedies offered in the year by kind, those completed and declined in it, and the
    money offered and paid: the oversight figures (`selectors.remedies`), written out."""
    found = selectors.remedies(year)
    return {
        "offered": found["offered"],
        "completed": found["completed"],
        "declined": found["declined"],
        "financial": found["financial_offered"],
        "amount_offered": money(found["amount_offered"]),
        "amount_paid": money(found["amount_paid"]),
        "by_kind": [
            {"label": row["label"], "count": row["offered"]}
            for row in found["kinds"]
            if row["offered"] or row["label"] != "Kind not recorded"
        ],
    }


def _headline(year: ReportingYear) -> dict:
    """The figures compared year on year, and what they were made from."""
    by_month = selectors.received_by_month(year)
    timeliness = selectors.timeliness(year)
    counts = selectors.measure_counts(year, by_month, timeliness)
    tsm = measures(year, settings.REDRESS_HOMES, counts)
    received = sum(row["received"] for row in by_month)
    refused = sum(row["refused"] for row in by_month)
    return {
        "by_month": by_month,
        "timeliness": timeliness,
        "counts": counts,
        "tsm": tsm,
        "received": received,
        "refused": refused,
        "remedies": remedies(year),
        "refusals": selectors.refusals(year),
    }


def _comparison(this: dict, before: dict) -> list[dict]:
    def row(label: str, pick) -> dict:
        return {"label": label, "this": pick(this), "previous": pick(before)}

    return [
        row("Complaints received at stage 1", lambda h: str(h["received"])),
        row("Complaints not accepted", lambda h: str(h["refused"])),
        row("Stage 1 complaints accepted", lambda h: str(h["counts"].stage1_received)),
        row("Escalations to stage 2", lambda h: str(h["counts"].stage2_received)),
        row(
            "Stage 1 complaints per 1,000 homes (CH01 1)",
            lambda h: _figure(h["tsm"]["CH01_stage1_per_1000"]),
        ),
        row(
            "Stage 2 complaints per 1,000 homes (CH01 2)",
            lambda h: _figure(h["tsm"]["CH01_stage2_per_1000"]),
        ),
        row(
            "Stage 1 responses within the Code's timescales (CH02 1)",
            lambda h: _percent(h["counts"].stage1_within_timescales, h["counts"].stage1_responded),
        ),
        row(
            "Stage 2 responses within the Code's timescales (CH02 2)",
            lambda h: _percent(h["counts"].stage2_within_timescales, h["counts"].stage2_responded),
        ),
        row("Remedies offered", lambda h: str(h["remedies"]["offered"])),
        row("Financial remedies offered", lambda h: h["remedies"]["amount_offered"]),
    ]


def _timeliness_rows(rows: list[dict]) -> list[dict]:
    return [
        {
            **row,
            "acknowledged_percent": _percent(row["acknowledged_on_time"], row["responded"]),
            "responded_percent": _percent(row["responded_on_time"], row["responded"]),
            "within_percent": _percent(row["within_timescales"], row["responded"]),
        }
        for row in rows
    ]


def performance(year: ReportingYear) -> dict:
    """8.1 b: the year's figures, the types of complaint refused, and last year's beside them."""
    previous = ReportingYear(year.start_year - 1)
    this, before = _headline(year), _headline(previous)
    last_year = {row["label"]: row["count"] for row in before["refusals"]}
    return {
        "previous_label": previous.label,
        "homes": settings.REDRESS_HOMES,
        "volumes": {
            "received": this["received"],
            "refused": this["refused"],
            "accepted": this["counts"].stage1_received,
            "escalated": this["counts"].stage2_received,
        },
        "by_month": [
            {**row, "month": f"{row['month']:%B %Y}", "accepted": row["received"] - row["refused"]}
            for row in this["by_month"]
        ],
        "tsm": {key: _figure(value) for key, value in this["tsm"].items()},
        "tsm_percent": {
            "stage1": _percent(
                this["counts"].stage1_within_timescales, this["counts"].stage1_responded
            ),
            "stage2": _percent(
                this["counts"].stage2_within_timescales, this["counts"].stage2_responded
            ),
        },
        "timeliness": _timeliness_rows(this["timeliness"]),
        "decision_labels": [label for _, label in selectors.DECISIONS],
        "decisions": selectors.decisions(year),
        "categories": selectors.categories(year),
        "remedies": this["remedies"],
        "refusals": [
            {
                **row,
                "description": REFUSAL_DESCRIPTIONS.get(row["label"], ""),
                "previous": last_year.get(row["label"], 0),
            }
            for row in this["refusals"]
        ],
        "refused_total": this["refused"],
        "refused_previous": before["refused"],
        "comparison": _comparison(this, before),
    }


# --- (c) to (f) ----------------------------------------------------------------------


def non_compliance(year: ReportingYear) -> dict:
    """8.1 c: the Ombudsman's complaint handling failure orders, and its findings of failure on
    an element about complaint handling, in the year. An order counts in the year its case was
    determined (or, before a determination, the year it falls due). Counts and the order's text
    only: never a reference or a name."""
    span = (year.first_day, year.last_day)
    in_year = Q(case__determined_on__range=span) | Q(
        case__determined_on__isnull=True, due_on__range=span
    )
    orders = list(
        Order.objects.filter(in_year, kind=Order.Kind.COMPLAINT_HANDLING_FAILURE)
        .order_by("due_on", "id")
        .values("description", "due_on", "complied_on")
    )
    found = dict(
        Determination.objects.filter(
            case__determined_on__range=span,
            finding__in=FAILURE_FINDINGS,
            element__icontains=COMPLAINT_HANDLING,
        )
        .values_list("finding")
        .annotate(n=Count("id"))
        .order_by()
    )
    labels = dict(FINDING_CHOICES)
    return {
        "orders": [
            {
                "text": order["description"],
                "due_on": day(order["due_on"]),
                "complied_on": day(order["complied_on"]) or "Not yet",
            }
            for order in orders
        ],
        "findings": [
            {"label": labels[value], "count": found.get(value, 0)} for value in FAILURE_FINDINGS
        ],
        "findings_total": sum(found.values()),
    }


def improvements(year: ReportingYear) -> list[dict]:
    """8.1 d: lessons whose improvement was completed in the year, as the landlord wrote them
    for reports (the learning log asks for no names or references)."""
    done = Lesson.objects.filter(
        status=Lesson.Status.DONE, done_on__range=(year.first_day, year.last_day)
    ).order_by("done_on", "id")
    return [
        {"lesson": row["lesson"], "improvement": row["improvement"], "done_on": day(row["done_on"])}
        for row in done.values("lesson", "improvement", "done_on")
    ]


def publications(year: ReportingYear) -> dict:
    """8.1 e and f: the Ombudsman's publications about the landlord for the year."""
    found = [
        {
            "id": row["id"],
            "title": row["title"],
            "kind": row["kind"],
            "kind_label": OmbudsmanPublication.Kind(row["kind"]).label,
            "published_on": day(row["published_on"]),
            "url": row["url"],
            "pdf_kb": -(-row["pdf_size"] // 1024) if row["pdf_size"] else 0,
        }
        for row in OmbudsmanPublication.objects.filter(
            year=year.start_year, withdrawn_at__isnull=True
        )
        .order_by("published_on", "id")
        .values("id", "title", "kind", "published_on", "url", "pdf_size")
    ]
    annual = OmbudsmanPublication.Kind.ANNUAL
    return {
        "annual": [p for p in found if p["kind"] == annual],
        "other": [p for p in found if p["kind"] != annual],
    }


def annual_report_data(year: ReportingYear) -> dict:
    """Everything the report's sections (a) to (f) show for the year, as plain JSON."""
    return {
        "year": year.start_year,
        "label": year.label,
        "first_day": day(year.first_day),
        "last_day": day(year.last_day),
        "self_assessment": self_assessment(year),
        "performance": performance(year),
        "non_compliance": non_compliance(year),
        "improvements": improvements(year),
        "publications": publications(year),
    }
