"""The one-time codes that open a complaint's status page, sent from the task queue.

Asking for a code must not tell anyone whether a reference and an email go together:
the page does the same work every time (it queues `send_status_code`) and never
touches mail, so a match, a mismatch and a mail server that is down look alike, in
what the page says and in how long it takes. The worker decides whether anyone is to
be mailed. The queue holds a keyed digest of the address typed, not the address, so an
address that matches nothing is kept nowhere.

A code is kept only as a keyed digest, works once, expires, and is void after a few
wrong guesses. Mail that fails is tried again after a back-off (redress/infra/mail.py),
each try with a fresh code; the code that could not be sent is not kept.

Each code sent, and each code tried against a live one, is an event on the complaint
(`SENT`, `ACCEPTED`, `REFUSED`), holding neither the code, nor its digest, nor the
address: who it went to ("resident" or "representative") and which try sent it. A
code tried where no code is live checks nothing, and is not recorded: it does the same
work whether or not the reference names a complaint.
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
from redress.record.services import record_event

CODE_LIFETIME = dt.timedelta(minutes=15)
MAX_GUESSES = 5
# Tries at 0, 5 and 15 minutes: later than that, the resident has given up waiting.
ATTEMPTS = 3
SENT, ACCEPTED, REFUSED = "status_code_sent", "status_code_accepted", "status_code_refused"

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


def _addressee(reference: str, digest: str) -> tuple[Complaint, str, str] | None:
    """The complaint, and who on it ("resident" or "representative") has the address whose
    digest this is, with the address; None if neither has."""
    complaint = (
        Complaint.objects.filter(reference=reference)
        .select_related("resident", "representative")
        .first()
    )
    if complaint is None:
        return None
    for who in ("resident", "representative"):
        person = getattr(complaint, who)
        address = person.email if person is not None else ""
        if address and hmac.compare_digest(address_digest(reference, address), digest):
            return complaint, who, address
    return None


@task()
def send_status_code(reference: str, digest: str, attempt: int = 1) -> str:
    """Mail a fresh code if the pair matches; "sent" or "no match". A failed send keeps no
    code, queues the next try (until ATTEMPTS) and raises, so the worker logs it."""
    found = _addressee(reference, digest)
    if found is None:
        return "no match"
    complaint, who, address = found
    code = f"{secrets.randbelow(1_000_000):06d}"
    try:
        with transaction.atomic():  # the code, and its event, are kept only if its email went
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
            payload = {"to": who, "attempt": attempt}
            record_event("complaint", complaint.pk, SENT, actor_label="mail", payload=payload)
    except MAIL_ERRORS:
        try_again(send_status_code, attempt, ATTEMPTS, reference, digest)
        log.warning("status code for %s not sent (try %d of %d)", reference, attempt, ATTEMPTS)
        raise
    return "sent"


@transaction.atomic
def use_code(reference: str, code: str) -> bool:
    """True for a right, unused, unexpired code; a wrong one counts against every live code.
    Either is recorded on the complaint when a code was live to check it against."""
    live = list(
        StatusCode.objects.select_for_update().filter(
            reference=reference,
            used_at__isnull=True,
            expires_at__gt=timezone.now(),
            failed_attempts__lt=MAX_GUESSES,
        )
    )
    if not live:
        return False
    digest = code_digest(reference, code)
    match = next((row for row in live if hmac.compare_digest(row.code_digest, digest)), None)
    if match is None:
        for wrong in live:
            wrong.failed_attempts += 1
            wrong.save(update_fields=["failed_attempts"])
    else:
        match.used_at = timezone.now()
        match.save(update_fields=["used_at"])
    # A code is only ever sent for a complaint there is (and complaints are never deleted).
    complaint = Complaint.objects.only("pk").get(reference=reference)
    action = REFUSED if match is None else ACCEPTED
    record_event("complaint", complaint.pk, action, actor_label="status page")
    return match is not None
