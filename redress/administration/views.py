"""The administrator's pages. Thin: forms check input, services act, refusals show on the form.

Every form posts back to its own page; a refusal re-renders it with the GOV.UK error
summary and the input kept, and a success redirects (303) so a refresh repeats nothing.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from redress.code.london import long_date
from redress.record.errors import Refused
from redress.staff.roles import assigns_cases, sees_all_cases
from redress.ui.govuk import error_summary, refusal_text, run_form, see_other

from . import deployment, ports, selectors, services
from .access import administrators_only
from .forms import (
    ClosureDayForm,
    LandlordSettingsForm,
    LeaverForm,
    NewUserForm,
    TeamForm,
    UserDetailsForm,
    WithdrawClosureForm,
)
from .models import ClosureDay

GET_POST = require_http_methods(["GET", "POST"])


def _page(request, template: str, context: dict, *, form=None, status: int = 200):
    context.setdefault("error_summary", error_summary(form, "#main-content"))
    return render(request, f"administration/{template}", context, status=status)


@require_GET
@administrators_only
def home(request):
    return _page(request, "home.html", {})


# --- users and teams ----------------------------------------------------------


@require_GET
@administrators_only
def users(request):
    return _page(request, "users.html", {"users": selectors.users()})


@GET_POST
@administrators_only
def new_user(request):
    if request.method == "GET":
        return _page(request, "user_new.html", {"form": NewUserForm()})
    form = NewUserForm(request.POST)
    status = run_form(request, form, services.create_user)
    if status:
        return _page(request, "user_new.html", {"form": form}, form=form, status=status)
    messages.success(request, f"Account created for {form.cleaned_data['username']}")
    return see_other(reverse("administration:users"))


def _user_page(
    request, person, form=None, *, leaver_form=None, page_errors=None, status: int = 200
):
    initial = {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "email": person.email,
        # The groups, not roles_of: a deactivated person keeps their roles for reactivation.
        "roles": list(person.groups.values_list("name", flat=True)),
        "teams": [str(pk) for pk in person.redress_teams.values_list("pk", flat=True)],
    }
    context = {"person": person, "form": form or UserDetailsForm(initial=initial)}
    if person.is_active and person.pk != request.user.pk:
        context |= _leaver_context(request, person, leaver_form)
    if page_errors:
        context["error_summary"] = page_errors
    return _page(request, "user_edit.html", context, form=form or leaver_form, status=status)


def _leaver_context(request, person, leaver_form) -> dict:
    """What the person still holds, and the choice of what happens to it on deactivating."""
    held = ports.leavers().holdings(person.pk)
    if not (held["cases"] or held["items"]):
        return {}
    may_reassign = assigns_cases(request.user)
    return {
        "held": held,
        "held_words": ports.leavers().describe(held),
        # Which cases, only to someone who may open every case: an administrator alone
        # sees how many, never a reference or a resident's name.
        "shows_cases": sees_all_cases(request.user),
        "may_reassign": may_reassign,
        "leaver_form": leaver_form or LeaverForm(person, may_reassign=may_reassign),
    }


@GET_POST
@administrators_only
def edit_user(request, user_id: int):
    person = get_object_or_404(get_user_model(), pk=user_id)
    if request.method == "GET":
        return _user_page(request, person)
    form = UserDetailsForm(request.POST)
    status = run_form(request, form, services.edit_user, person.pk)
    if status:
        return _user_page(request, person, form, status=status)
    messages.success(request, f"Saved the changes to {person.get_username()}")
    return see_other(reverse("administration:users"))


@require_POST
@administrators_only
def set_active(request, user_id: int):
    """Deactivate or reactivate; deactivating someone who still holds work takes the
    choice of what happens to it (`leavers`)."""
    person = get_object_or_404(get_user_model(), pk=user_id)
    active = request.POST.get("active") == "yes"
    context = (
        {} if active or person.pk == request.user.pk else _leaver_context(request, person, None)
    )
    if context:
        form = LeaverForm(person, request.POST, may_reassign=context["may_reassign"])
        status = run_form(request, form, services.set_active, person.pk)
        if status:
            return _user_page(request, person, leaver_form=form, status=status)
    else:
        try:
            services.set_active(person.pk, actor=request.user, active=active)
        except Refused as refusal:
            errors = [{"href": "#active", "text": refusal_text(refusal)}]
            return _user_page(request, person, page_errors=errors, status=409)
    done = "reactivated" if active else "deactivated"
    messages.success(request, f"{person.get_username()} {done}{_handed(context, request)}")
    return see_other(reverse("administration:users"))


def _handed(context: dict, request) -> str:
    if not context:
        return ""
    if request.POST.get("then") == LeaverForm.REASSIGN:
        return ": their cases are reassigned"
    return ": their cases are listed for the complaints officers"


@GET_POST
@administrators_only
def teams(request):
    form = TeamForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        status = run_form(request, form, services.create_team)
        if status is None:
            messages.success(request, f"Team {form.cleaned_data['name']} created")
            return see_other(reverse("administration:teams"))
    else:
        status = 200
    context = {"form": form, "teams": selectors.teams()}
    return _page(request, "teams.html", context, form=form, status=status)


# --- the calendar -------------------------------------------------------------


def _calendar_page(request, form=None, *, page_errors=None, status: int = 200):
    today = deployment.today()
    context = {
        "form": form or ClosureDayForm(),
        "days": selectors.days_off(today),
        "past": selectors.past_closures(today),
    }
    if page_errors:
        context["error_summary"] = page_errors
    return _page(request, "calendar.html", context, form=form, status=status)


@GET_POST
@administrators_only
def calendar(request):
    if request.method == "GET":
        return _calendar_page(request)
    form = ClosureDayForm(request.POST)
    status = run_form(request, form, services.add_closure_day)
    if status:
        return _calendar_page(request, form, status=status)
    day = form.cleaned_data["date"]
    messages.success(request, f"{long_date(day)} added as a closure day")
    return see_other(reverse("administration:calendar"))


@GET_POST
@administrators_only
def withdraw_closure(request, closure_id: int):
    """A closure still to come is withdrawn by the calendar page's button; one whose
    date has passed on its own page (GET), with the reason that needs."""
    closure = get_object_or_404(ClosureDay, pk=closure_id)
    passed = closure.date < deployment.today()
    if request.method == "GET" or passed:
        form = WithdrawClosureForm(request.POST if request.method == "POST" else None)
        status = 200 if request.method == "GET" else None
        if status is None:
            status = run_form(request, form, services.withdraw_closure_day, closure.pk)
        if status:
            context = {"closure": closure, "form": form, "passed": passed}
            return _page(request, "closure_withdraw.html", context, form=form, status=status)
    else:
        try:
            services.withdraw_closure_day(closure.pk, actor=request.user)
        except Refused as refusal:
            errors = [{"href": "#days-off", "text": refusal_text(refusal)}]
            return _calendar_page(request, page_errors=errors, status=409)
    messages.success(request, f"The closure on {long_date(closure.date)} is withdrawn")
    return see_other(reverse("administration:calendar"))


# --- the landlord's settings --------------------------------------------------


@GET_POST
@administrators_only
def landlord_settings(request):
    current = selectors.landlord(request)
    if request.method == "GET":
        initial = {
            "name": current.name,
            **current.brand,
            "phone": current.phone,
            "email": current.email,
            "address": current.address,
            "help_text": current.help_text,
            "jargon": "\n".join(current.jargon),
        }
        form = LandlordSettingsForm(initial=initial)
        status = 200
    else:
        form = LandlordSettingsForm(request.POST, request.FILES)
        status = run_form(request, form, services.save_landlord_settings)
        if status is None:
            messages.success(request, "Landlord settings saved")
            return see_other(reverse("administration:settings"))
    context = {"form": form, "has_logo": bool(current.logo_version)}
    return _page(request, "settings.html", context, form=form, status=status)
