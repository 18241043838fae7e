"""Spam protection for the public complaint form, with no third-party service.

Two checks a person passes without noticing: a honeypot field, hidden by the
stylesheet (`redress-honeypot`), that a person never fills but a form-filling
robot does; and a signed token saying when the form was opened, so a form sent
within seconds of opening (a robot) or over a day later (a replayed token) is
refused. The token is signed with SECRET_KEY, so it cannot be forged or backdated.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core import signing

SALT = "redress.intake.complaint-form"
MAX_AGE = 24 * 60 * 60
HONEYPOT = "website"
TOKEN = "form_started"


def token(at: float | None = None) -> str:
    """A token saying the form was opened now (or at `at`, a Unix time)."""
    return signing.dumps(int(time.time() if at is None else at), salt=SALT)


def opened_at(value: str) -> int | None:
    """When the token says the form was opened; None if it is missing or not ours."""
    try:
        at = signing.loads(value or "", salt=SALT)
    except signing.BadSignature:
        return None
    return at if isinstance(at, int) else None


def problem(data) -> str | None:
    """Why this submission looks automated, in words for the person; None if it does not."""
    if data.get(HONEYPOT, ""):
        return "We could not accept this form. Leave the last field blank and send it again"
    at = opened_at(data.get(TOKEN, ""))
    age = time.time() - at if at is not None else None
    if age is None or age > MAX_AGE or age < -60:
        return "This form has expired. Check your answers and send it again"
    if age < settings.REDRESS_FORM_MIN_SECONDS:
        return "This form was sent too quickly. Check your answers and send it again"
    return None


def token_to_keep(data) -> str:
    """The token to show again: the submitted one if still good (the clock keeps running)."""
    submitted = data.get(TOKEN, "")
    at = opened_at(submitted)
    if at is not None and 0 <= time.time() - at <= MAX_AGE:
        return submitted
    return token()
