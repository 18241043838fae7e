"""The one-time codes that open a complaint's status page, sent from the task queue.

Asking for a code must not tell anyone whether a reference and an email go together:
the page does the same work every time (it queues `send_status_code`) and never
touches mail, so a match, a mismatch and a mail server that is down look alike, in
what the page says and in how long it takes. The worker decides whether anyone is to
be mailed. The queue holds a keyed digest of the address typed, not the address, so an
address that matches nothing is kept nowhere.

A code is kept only as a keyed digest, works once, expires, and is void after a few
wrong guesses. Mail that fails is tried again after a back-off (redress/project/mail.py),
each try with a fresh code; the code that could not be sent is not kept.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging
import secrets

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from redress.cases.models import Complaint
from redress.infra.mail import MAIL_ERRORS, try_again
from redress.intake.models import StatusCode

CODE_LIFETIME = dt.timedelta(minutes=15)
MAX_GUESSES = 5
# Tries at 0, 5 and 15 minutes: later than that, the resident has given up waiting.
ATTEMPTS = 3

log = logging.getLogger(__name__)


def _keyed(text: str) -> str:
    """Keyed, so a leaked table cannot be matched against guesses (codes, addresses)."""
    return hmac.new(settings.SECRET_KEY.encode(), text.encode(), hashlib.sha256).hexdigest()


def code_digest(reference: str, code: str) -> str:
    return _keyed(f"{reference}:{code}")


def address_digest(reference: str, email: str) -> str:
    return _keyed(f"address:{reference}:{email.strip().lower()}")


def request_code(reference: str, email: str) -> None:
    """The same work whatever the pair: one task queued, no lookup, no mail."""
    send_status_code.enqueue(reference, address_digest(reference, email))


def _address_on_case(reference: str, digest: str) -> str | None:
    """The resident's or representative's address whose digest this is, if either's is."""
    complaint = (
        Complaint.objects.filter(reference=reference)
        .select_related("resident", "representative")
        .first()
    )
    if complaint is None:
        return None
    people = (complaint.resident, complaint.representative)
    addresses = [person.email for person in people if person is not None and person.email]
    return next(
        (a for a in addresses if hmac.compare_digest(address_digest(reference, a), digest)),
        None,
    )


@task()
def send_status_code(reference: str, digest: str, attempt: int = 1) -> str:
    """Mail a fresh code if the pair matches; "sent" or "no match". A failed send keeps no
    code, queues the next try (until ATTEMPTS) and raises, so the worker logs it."""
    address = _address_on_case(reference, digest)
    if address is None:
        return "no match"
    code = f"{secrets.randbelow(1_000_000):06d}"
    try:
        with transaction.atomic():  # the code is kept only if its email went
            StatusCode.objects.create(
                reference=reference,
                email=address,
                code_digest=code_digest(reference, code),
                expires_at=timezone.now() + CODE_LIFETIME,
            )
            send_mail(
                f"Your code to check complaint {reference}",
                f"Your code is {code}. It works once and expires in 15 minutes.\n\n"
                "If you did not ask for this code, you can ignore this email.",
                settings.DEFAULT_FROM_EMAIL,
                [address],
            )
    except MAIL_ERRORS:
        try_again(send_status_code, attempt, ATTEMPTS, reference, digest)
        log.warning("status code for %s not sent (try %d of %d)", reference, attempt, ATTEMPTS)
        raise
    return "sent"


@transaction.atomic
def use_code(reference: str, code: str) -> bool:
    """True for a right, unused, unexpired code; a wrong one counts against every live code."""
    live = StatusCode.objects.select_for_update().filter(
        reference=reference,
        used_at__isnull=True,
        expires_at__gt=timezone.now(),
        failed_attempts__lt=MAX_GUESSES,
    )
    match = live.filter(code_digest=code_digest(reference, code)).first()
    if match is None:
        for wrong in live:
            wrong.failed_attempts += 1
            wrong.save(update_fields=["failed_attempts"])
        return False
    match.used_at = timezone.now()
    match.save(update_fields=["used_at"])
    return True
