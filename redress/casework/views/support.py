"""Showing a resident's support needs on their case: with a reason, recorded each time.

The case page says how many adjustments and restrictions there are and offers this
page; the details (a disclosed disability, alleged behaviour) appear only after the
person says why they need them, and each showing writes one event (who, why, which
details) that the case's history lists. A plain form, so it works without JavaScript.
"""

from __future__ import annotations

from django import forms
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from redress.cases.access import casework_only, complaint_for_page
from redress.intake import support_needs
from redress.record.errors import Refused
from redress.ui.fields import radios, tag
from redress.ui.govuk import GovukForm, error_summary, refuse_on_form


class RevealForm(GovukForm):
    reason = radios(
        "Why do you need to see them?",
        list(support_needs.REASONS.items()),
        error="Choose why you need to see the support needs",
    )
    reason.error_messages["invalid_choice"] = "Choose why you need to see the support needs"
    note = tag(
        forms.CharField(label="Anything to add (optional)", required=False, max_length=500),
        "textarea",
        "For example, the call or letter you are preparing. Do not add health details.",
    )


@require_http_methods(["GET", "POST"])
@casework_only
def support_needs_page(request, reference: str):
    complaint = complaint_for_page(request.user, reference)
    form = RevealForm(request.POST if request.method == "POST" else None)
    shown, status = None, 200
    if request.method == "POST":
        status = 422
        if form.is_valid() and complaint.resident_id:
            try:
                shown = support_needs.reveal(
                    complaint.resident_id,
                    actor=request.user,
                    complaint=complaint,
                    **form.cleaned_data,
                )
                status = 200
            except Refused as refusal:
                status = refuse_on_form(form, refusal)
    context = {
        "complaint": complaint,
        "counts": support_needs.counts(complaint.resident),
        "summaries": support_needs.summaries(complaint.resident),
        "form": form,
        "shown": shown,
        "error_summary": error_summary(form, "#reveal"),
    }
    return render(request, "cases/support_needs.html", context, status=status)
