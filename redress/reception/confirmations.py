"""The email that confirms an online complaint with its reference, from the task queue.

The complaint form promises it. It goes to the address typed on the form (the
resident's, or their representative's when someone complains for them), read from
the complaint when the task runs: the queue holds only the reference. Whether it
went is an event on the complaint, which the confirmation page reads, so the page
says what happened and nothing more.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django_tasks import task

from redress.cases.models import Complaint
from redress.infra.mail import MAIL_ERRORS, after_commit, failed_try, try_again
from redress.record.models import Event
from redress.record.services import record_event

SENT, NOT_SENT = "confirmation_sent", "confirmation_not_sent"
# Tries at 0, 5, 15, 35 and 75 minutes.
ATTEMPTS = 5

log = logging.getLogger(__name__)


def address(complaint: Complaint) -> str:
    """Where the confirmation goes: whoever made the complaint, if they gave an address."""
    person = complaint.representative or complaint.resident
    return person.email if person is not None else ""


def confirm(complaint: Complaint) -> bool:
    """Queue the confirmation once the complaint commits; False when there is no address."""
    if not address(complaint):
        return False
    after_commit(send_confirmation, complaint.reference)
    return True


def outcome(complaint: Complaint) -> str:
    """What became of the confirmation: "sent", "not sent" (every try failed), "sending"
    (queued or between tries) or "none" (no address to send it to)."""
    if not address(complaint):
        return "none"
    events = Event.objects.for_subject("complaint", complaint.pk).filter(
        action__in=(SENT, NOT_SENT)
    )
    last = events.last()
    if last is None:
        return "sending"
    if last.action == SENT:
        return "sent"
    return "sending" if last.payload.get("next_attempt_at") else "not sent"


@task()
def send_confirmation(reference: str, attempt: int = 1) -> str:
    complaint = Complaint.objects.select_related("resident", "representative").get(
        reference=reference
    )
    to = address(complaint)
    status_url = settings.REDRESS_PUBLIC_URL.rstrip("/") + reverse("public:status-start")
    body = (
        f"We have received your complaint. Your reference is {reference}.\n\n"
        "Keep this reference. To check your complaint's progress, go to "
        f"{status_url} and enter it with this email address: we will email you a code."
    )
    try:
        send_mail(
            f"Your complaint {reference} has been received",
            body,
            settings.DEFAULT_FROM_EMAIL,
            [to],
        )
    except MAIL_ERRORS as error:
        retry_at = try_again(send_confirmation, attempt, ATTEMPTS, reference)
        log.warning("confirmation of %s not sent (try %d): %s", reference, attempt, error)
        payload = failed_try(error, attempt, retry_at)
        record_event("complaint", complaint.pk, NOT_SENT, actor_label="mail", payload=payload)
        return "will try again" if retry_at else "not sent"
    payload = {"to": to, "attempt": attempt}
    record_event("complaint", complaint.pk, SENT, actor_label="mail", payload=payload)
    return "sent"
