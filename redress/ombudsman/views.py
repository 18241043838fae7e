"""Case workers record what the Ombudsman decided and what the landlord did about it.

The pages name complaints, so they are case work (`casework_only`, and only for
complaints the person may open); the oversight summary shows the same cases as
counts for the MRC and governing body.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from redress.cases.access import casework_only, visible_complaints
from redress.record.errors import Refused
from redress.ui.fields import GovukDateField, tag, text
from redress.ui.govuk import GovukForm, error_summary, run_form, see_other

from . import services
from .models import FINDING_CHOICES, OmbudsmanCase, Order


class ReferralForm(GovukForm):
    reference = text("Complaint reference", long=False)
    ombudsman_reference = text("Ombudsman's reference", long=False)
    referred_on = GovukDateField(label="Date the Ombudsman told us of the referral")


class DeterminationForm(GovukForm):
    element = text("Element of the complaint", long=False)
    finding = tag(forms.ChoiceField(label="Finding", choices=FINDING_CHOICES), "select")
    determined_on = GovukDateField(label="Date of the determination")


class OrderForm(GovukForm):
    kind = tag(forms.ChoiceField(label="Kind", choices=Order.Kind.choices), "select")
    description = text("What the Ombudsman ordered or recommended")
    due_on = GovukDateField(label="Due by", hint="For example, 27 3 2027")


class ComplianceForm(GovukForm):
    complied_on = GovukDateField(label="Date we complied")
    evidence = text("Evidence of compliance")


def _visible_cases(user):
    return OmbudsmanCase.objects.filter(complaint__in=visible_complaints(user)).select_related(
        "complaint"
    )


@require_http_methods(["GET", "POST"])
@casework_only
def case_list(request):
    form = ReferralForm(request.POST or None, prefix="referral")
    status = 200
    if request.method == "POST":
        status = run_form(request, form, _referral(request.user))
        if status is None:
            messages.success(request, "Referral recorded")
            return see_other(reverse("ombudsman:list"))
    context = {
        "cases": _visible_cases(request.user).prefetch_related("elements", "orders"),
        "form": form,
        "error_summary": error_summary(form, "#referral"),
    }
    return render(request, "ombudsman/case_list.html", context, status=status)


def _referral(user):
    def service(*, actor, reference, **fields):
        if not visible_complaints(user).filter(reference=reference.strip()).exists():
            raise Refused("no complaint you may open has that reference", field="reference")
        return services.record_referral(reference.strip(), actor=actor, **fields)

    return service


FORMS = {
    "determination": (DeterminationForm, services.record_determination, "Finding"),
    "order": (OrderForm, services.add_order, "Order"),
}


def _order_id(case, which: str) -> int | None:
    """The order a "comply-<id>" form is for, if it is one of this case's."""
    number = which.removeprefix("comply-")
    if number == which or not number.isdigit():
        return None
    return case.orders.filter(pk=int(number)).values_list("pk", flat=True).first()


@require_http_methods(["GET", "POST"])
@casework_only
def case_detail(request, pk: int):
    case = _visible_cases(request.user).filter(pk=pk).first()
    if case is None:
        raise Http404("no such Ombudsman case")
    bound = {}
    status = 200
    if request.method == "POST":
        which = request.POST.get("form", "")
        if which in FORMS:
            form_class, service, done = FORMS[which]
            arguments = {"case_id": case.pk}
        elif _order_id(case, which):
            form_class, service, done = ComplianceForm, services.record_compliance, "Compliance"
            arguments = {"order_id": _order_id(case, which)}
        else:
            raise Http404("no such form")
        form = bound[which] = form_class(request.POST, prefix=which)
        status = run_form(request, form, service, **arguments)
        if status is None:
            messages.success(request, f"{done} recorded")
            return see_other(reverse("ombudsman:case", args=[case.pk]))
    forms_ = {
        name: bound.get(name) or form_class(prefix=name)
        for name, (form_class, _, _) in FORMS.items()
    }
    orders = [
        {"order": o, "form": bound.get(f"comply-{o.pk}") or ComplianceForm(prefix=f"comply-{o.pk}")}
        for o in case.orders.all()
    ]
    summary = [item for form in bound.values() for item in error_summary(form, "#main-content")]
    context = {"case": case, "forms": forms_, "orders": orders, "error_summary": summary}
    return render(request, "ombudsman/case.html", context, status=status)
