"""The signed-in person's notices, their email choices, and the failed emails (officers and
administrators). Plain forms posting back with a 303: everything works without JavaScript."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from redress.record.errors import NotFound
from redress.staff.access import role_required
from redress.staff.roles import COMPLAINTS_OFFICER, administers, has_role, roles_of
from redress.ui.govuk import see_other

from . import reviews, selectors, services
from .models import Kind

staff_only = role_required(lambda user: bool(roles_of(user)))
failures_seen = role_required(lambda user: administers(user) or has_role(user, COMPLAINTS_OFFICER))


@staff_only
def notification_list(request):
    unread_only = request.GET.get("show") != "all"
    found = selectors.notifications_for(request.user, unread_only=unread_only)
    page = Paginator(found, selectors.PAGE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    reviews.follow_ups(page.object_list)
    return render(
        request,
        "notifications/list.html",
        {"page": page, "unread_only": unread_only, "unread": selectors.unread_count(request.user)},
    )


@require_POST
@staff_only
def mark_read(request, notification_id: int):
    try:
        services.mark_read(request.user, notification_id)
    except NotFound:
        raise Http404("no such notification") from None
    return see_other(_back(request))


@require_POST
@staff_only
def mark_all_read(request):
    count = services.mark_all_read(request.user)
    messages.success(request, f"{count} notice{'s' if count != 1 else ''} marked as read")
    return see_other(_back(request))


def _back(request) -> str:
    url = reverse("notifications:list")
    return url + "?show=all" if request.POST.get("show") == "all" else url


@require_http_methods(["GET", "POST"])
@staff_only
def preferences(request):
    if request.method == "POST":
        wanted = {k for k in request.POST.getlist("email") if k in Kind.values}
        services.set_email_preferences(request.user, wanted)
        messages.success(request, "Your email choices are saved")
        return see_other(reverse("notifications:preferences"))
    return render(
        request,
        "notifications/preferences.html",
        {"choices": selectors.email_choices(request.user)},
    )


@failures_seen
def failures(request):
    return render(
        request, "notifications/failures.html", {"deliveries": selectors.failed_deliveries()}
    )
