"""Administrators set the remedies guidance bands (the Ombudsman's defaults, seeded)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from redress.administration.access import administrators_only
from redress.code.remedies import FINDINGS, IMPACTS, band_range
from redress.record.errors import Refused
from redress.ui.govuk import error_summary, refuse_on_form, see_other

from . import services
from .forms import BandForm
from .models import RemedyBand


@require_GET
@administrators_only
def bands(request):
    rows = [
        {
            "band": b,
            "range": band_range(b.as_band()),
            "impact": IMPACTS.get(b.impact, ""),
            "finding": FINDINGS.get(b.finding, ""),
        }
        for b in RemedyBand.objects.all()
    ]
    return render(request, "remedies/bands.html", {"rows": rows})


@require_http_methods(["GET", "POST"])
@administrators_only
def edit_band(request, key: str):
    band = get_object_or_404(RemedyBand, key=key)
    status = 200
    if request.method == "GET":
        form = BandForm(
            initial={
                "label": band.label,
                "low": band.low,
                "high": band.high,
                "impact": band.impact,
                "finding": band.finding,
            }
        )
    else:
        form = BandForm(request.POST)
        status = 422
        if form.is_valid():
            try:
                services.change_band(key, actor=request.user, **form.arguments())
            except Refused as refusal:
                status = refuse_on_form(form, refusal)
            else:
                messages.success(request, f"{band.label}: band changed")
                return see_other(reverse("remedy-bands:list"))
    context = {"band": band, "form": form, "error_summary": error_summary(form, "#main-content")}
    return render(request, "remedies/band_edit.html", context, status=status)
