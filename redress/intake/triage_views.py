"""Emails that named no complaint wait here until a person decides what each one is (1.2).

A complaint opened from one keeps the email's arrival time, so its clock runs
from when it reached the landlord. Attachments are served only to case workers,
as downloads.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from redress.cases.access import casework_only
from redress.cases.forms import tag, text
from redress.project.govuk import GovukForm, error_summary, refuse_on_form, see_other
from redress.record.errors import Refused

from . import selectors, services
from .models import Contact, ContactAttachment


class TriageForm(GovukForm):
    classification = tag(
        forms.ChoiceField(
            label="What is it?",
            choices=[(c.value, c.label) for c in services.TRIAGE_OUTCOMES],
            error_messages={"required": "Choose what this email is"},
        ),
        "radios",
    )
    summary = text("What it is about", hint="Edit the email down to what matters.")


@require_GET
@casework_only
def to_triage(request):
    contacts = selectors.to_triage().select_related("resident").prefetch_related("attachments")
    return render(request, "intake/staff_to_triage.html", {"contacts": contacts})


@require_http_methods(["GET", "POST"])
@casework_only
def triage(request, pk: int):
    contact = get_object_or_404(
        Contact.objects.select_related("resident"),
        pk=pk,
        classification=Contact.Classification.TO_TRIAGE,
    )
    status = 200
    if request.method == "POST":
        form = TriageForm(request.POST)
        status = 422
        if form.is_valid():
            try:
                _, created = services.triage_contact(
                    actor=request.user, contact_id=contact.pk, **form.cleaned_data
                )
            except Refused as refusal:
                status = refuse_on_form(form, refusal)
            else:
                return _after(request, created)
    else:
        form = TriageForm(initial={"summary": contact.summary})
    context = {"contact": contact, "form": form, "error_summary": error_summary(form, "#triage")}
    return render(request, "intake/staff_triage.html", context, status=status)


def _after(request, created):
    reference = getattr(created, "reference", None)
    if reference:
        messages.success(request, f"Complaint {reference} logged from the email")
        return see_other(reverse("cases:case", args=[reference]))
    if created is not None:
        messages.success(request, f"Service request {created.pk} raised from the email")
        return see_other(reverse("contacts:service-request", args=[created.pk]))
    messages.success(request, "Marked as needing no action")
    return see_other(reverse("contacts:to-triage"))


@require_GET
@casework_only
def attachment(request, pk: int):
    item = ContactAttachment.objects.filter(pk=pk).first()
    if item is None or not item.file:
        raise Http404("no such attachment")
    response = FileResponse(
        item.file.open("rb"), as_attachment=True, filename=item.filename or "attachment"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
