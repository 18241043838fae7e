"""Writing notices: the one `notify` every producer uses, the hooks the case services call,
reading them and choosing which come by email.

Writing a notice never sends anything: email goes in the next daily digest, through a
background task (`delivery`), so no request waits on a mail server.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from redress.administration import deployment
from redress.code.stages import Status
from redress.record.errors import NotFound
from redress.record.services import record_event
from redress.staff.roles import COMPLAINTS_OFFICER, MANAGER

from .models import ALWAYS_EMAILED, EmailState, Kind, Notification, Preference

OVERSIGHT_ROLES = (COMPLAINTS_OFFICER, MANAGER)
# What a notice meant for someone who has left says to the officers who get it instead.
LEFT = "It was for {name}, who has left (their account is deactivated): it comes to you instead."


def _active_ids(roles) -> list[int]:
    users = get_user_model().objects.filter(is_active=True, groups__name__in=roles)
    return sorted(set(users.values_list("pk", flat=True)))


def oversight_ids() -> list[int]:
    """The active complaints officers and managers: who hears of every late complaint."""
    return _active_ids(OVERSIGHT_ROLES)


def officer_ids() -> list[int]:
    """The active complaints officers (4.1): who hears what no active handler would,
    and what was meant for a leaver."""
    return _active_ids([COMPLAINTS_OFFICER])


def leavers(user_ids: Iterable[int]) -> dict[int, str]:
    """Of these people, those whose account is deactivated, with their names."""
    ids = {pk for pk in user_ids if pk}
    found = get_user_model().objects.filter(pk__in=ids, is_active=False) if ids else []
    return {user.pk: _name(user) for user in found}


def instead_of_leavers(wanted: list[tuple]) -> list[tuple]:
    """Each (recipient ids, kind, subject, reason, complaint id) with anyone whose account is
    deactivated taken out and the complaints officers (with none, the managers) told in
    their place, saying why: no notice goes to an inactive account, and no duty is dropped
    with it. One query, and more only when someone has left."""
    gone = leavers(pk for ids, *_ in wanted for pk in ids)
    if not gone:
        return wanted
    officers = officer_ids() or oversight_ids()
    routed = []
    for ids, kind, subject, reason, complaint_id in wanted:
        routed.append(([pk for pk in ids if pk not in gone], kind, subject, reason, complaint_id))
        routed += [
            (officers, kind, subject, f"{reason} {LEFT.format(name=gone[pk])}", complaint_id)
            for pk in ids
            if pk in gone
        ]
    return routed


def email_refused(kind: str, user_ids: Iterable[int]) -> set[int]:
    """Of these people, those who switched this kind's email off (never for ALWAYS_EMAILED)."""
    if kind in ALWAYS_EMAILED:
        return set()
    off = Preference.objects.filter(kind=kind, email=False, user_id__in=list(user_ids))
    return set(off.values_list("user_id", flat=True))


def build(
    recipient_ids: Iterable[int],
    kind: str,
    subject: str,
    reason: str,
    *,
    complaint_id: int | None = None,
    on: dt.date | None = None,
    refused: set[int] = frozenset(),
) -> list[Notification]:
    """Unsaved notices, one per recipient, with the email state their preference gives."""
    on = on or deployment.today()
    return [
        Notification(
            recipient_id=pk,
            kind=kind,
            subject=subject,
            reason=reason,
            complaint_id=complaint_id,
            on=on,
            email_state=EmailState.NOT_WANTED if pk in refused else EmailState.PENDING,
        )
        for pk in dict.fromkeys(recipient_ids)
    ]


def save_new(notices: list[Notification]) -> None:
    """Insert, skipping any (recipient, kind, subject) already written: the sweep's safety."""
    Notification.objects.bulk_create(notices, batch_size=2000, ignore_conflicts=True)


def notify(recipient_ids, kind: str, subject: str, reason: str, *, complaint=None) -> None:
    """Notices to these people (or, for any who have left, the complaints officers)."""
    ids = [pk for pk in dict.fromkeys(recipient_ids) if pk]
    wanted = instead_of_leavers([(ids, kind, subject, reason, complaint.pk if complaint else None)])
    for ids, kind, subject, reason, complaint_id in wanted:
        refused = email_refused(kind, ids)
        save_new(build(ids, kind, subject, reason, complaint_id=complaint_id, refused=refused))


def _name(user) -> str:
    return user.get_full_name() or user.get_username()


def complaint_assigned(complaint, handler, actor, event) -> None:
    """The case services' hook: the new handler hears of it (not when they took it themselves)."""
    if actor is not None and actor.pk == handler.pk:
        return
    by = f" by {_name(actor)}" if actor is not None else ""
    notify(
        [handler.pk],
        Kind.ASSIGNED,
        f"assigned:{complaint.pk}:{event.pk}",
        f"Complaint {complaint.reference} was assigned to you{by}.",
        complaint=complaint,
    )


def work_left(user, complaints, event) -> None:
    """The administration's hook: an account was deactivated while its holder still handled
    these open complaints (or owned open remedies or actions on them), left for the
    complaints officers to hand on. One notice each, so none is stranded silently."""
    name = _name(user)
    for complaint in complaints:
        notify(
            officer_ids(),
            Kind.LEAVER,
            f"leaver:{complaint.pk}:{event.pk}",
            f"{name} has left (their account is deactivated) while still holding work on "
            f"complaint {complaint.reference}: give it a new handler or owner.",
            complaint=complaint,
        )


def extension_beyond_limit(complaint, stage: int, total: int, limit: int, actor, event) -> None:
    """The case services' hook: officers and managers hear of an extension past the limit."""
    who = _name(actor) if actor is not None else "someone"
    notify(
        [pk for pk in oversight_ids() if actor is None or pk != actor.pk],
        Kind.EXTENSION,
        f"extension:{complaint.pk}:{event.pk}",
        f"{who} extended stage {stage} of complaint {complaint.reference} to {total} working "
        f"days in all, beyond the Code's limit of {limit}.",
        complaint=complaint,
    )


def resident_replied(complaint, event, sender: str, *, actor=None) -> None:
    """A resident's (or their representative's) message reached the case: its handler
    hears of it; when the case is closed or refused, has no handler, or its handler has
    left, the complaints officers do, so no reply waits unread. `actor` put it on the case
    (triage) and is not told of their own doing."""
    handler = complaint.handler
    if Status(complaint.status).is_open and handler is not None and handler.is_active:
        recipients, to_whom = [handler.pk], "your complaint"
    else:
        recipients, to_whom = officer_ids(), _unhandled(complaint)
    notify(
        [pk for pk in recipients if actor is None or pk != actor.pk],
        Kind.REPLY,
        f"reply:{complaint.pk}:{event.pk}",
        f"{sender} wrote on {to_whom} {complaint.reference}. Read it on the case page.",
        complaint=complaint,
    )


def _unhandled(complaint) -> str:
    status = Status(complaint.status)
    if not status.is_open:
        return f"{status.value} complaint"
    if complaint.handler is None:
        return "unassigned complaint"
    return "complaint (its handler's account is inactive)"


@transaction.atomic
def mark_read(user, notification_id: int) -> None:
    found = Notification.objects.filter(pk=notification_id, recipient=user)
    if not found.exists():
        raise NotFound("no such notification", field="notification")
    found.filter(read_at__isnull=True).update(read_at=timezone.now())


@transaction.atomic
def mark_all_read(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def set_email_preferences(user, wanted: set[str]) -> None:
    """Email for the kinds in `wanted`, in the app only for the rest (ALWAYS_EMAILED stays on)."""
    choices = {kind: kind in wanted or kind in ALWAYS_EMAILED for kind in Kind.values}
    for kind, email in choices.items():
        Preference.objects.update_or_create(user=user, kind=kind, defaults={"email": email})
    record_event(
        "user",
        user.pk,
        "notification_preferences_set",
        actor=user,
        payload={"email": sorted(k for k, on in choices.items() if on)},
    )
