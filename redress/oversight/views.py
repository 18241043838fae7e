"""The oversight summary: a reporting year's figures for the MRC, governing body and senior lead.

Nothing here reaches a complaint's row: the selectors return counts, and the
template prints only counts, percentages and fixed labels.
"""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render

from redress.administration import deployment
from redress.code.tsm import ReportingYear
from redress.infra.routers import reads_from_replica
from redress.staff.access import role_required
from redress.staff.roles import sees_oversight
from redress.ui.query import digits

from . import selectors

# Sign in first; people without an oversight role get 403.
oversight_only = role_required(sees_oversight)


def _percent(part: int, whole: int) -> str:
    return f"{part * 100 / whole:.1f}%" if whole else "not available"


@oversight_only
@reads_from_replica
def summary(request):
    today = deployment.today()
    current = selectors.year_of(today)
    years = selectors.years_with_complaints(current)
    asked = digits(request.GET.get("year", ""))
    year = ReportingYear(asked) if asked in years else current
    timeliness = [
        {
            **row,
            "acknowledged_percent": _percent(row["acknowledged_on_time"], row["responded"]),
            "responded_percent": _percent(row["responded_on_time"], row["responded"]),
        }
        for row in selectors.timeliness(year)
    ]
    by_month = selectors.received_by_month(year)
    return render(
        request,
        "oversight/summary.html",
        {
            "year": year,
            "years": [ReportingYear(y) for y in years],
            "today": today,
            "by_month": by_month,
            "month_totals": {
                key: sum(row[key] for row in by_month)
                for key in ("received", "refused", "escalated")
            },
            "age_bands": [
                f"{low} to {high} days" if high is not None else f"{low} days or more"
                for low, high in selectors.AGE_BANDS
            ],
            "open_now": selectors.open_now(today),
            "timeliness": timeliness,
            "refusals": selectors.refusals(year),
            "decision_labels": [label for _, label in selectors.DECISIONS],
            "decisions": selectors.decisions(year),
            "categories": selectors.categories(year),
            "tsm": selectors.tenant_satisfaction_measures(year, by_month, timeliness),
            "homes": settings.REDRESS_HOMES,
            "ombudsman": selectors.ombudsman_outcomes(year, today),
            "tsm_by_tenure": selectors.measures_by_tenure(year),
        },
    )
