"""What every page knows: the landlord's name, colours, logo and contact details, and
whether the footer links to the development outbox."""

from django.conf import settings
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from redress.administration.selectors import landlord as landlord_settings
from redress.staff.roles import roles_of


def landlord(request) -> dict:
    """From the administrator's settings, else the deployment's: one query per request,
    and none for a page that shows none of it (the API docs, say)."""
    found = SimpleLazyObject(lambda: landlord_settings(request))
    return {
        "landlord": found,
        "landlord_name": SimpleLazyObject(lambda: found.name),
        "brand": SimpleLazyObject(lambda: found.brand),
        # Empty when there is no logo; the version makes a new logo a new URL.
        "logo_url": SimpleLazyObject(lambda: _logo_url(found.logo_version)),
    }


def _logo_url(version: str) -> str:
    return f"{reverse('brand-logo')}?v={version}" if version else ""


def outbox(request) -> dict:
    """The footer's link to the development outbox (redress/project/outbox.py): for staff,
    where it is on."""
    user = getattr(request, "user", None)
    shown = settings.REDRESS_OUTBOX and user is not None and user.is_authenticated
    return {"outbox_url": reverse("outbox") if shown and roles_of(user) else ""}
