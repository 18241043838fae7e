"""Putting things right: the case page's section, its three forms, the outstanding list.

Each form posts here; a refusal re-renders the case page (through
`redress.casework.views.case.render_case`) with the form open, its errors and the
GOV.UK error summary; a success redirects (303) back to the case.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from redress.cases.access import casework_only, complaint_for_page
from redress.cases.models import OutstandingAction
from redress.record.errors import Refused
from redress.remedies import selectors, services
from redress.remedies.forms import AddRemedyForm, CompleteActionForm, RemedyStatusForm
from redress.remedies.models import Remedy
from redress.ui.govuk import error_summary, refuse_on_form, see_other

from .case import render_case
from .putting_right import ADD_PREFIX, prefix_of


def _run(request, complaint, form, service, done: str, warn=None, **ids):
    """Validate, run the service as the signed-in person; on refusal re-render the case."""
    status = 422
    if form.is_valid():
        try:
            outcome = service(actor=request.user, **ids, **form.arguments())
        except Refused as refusal:
            status = refuse_on_form(form, refusal)
        else:
            messages.success(request, done)
            warning = warn(outcome) if warn else ""
            if warning:
                messages.warning(request, f"Warning: {warning}")
            return see_other(reverse("cases:case", args=[complaint.reference]) + "#putting-right")
    errors = error_summary(form, f"#item-{form.prefix}")
    return render_case(
        request, complaint, page_errors=errors, status=status, putting_right_failed=form
    )


@require_POST
@casework_only
def add_remedy(request, reference: str):
    complaint = complaint_for_page(request.user, reference)
    form = AddRemedyForm(request.POST, prefix=ADD_PREFIX)
    return _run(
        request,
        complaint,
        form,
        lambda **kw: services.add_remedy(complaint.reference, **kw),
        "Remedy added",
        warn=lambda remedy: services.band_words(remedy).get("outside_band", ""),
    )


@require_POST
@casework_only
def remedy_status(request, remedy_id: int):
    remedy = get_object_or_404(Remedy.objects.select_related("complaint"), pk=remedy_id)
    complaint = complaint_for_page(request.user, remedy.complaint.reference)
    form = RemedyStatusForm(
        request.POST,
        prefix=prefix_of("remedy", remedy.pk),
        accepting=remedy.status == "offered",
    )
    return _run(
        request,
        complaint,
        form,
        services.change_remedy_status,
        "Remedy updated",
        remedy_id=remedy.pk,
    )


@require_POST
@casework_only
def complete_action(request, action_id: int):
    action = get_object_or_404(OutstandingAction.objects.select_related("complaint"), pk=action_id)
    complaint = complaint_for_page(request.user, action.complaint.reference)
    form = CompleteActionForm(request.POST, prefix=prefix_of("action", action.pk))
    return _run(
        request,
        complaint,
        form,
        services.complete_action,
        "Action recorded as done",
        action_id=action.pk,
    )


@require_GET
@casework_only
def outstanding(request):
    """Every open remedy and action on complaints this person may open, overdue first."""
    items = selectors.outstanding_items(request.user)
    return render(request, "remedies/outstanding.html", {"items": items})
