"""The oversight dashboard: any period against the one before, with charts and downloads.

For the oversight roles only (the summary page's gate): the complaints officer,
managers, the senior lead, the MRC and the governing body. Handlers are not
given it: they see their own cases, and service-wide performance is the
oversight roles' to act on (8.x, 9.x). Every figure is a count, a sum or a rate;
no name, reference or free text from a complaint reaches the page, the charts
or the files.
"""

from __future__ import annotations

from decimal import Decimal

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode

from redress.administration import deployment
from redress.code.periods import Period
from redress.infra.routers import reads_from_replica
from redress.ui.govuk import error_summary

from .. import charts, dashboard, selectors
from ..views import oversight_only
from . import downloads
from .forms import period_form
from .services import record_received

# The chart documents carry their own policy: no scripts, nothing fetched, only the
# style attributes and the <style> block matplotlib writes.
CHART_POLICY = "default-src 'none'; style-src 'unsafe-inline'"


def shown(value, signed: bool = False) -> str:
    """A cell as the page prints it: 1,234; £1,234.50; 2.50; a change with its sign."""
    if value is None:
        return "not available"
    if isinstance(value, Decimal):
        text = f"£{abs(value):,.2f}"
    elif isinstance(value, float):
        text = f"{abs(value):,.2f}"
    elif isinstance(value, int):
        text = f"{abs(value):,}"
    else:
        return str(value)
    sign = "-" if value < 0 else ("+" if signed and value > 0 else "")
    return sign + text


def _rows(table: dashboard.Table) -> list[dict]:
    return [
        {
            "label": row[0],
            "cells": [
                shown(value, signed=table.compares and i == len(row) - 1)
                for i, value in enumerate(row)
                if i
            ],
        }
        for row in table.rows
    ]


def _default_period() -> Period:
    today = deployment.today()
    return Period(selectors.year_of(today).first_day, today)


def _period_or_404(request) -> Period:
    """The period the chart and download links carry; they are built by the page, so a
    bad one is a broken link rather than something a person typed."""
    form = period_form(request.GET, _default_period())
    if not form.is_valid():
        raise Http404("not a period")
    return form.period()


def _table_or_404(name: str, period: Period) -> dashboard.Table:
    if name not in dashboard.BUILDERS:
        raise Http404("no such table")
    return dashboard.table(name, period, deployment.today())


@oversight_only
@reads_from_replica
def page(request):
    form = period_form(request.GET, _default_period())
    context = {"form": form, "error_summary": error_summary(form, "#from")}
    if not form.is_valid():
        return render(request, "oversight/dashboard.html", context, status=400)
    period = form.period()
    query = urlencode({"from": period.first_day.isoformat(), "to": period.last_day.isoformat()})
    sections = [
        {
            "table": table,
            "rows": _rows(table),
            "chart": f"{reverse('oversight:dashboard-file', args=[table.name, 'svg'])}?{query}",
            "description": charts.describe(table),
            "csv": f"{reverse('oversight:dashboard-file', args=[table.name, 'csv'])}?{query}",
            "xlsx": f"{reverse('oversight:dashboard-file', args=[table.name, 'xlsx'])}?{query}",
        }
        for table in dashboard.tables(period, deployment.today())
    ]
    record_received(request.user, period)
    context.update(period=period, previous=period.previous(), sections=sections)
    return render(request, "oversight/dashboard.html", context)


@oversight_only
@reads_from_replica
def file(request, name: str, kind: str):
    """A table as a chart (SVG), a CSV or an Excel workbook."""
    period = _period_or_404(request)
    table = _table_or_404(name, period)
    if kind == "csv":
        return downloads.csv_response(table, period)
    if kind == "xlsx":
        return downloads.xlsx_response(table, period)
    if kind == "svg":
        response = HttpResponse(charts.svg(table), content_type="image/svg+xml")
        response["Content-Security-Policy"] = CHART_POLICY
        return response
    raise Http404("no such file")
