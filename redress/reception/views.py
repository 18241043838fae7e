"""The residents' front door: information pages, the complaint form, and the status pages.

Nothing here needs a login. The status pages are guarded by a one-time code
emailed to the complaint's resident or representative; a session sees only
the one reference it proved it owns.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.forms.forms import NON_FIELD_ERRORS
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from redress.cases.access import VERIFIED, verified_complaint
from redress.cases.models import Complaint
from redress.cases.selectors import complaint_detail
from redress.cases.services import escalate
from redress.code.london import long_date
from redress.intake import limits, spam
from redress.reception import confirmations, online, status_codes
from redress.reception.forms import CodeForm, ComplaintForm, EscalateForm, StatusStartForm
from redress.record.errors import Refused
from redress.staff.roles import home_url_name, roles_of
from redress.ui.govuk import errors_in_page_order, see_other

SUBMITTED = "submitted_references"
PENDING = "status_pending_reference"
STATUS_WORDS = {
    "stage1_received": "Stage 1: received, waiting to be acknowledged",
    "stage1_accepted": "Stage 1: received, waiting to be acknowledged",
    "stage1_acknowledged": "Stage 1: acknowledged, we are investigating",
    "stage1_responded": "Stage 1: we have sent our response",
    "stage2_requested": "Stage 2: you asked us to review it, waiting to be acknowledged",
    "stage2_acknowledged": "Stage 2: acknowledged, we are reviewing it",
    "closed": "Closed: we have sent our final response",
    "refused": "Not taken forward as a complaint",
}
TOO_MANY_COMPLAINTS = (
    "You have sent too many complaints from this connection in the last hour. Wait an hour "
    "and send it again, or phone us: your answers are still here"
)
TOO_MANY_CODES = (
    "You have asked for too many codes in the last hour. Wait an hour and try again, or contact us"
)
TOO_MANY_GUESSES = "You have tried too many codes in the last hour. Wait an hour and try again"
# Where a service's refusal belongs on the complaint form.
REFUSAL_FIELDS = {
    "issue_arose_on": "happened_day",
    "resident_aware_on": "aware_day",
    "file": "attachment",
}


def home(request):
    """The residents' front door. A signed-in member of staff is taken to where their
    role starts instead: the header's name links here from every page."""
    name = home_url_name(request.user) if roles_of(request.user) else "public:home"
    if name != "public:home":
        return redirect(name)
    return render(request, "intake/home.html")


def _redirect(name: str, *args) -> HttpResponseRedirect:
    return see_other(reverse(name, args=args))


def _error_summary(form) -> list[dict]:
    """GOV.UK error summary entries, each linking to its field's input."""
    items = []
    for name, errors in errors_in_page_order(form):
        href = "#main-content" if name == NON_FIELD_ERRORS else f"#{name}"
        items += [{"text": e, "href": href} for e in errors]
    return items


def _page(request, template: str, form, status: int = 200, **context):
    context.update(form=form, error_summary=_error_summary(form) if form.errors else None)
    return render(request, template, context, status=status)


def _long_date(day: dt.date | None) -> str:
    return f"{day:%A} {long_date(day)}" if day else ""


# --- The complaint form -----------------------------------------------------------------


def complain(request):
    """One page, so a resident can complain without an account or JavaScript.

    Refused, writing nothing, when the client has sent too many complaints this hour
    or the submission looks automated (redress/intake/spam.py); the answers are kept.
    """
    form = ComplaintForm(request.POST or None, request.FILES or None)
    if request.method != "POST":
        return _page(request, "intake/complain.html", form, form_started=spam.token())
    started = spam.token_to_keep(request.POST)
    if not limits.allow("complaint-ip", limits.client_ip(request)):
        form.add_error(None, TOO_MANY_COMPLAINTS)
        return _page(request, "intake/complain.html", form, 429, form_started=started)
    if form.is_valid():
        if problem := spam.problem(request.POST):
            form.add_error(None, problem)
            return _page(request, "intake/complain.html", form, form_started=started)
        try:
            reference = online.submit_complaint(**form.submission()).reference
        except Refused as refusal:
            field = REFUSAL_FIELDS.get(refusal.field or "")
            form.add_error(field if field in form.fields else None, refusal.message.capitalize())
        else:
            request.session[SUBMITTED] = [*request.session.get(SUBMITTED, [])[-4:], reference]
            return _redirect("public:complain-done", reference)
    return _page(request, "intake/complain.html", form, form_started=started)


def complain_done(request, reference: str):
    """Only the session that submitted a complaint sees its confirmation (no enumeration)."""
    if reference not in request.session.get(SUBMITTED, []):
        raise Http404("no such confirmation")
    complaint = Complaint.objects.select_related("resident", "representative").get(
        reference=reference
    )
    stage = complaint_detail(complaint).stages[0]
    return render(
        request,
        "intake/complain_done.html",
        {
            "reference": reference,
            "confirmation": confirmations.outcome(complaint),
            "confirmation_to": confirmations.address(complaint),
            "acknowledge_by": _long_date(stage.acknowledge_by),
            "respond_by": _long_date(stage.respond_by),
        },
    )


# --- Checking progress ------------------------------------------------------------------


def status_start(request):
    """Ask for reference and email; answer the same, after the same work, whether or not
    they match and whether or not mail works (the task queue sends any code: status_codes).

    Codes are limited per client and per email address (counted whether or not the
    pair matches, so the limit tells nothing): each code allows
    status_codes.MAX_GUESSES tries.
    """
    form = StatusStartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reference, email = form.cleaned_data["reference"], form.cleaned_data["email"]
        by_client = limits.allow("code-ip", limits.client_ip(request))
        if not (limits.allow("code-email", email) and by_client):
            form.add_error(None, TOO_MANY_CODES)
            return _page(request, "intake/status_start.html", form, 429)
        status_codes.request_code(reference, email)
        request.session[PENDING] = reference
        return _redirect("public:status-code")
    return _page(request, "intake/status_start.html", form)


def status_code(request):
    """Check the emailed code: right, unused, unexpired, and not guessed at too often."""
    reference = request.session.get(PENDING)
    if not reference:
        return _redirect("public:status-start")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not limits.allow("guess-ip", limits.client_ip(request)):
            form.add_error("code", TOO_MANY_GUESSES)
            return _page(request, "intake/status_code.html", form, 429, reference=reference)
        if status_codes.use_code(reference, form.cleaned_data["code"]):
            request.session.pop(PENDING, None)
            request.session.cycle_key()
            request.session[VERIFIED] = reference
            return _redirect("public:status")
        form.add_error("code", "The code is wrong or has expired. Check it, or ask for a new code")
    return _page(request, "intake/status_code.html", form, reference=reference)


def status(request, form=None, error_summary=None):
    """The verified complaint's progress, in words and dates, and the way to stage 2."""
    complaint = verified_complaint(request)
    if complaint is None:
        return _redirect("public:status-start")
    detail = complaint_detail(complaint)
    return render(
        request,
        "intake/status.html",
        {
            "complaint": complaint,
            "detail": detail,
            "status_words": STATUS_WORDS.get(complaint.status, complaint.status),
            "can_escalate": "escalate" in detail.allowed_commands,
            "form": form or EscalateForm(),
            "error_summary": error_summary,
        },
    )


@require_POST
def escalate_view(request):
    """Stage 2 on the resident's word alone (no reason needed, 6.12), for the verified case only."""
    complaint = verified_complaint(request)
    if complaint is None:
        return _redirect("public:status-start")
    form = EscalateForm(request.POST)
    if not form.is_valid():
        return status(request, form, _error_summary(form))
    try:
        escalate(
            complaint.reference,
            actor=None,
            actor_label="resident",
            still_wrong=form.cleaned_data["still_wrong"],
        )
    except Refused as refusal:
        summary = [{"text": refusal.message.capitalize(), "href": "#main-content"}]
        return status(request, form, summary)
    messages.success(request, "We have your request to take your complaint to stage 2")
    return _redirect("public:status")
