"""The "Log a contact" page: what reached a member of staff by any channel but the online
form, recorded with when it came (the clock's start) and who took it (1.2, 3.1).

The page first finds the resident (a GET search among those this person may open, as
the API's rule is: `redress.cases.access`); choosing one, or none for someone new to the
record, opens the form. A complaint logged here lands at stage 1, received, in the
officer's queue, as an online one does; a service request on its own page; survey
feedback on its list. The form posts plainly, so the page works without JavaScript.
"""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Q
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from redress.cases.access import casework_only, visible_complaints
from redress.cases.models import Complaint
from redress.intake.models import Contact, Resident
from redress.reception.logbook import log_contact
from redress.reception.staff_forms import LogContactForm
from redress.record.errors import Refused
from redress.staff.roles import sees_all_cases
from redress.ui.govuk import error_summary, refuse_on_form, see_other
from redress.ui.query import digits, query_text

MOST_FOUND = 20


def residents_for(user):
    """The residents this person may log a contact for: all for those who see every case;
    else those with no complaint yet, or one of theirs they may open."""
    residents = Resident.objects.all()
    if sees_all_cases(user):
        return residents
    theirs = visible_complaints(user, Complaint.objects.all()).values("resident_id")
    return residents.filter(Q(complaints__isnull=True) | Q(pk__in=theirs)).distinct()


def _find(user, text: str) -> list[Resident]:
    if not text:
        return []
    match = (
        Q(name__icontains=text)
        | Q(postcode__iexact=text)
        | Q(email__iexact=text)
        | Q(phone__icontains=text)
        | Q(address__icontains=text)
        | Q(tenancy_reference__iexact=text)
    )
    return list(residents_for(user).filter(match).order_by("name", "id")[:MOST_FOUND])


def _chosen(request) -> Resident | None:
    """The resident the page is for (`?resident=`), if this person may open them."""
    value = request.GET.get("resident", "")
    if not value:
        return None
    # An id in ASCII digits ("²" is a digit to str.isdigit(), not to int()), no longer
    # than the database can compare.
    pk = digits(value)
    found = None if pk is None else residents_for(request.user).filter(pk=pk).first()
    if found is None:
        raise Http404("no such resident")
    return found


def _done(request, created) -> str:
    """Where a logged contact is seen next, with a banner saying what was recorded."""
    if isinstance(created, Complaint):
        messages.success(request, f"Complaint {created.reference} logged")
        return reverse("cases:case", args=[created.reference])
    if created is not None:
        messages.success(request, f"Service request {created.pk} recorded")
        return reverse("contacts:service-request", args=[created.pk])
    messages.success(request, "Survey feedback recorded")
    return reverse("contacts:survey-feedback")


@require_http_methods(["GET", "POST"])
@casework_only
def log(request):
    resident = _chosen(request)
    q = query_text(request.GET, "q", "The search", longest=200)
    kind = request.GET.get("kind", "")
    initial = {"classification": kind} if kind in Contact.Classification.values else {}
    form = LogContactForm(
        request.POST or None, resident=resident, user=request.user, initial=initial
    )
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            try:
                _, created = log_contact(actor=request.user, **form.arguments())
            except Refused as refusal:
                status = refuse_on_form(form, refusal)
            else:
                return see_other(_done(request, created))
    context = {
        "resident": resident,
        "q": q,
        "kind": initial.get("classification", ""),
        "found": _find(request.user, q),
        "form": form,
        "error_summary": error_summary(form, "#log-contact"),
        "new_resident": not resident and ("new" in request.GET or request.method == "POST"),
    }
    return render(request, "intake/staff_log_contact.html", context, status=status)
