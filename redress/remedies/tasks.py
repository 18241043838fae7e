"""Background tasks (django-tasks): send one reminder or escalation by email.

The task records the outcome both on the notice and as an event on the
complaint, so the record shows who was chased and whether the mail went. A
mail server's failure is tried again after a back-off (up to ATTEMPTS tries);
each failure is re-raised after it is recorded, so the task backend marks that
try failed too (and a worker's log shows why).
"""

from __future__ import annotations

from django.core.mail import send_mail
from django.utils import timezone
from django_tasks import task

from redress.code.london import long_date
from redress.infra.mail import MAIL_ERRORS, try_again
from redress.notifications.channels import preferred_channel
from redress.record.services import record_event

from .models import Notice, NoticeKind
from .selectors import chased_person

# Tries at 0, 5, 15, 35 and 75 minutes; the next day's sweep writes a new notice anyway.
ATTEMPTS = 5
SUBJECTS = {
    NoticeKind.REMINDER: "Due soon: {what} on complaint {reference}",
    NoticeKind.ESCALATION: "Overdue: {what} on complaint {reference}",
    NoticeKind.UPDATE: "Update due to the resident: {what} on complaint {reference}",
}


class NoRecipients(ValueError):
    """Nobody with an email address owns the item."""


def message(notice: Notice) -> tuple[str, str]:
    item = notice.remedy or notice.action
    what = "a remedy" if notice.remedy_id else "an outstanding action"
    reference = notice.complaint.reference
    subject = SUBJECTS[NoticeKind(notice.kind)].format(what=what, reference=reference)
    body = f"Complaint {reference}\n\n{item.description}\n\n"
    if item.due_on:
        body += f"Due: {long_date(item.due_on)}\n\n"
    person = chased_person(item)
    if person is not None and not person.is_active:
        name = person.get_full_name() or person.get_username()
        body += f"{name} has left (their account is deactivated): it comes to you instead.\n"
    if notice.kind == NoticeKind.ESCALATION:
        body += "This is overdue. It was escalated to the complaints officer.\n"
    elif notice.kind == NoticeKind.UPDATE:
        body += "The resident is owed an update at the interval agreed with them.\n"
        body += f"They prefer to hear {preferred_channel(notice.complaint)}.\n"
    else:
        body += "This is due within two working days.\n"
    return subject, body


@task()
def send_notice(notice_id: int, attempt: int = 1) -> str:
    notice = Notice.objects.select_related(
        "complaint__resident", "complaint__representative", "remedy", "action"
    ).get(pk=notice_id)
    if notice.sent_at is not None:
        return "already sent"
    payload = {"notice": notice.pk, "kind": notice.kind, "recipients": notice.recipients}
    payload |= {"remedy": notice.remedy_id} if notice.remedy_id else {"action": notice.action_id}
    subject, body = message(notice)
    try:
        if not notice.recipients:
            raise NoRecipients("nobody with an email address to send it to")
        send_mail(subject, body, None, notice.recipients)
    except (*MAIL_ERRORS, NoRecipients) as error:
        retry_at = None
        if not isinstance(error, NoRecipients):
            retry_at = try_again(send_notice, attempt, ATTEMPTS, notice.pk)
        notice.failure = f"{type(error).__name__}: {error}"
        notice.save(update_fields=["failure"])
        payload |= {"reason": notice.failure, "attempt": attempt}
        payload["next_attempt_at"] = retry_at.isoformat() if retry_at else None
        record_event(
            "complaint",
            notice.complaint_id,
            "notice_failed",
            actor_label="redress sweep",
            payload=payload,
        )
        raise
    notice.sent_at = timezone.now()
    notice.failure = ""
    notice.save(update_fields=["sent_at", "failure"])
    record_event(
        "complaint",
        notice.complaint_id,
        "notice_sent",
        actor_label="redress sweep",
        payload=payload,
    )
    return "sent"
