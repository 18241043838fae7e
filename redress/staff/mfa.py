"""Multi-factor sign-in for staff: allauth.mfa asks the second factor, this module insists on one.

allauth asks for a code or a passkey at every sign-in of someone who has an authenticator,
but lets someone without one in on a password alone. Complaint files hold health details
and allegations about neighbours, so anyone with a staff role (or Django's staff flag) who
has no authenticator app and no passkey is sent to enrol before any other page opens. The
pages they still reach: signing in and out, enrolling (all under /accounts/), static files
and the brand stylesheet, the API (it takes tokens, not sessions) and the residents' pages.
"""

from __future__ import annotations

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils import timezone

from .roles import roles_of

SECOND_FACTORS = [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
# URL namespaces anyone may open whatever their factors: the residents' pages.
OPEN_NAMESPACES = {"public", "annual_report"}
OPEN_URL_NAMES = {"brand-css", "brand-logo", "annual_report:public-list"}
OPEN_PREFIXES = ("/accounts/", "/api/")


def is_staff_member(user) -> bool:
    return bool(roles_of(user)) or user.is_staff or user.is_superuser


def needs_enrolment(user) -> bool:
    return (
        user.is_authenticated
        and is_staff_member(user)
        and not is_mfa_enabled(user, types=SECOND_FACTORS)
    )


def _open_to_all(path: str) -> bool:
    if path.startswith(OPEN_PREFIXES) or path.startswith("/" + settings.STATIC_URL.lstrip("/")):
        return True
    try:
        match = resolve(path)
    except Resolver404:
        return True  # a 404 gives nothing away
    if match.view_name in OPEN_URL_NAMES:
        return True
    # The annual report's staff pages share its namespace with the public ones.
    return match.namespace in OPEN_NAMESPACES and not path.startswith("/oversight/")


class RequireSecondFactor:
    """Send a staff member with no second factor to the enrolment page, and nowhere else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if needs_enrolment(request.user) and not _open_to_all(request.path_info):
            return redirect("mfa_index")
        return self.get_response(request)


def enrol_totp(user, secret: str) -> Authenticator:
    """Give `user` an authenticator app with a known base32 secret (tests and the demo)."""
    existing = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    return existing or TOTP.activate(user, secret).instance


def current_code(secret: str, at=None) -> str:
    """The code an authenticator app holding `secret` shows now (or at `at`)."""
    counter = int((at or timezone.now()).timestamp()) // mfa_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(secret, counter))
