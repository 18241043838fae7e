"""Emails that named no complaint wait here until a person decides what each one is (1.2).

A complaint opened from one keeps the email's arrival time, so its clock runs
from when it reached the landlord, in the category chosen. One that belongs to a
complaint already made is put on that case, found by its reference, with its
attachments. Attachments are served only to case workers, as downloads.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from redress.cases import categories
from redress.cases.access import casework_only, require_visible, visible_complaints
from redress.cases.models import Complaint
from redress.cases.services import contacts
from redress.casework.forms import category_field
from redress.intake import selectors
from redress.intake.models import Contact, ContactAttachment
from redress.reception import attaching
from redress.record.errors import Refused
from redress.ui.fields import tag, text
from redress.ui.govuk import GovukForm, error_summary, refuse_on_form, see_other

ON_COMPLAINT = Contact.Classification.ON_COMPLAINT


class TriageForm(GovukForm):
    classification = tag(
        forms.ChoiceField(
            label="What is it?",
            choices=[
                *((c.value, c.label) for c in contacts.TRIAGE_OUTCOMES),
                (ON_COMPLAINT.value, "A message about an existing complaint: put it on that case"),
            ],
            error_messages={"required": "Choose what this email is"},
        ),
        "radios",
    )
    reference = tag(
        forms.CharField(label="Reference of the existing complaint", required=False, strip=True),
        "input",
        "Only if it is about an existing complaint, for example CMP-2026-000123.",
    )
    category = category_field("Category of the new complaint (optional)", required=False)
    summary = text("What it is about", hint="Edit the email down to what matters.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(str(c.pk), c.name) for c in categories.active()]
        self.fields["category"].choices = [("", "Not chosen yet"), *choices]
        self.fields["category"].help_text = "Only if it is a new complaint."

    def clean(self):
        data = super().clean()
        if data.get("classification") == ON_COMPLAINT and not data.get("reference"):
            self.add_error("reference", "Enter the reference of the complaint it belongs to")
        return data


def _decide(user, contact: Contact, data: dict):
    """Act on the triage: put the email on a complaint, or classify it (a complaint
    opened from it in the category chosen). Returns what it made, or the complaint."""
    if data["classification"] == ON_COMPLAINT:
        require_visible(user, data["reference"].strip().upper())
        return attaching.attach_to_complaint(
            actor=user, contact_id=contact.pk, reference=data["reference"]
        )
    complaint = data["classification"] == Contact.Classification.COMPLAINT
    _, created = contacts.triage_contact(
        actor=user,
        contact_id=contact.pk,
        classification=data["classification"],
        summary=data["summary"],
        category=data["category"] if complaint else "",
    )
    return created


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
                created = _decide(request.user, contact, form.cleaned_data)
            except Refused as refusal:
                status = refuse_on_form(form, refusal)
            else:
                return _after(request, created, form.cleaned_data["classification"])
    else:
        form = TriageForm(initial={"summary": contact.summary})
    context = {
        "contact": contact,
        "form": form,
        "error_summary": error_summary(form, "#triage"),
        # The sender's complaints this person may open: the ones a reply most likely joins.
        "their_complaints": visible_complaints(
            request.user, Complaint.objects.filter(resident=contact.resident)
        ).order_by("-received_on", "-id")[:10],
    }
    return render(request, "intake/staff_triage.html", context, status=status)


def _after(request, created, classification: str):
    reference = getattr(created, "reference", None)
    if classification == ON_COMPLAINT:
        messages.success(request, f"The email was put on complaint {reference}")
        return see_other(reverse("cases:case", args=[reference]) + "#correspondence")
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
