"""Staff pages for contacts that are not complaints (Code 1.4 to 1.6).

Service requests are recorded, monitored and reviewed: open and completed
lists, and a page for each where staff raise a complaint about how it is
being handled (the request carries on) or mark it completed. Survey feedback
is not a complaint, but a complaint can be opened from it when the person
chooses to make one.

Every form posts plainly, so the pages work without JavaScript. A bad form
or a refusal re-renders with the GOV.UK error summary and the input kept;
a success redirects (303).
"""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, Prefetch
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from redress.administration import deployment
from redress.cases.access import casework_only
from redress.cases.models import Complaint
from redress.cases.services import contacts, open_complaint
from redress.intake import services
from redress.intake.models import Contact, ServiceRequest
from redress.reception.staff_forms import ComplaintForm, CompleteForm
from redress.record.errors import Refused
from redress.ui.govuk import error_summary, refuse_on_form, see_other

STATES = (
    (ServiceRequest.State.OPEN, "Open"),
    (ServiceRequest.State.COMPLETED, "Completed"),
)


def _to_case(request, complaint, text: str) -> HttpResponseRedirect:
    messages.success(request, text)
    return see_other(reverse("cases:case", args=[complaint.reference]))


def _days_open(item: ServiceRequest, today) -> int:
    return ((item.completed_on or today) - item.raised_on).days


@require_GET
@casework_only
def service_requests(request):
    """Open or completed service requests, oldest first, with their linked complaints."""
    state = request.GET.get("state", ServiceRequest.State.OPEN)
    if state not in ServiceRequest.State.values:
        state = ServiceRequest.State.OPEN
    counts = dict(ServiceRequest.objects.values_list("state").annotate(n=Count("id")).order_by())
    tabs = [
        {"state": value, "label": label, "count": counts.get(value, 0)} for value, label in STATES
    ]
    today = deployment.today()
    items = (
        ServiceRequest.objects.filter(state=state)
        .select_related("resident")
        .prefetch_related(Prefetch("complaints", queryset=Complaint.objects.order_by("id")))
        .order_by("raised_on", "id")
    )
    rows = [{"item": item, "days_open": _days_open(item, today)} for item in items]
    context = {
        "state": state,
        "state_label": dict(STATES)[state],
        "tabs": tabs,
        "rows": rows,
    }
    return render(request, "intake/staff_service_requests.html", context)


def _render_service_request(
    request, item, *, complaint_form=None, complete_form=None, status: int = 200
):
    failed = complaint_form or complete_form
    anchor = "raise-complaint" if complaint_form is not None else "complete"
    context = {
        "item": item,
        "days_open": _days_open(item, deployment.today()),
        "complaints": item.complaints.order_by("id"),
        "complaint_form": complaint_form
        or ComplaintForm(prefix="complaint", initial={"channel": ""}),
        "complete_form": complete_form or CompleteForm(prefix="complete"),
        "error_summary": error_summary(failed, f"#{anchor}"),
    }
    return render(request, "intake/staff_service_request.html", context, status=status)


@require_GET
@casework_only
def service_request(request, pk: int):
    item = get_object_or_404(ServiceRequest.objects.select_related("resident"), pk=pk)
    return _render_service_request(request, item)


@require_POST
@casework_only
def service_request_complaint(request, pk: int):
    """Unhappiness with how a request is handled is a complaint (1.5); the request carries on."""
    item = get_object_or_404(ServiceRequest.objects.select_related("resident"), pk=pk)
    form = ComplaintForm(request.POST, prefix="complaint")
    if not form.is_valid():
        return _render_service_request(request, item, complaint_form=form, status=422)
    try:
        complaint = contacts.raise_complaint_about_service_request(
            actor=request.user,
            service_request_id=item.pk,
            summary=form.cleaned_data["summary"],
            channel=form.cleaned_data["channel"],
        )
    except Refused as refusal:
        status = refuse_on_form(form, refusal)
        return _render_service_request(request, item, complaint_form=form, status=status)
    return _to_case(
        request,
        complaint,
        f"Complaint {complaint.reference} raised about service request {item.pk}. "
        "The service request stays open.",
    )


@require_POST
@casework_only
def service_request_complete(request, pk: int):
    item = get_object_or_404(ServiceRequest.objects.select_related("resident"), pk=pk)
    form = CompleteForm(request.POST, prefix="complete")
    if not form.is_valid():
        return _render_service_request(request, item, complete_form=form, status=422)
    try:
        services.complete_service_request(
            actor=request.user,
            service_request_id=item.pk,
            completed_on=form.cleaned_data["completed_on"],
        )
    except Refused as refusal:
        status = refuse_on_form(form, refusal)
        return _render_service_request(request, item, complete_form=form, status=status)
    messages.success(request, f"Service request {item.pk} marked as completed")
    return see_other(reverse("contacts:service-request", args=[item.pk]))


@require_GET
@casework_only
def survey_feedback(request):
    """Survey feedback, newest first: not complaints, but each person was told how to complain."""
    contacts = (
        Contact.objects.filter(classification=Contact.Classification.SURVEY_FEEDBACK)
        .select_related("resident")
        .prefetch_related(Prefetch("complaint_set", queryset=Complaint.objects.order_by("id")))
        .order_by("-received_at", "-id")
    )
    return render(request, "intake/staff_survey_feedback.html", {"contacts": contacts})


@require_http_methods(["GET", "POST"])
@casework_only
def survey_complaint(request, pk: int):
    """Open a complaint for the person who gave survey feedback, when they choose to (1.6)."""
    contact = get_object_or_404(
        Contact.objects.select_related("resident"),
        pk=pk,
        classification=Contact.Classification.SURVEY_FEEDBACK,
    )
    status = 200
    if request.method == "POST":
        form = ComplaintForm(request.POST)
        if form.is_valid():
            try:
                complaint = open_complaint(
                    actor=request.user,
                    resident=contact.resident,
                    summary=form.cleaned_data["summary"],
                    channel=form.cleaned_data["channel"],
                    contact=contact,
                )
            except Refused as refusal:
                status = refuse_on_form(form, refusal)
            else:
                return _to_case(
                    request, complaint, f"Complaint {complaint.reference} raised from feedback"
                )
        else:
            status = 422
    else:
        form = ComplaintForm(initial={"summary": contact.summary, "channel": contact.channel})
    context = {
        "contact": contact,
        "form": form,
        "error_summary": error_summary(form, "#raise-complaint"),
    }
    return render(request, "intake/staff_survey_complaint.html", context, status=status)
