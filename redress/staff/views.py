"""The API tokens page: a case worker makes a token (shown once), sees theirs, revokes one;
an administrator also sees everyone's and may revoke any."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from redress.record.errors import NotFound, Refused
from redress.ui.govuk import error_summary, refusal_text, refuse_on_form, see_other

from . import services
from .access import role_required
from .forms import INITIAL, NewTokenForm
from .models import ApiToken
from .roles import administers, does_casework


def holds_or_oversees_tokens(user) -> bool:
    return does_casework(user) or administers(user)


def _page(request, form=None, *, new_token: str = "", errors=None, status: int = 200):
    user = request.user
    mine = ApiToken.objects.filter(user=user).select_related("user")
    everyone = (
        ApiToken.objects.exclude(user=user).filter(revoked_at__isnull=True).select_related("user")
        if administers(user)
        else ApiToken.objects.none()
    )
    context = {
        "form": form or NewTokenForm(initial=INITIAL),
        "may_issue": does_casework(user),
        "mine": mine,
        "everyone": everyone,
        "new_token": new_token,
        "error_summary": errors or error_summary(form, "#main-content"),
    }
    return render(request, "staff/api_tokens.html", context, status=status)


@require_http_methods(["GET", "POST"])
@role_required(holds_or_oversees_tokens)
def api_tokens(request):
    if request.method == "GET":
        return _page(request)
    form = NewTokenForm(request.POST)
    if not form.is_valid():
        return _page(request, form, status=422)
    try:
        _token, clear = services.issue_token(actor=request.user, **form.arguments())
    except Refused as refusal:
        return _page(request, form, status=refuse_on_form(form, refusal))
    # Shown in this response only: the page is not cached and the token is never stored.
    response = _page(request, new_token=clear)
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@role_required(holds_or_oversees_tokens)
def revoke(request, token_id: int):
    try:
        token = services.revoke_token(token_id, actor=request.user)
    except Refused as refusal:
        errors = [{"href": "#tokens", "text": refusal_text(refusal)}]
        return _page(request, errors=errors, status=404 if isinstance(refusal, NotFound) else 409)
    messages.success(request, f"Revoked the token “{token.name}” of {token.user.get_username()}")
    return see_other(reverse("staff:api-tokens"))
