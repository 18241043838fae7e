"""What every complaint command does: lock, check the state machine, save, record."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model

from redress.code.london import london_date
from redress.code.stages import Command, Status, TransitionRefused, next_status
from redress.record.errors import NotFound, Refused
from redress.record.models import Event
from redress.record.services import record_event, resolve_occurred_at
from redress.staff.roles import does_casework

from .. import landlord
from ..clock import refresh_next_due
from ..models import Complaint, Stage


def lock(reference: str) -> Complaint:
    if "\x00" in reference:
        raise NotFound("no complaint with that reference", field="reference")
    try:
        return Complaint.objects.select_for_update().get(reference=reference)
    except Complaint.DoesNotExist:
        raise NotFound(f"no complaint with reference {reference!r}", field="reference") from None


def remember_related(instance, **related: list) -> None:
    """Tell Django the related rows of an object this command has just created, so the
    clock and the API's reply read them from memory instead of querying them back.

    It fills the cache `prefetch_related` fills (the one Django's related managers
    read and their add/remove/create invalidate); only a command that wrote every row
    of a relation may call it, and it does so after its last write to that relation.
    """
    cache = instance.__dict__.setdefault("_prefetched_objects_cache", {})
    for name, objects in related.items():
        rows = getattr(instance, name).get_queryset()
        rows._result_cache = list(objects)
        rows._prefetch_done = True
        cache[name] = rows


def transition(complaint: Complaint, command: Command) -> Status:
    """The state `command` leads to, or Refused naming the provision that forbids it."""
    try:
        return next_status(
            Status(complaint.status),
            command,
            landlord.regime(complaint.regime).third_stage_provision,
        )
    except TransitionRefused as refusal:
        raise Refused(str(refusal), field=None, rule=refusal.provision) from None


def when(complaint: Complaint, occurred_at: dt.datetime | None) -> dt.datetime:
    """When it happened: not in the future, and not before the complaint was received."""
    return resolve_occurred_at(occurred_at, not_before=complaint.received_on)


def current_stage(complaint: Complaint) -> Stage:
    number = Status(complaint.status).stage or 1
    return complaint.stages.get(number=number)


def stage_one_people(complaint: Complaint) -> set[int]:
    """The users who considered the complaint at stage 1 (6.13 keeps them off stage 2)."""
    stage = complaint.stages.filter(number=1).first()
    if stage is None:
        return set()
    return {pk for pk in (stage.handler_id, stage.responded_by_id) if pk}


def staff_user(user_id: int | None, field: str):
    """An active user with a case-work role, or Refused naming `field`."""
    if user_id is None:
        return None
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not does_casework(user):
        raise Refused(f"no active case-work user {user_id}", field=field)
    return user


def save_and_record(
    complaint: Complaint,
    action: str,
    *,
    actor,
    occurred_at: dt.datetime,
    payload: dict | None = None,
    status: Status | None = None,
    actor_label: str = "",
    corrects: Event | None = None,
) -> Event:
    if status is not None:
        complaint.status = status
    refresh_next_due(complaint)
    complaint.save()
    return record_event(
        "complaint",
        complaint.pk,
        action,
        actor=actor,
        actor_label=actor_label,
        occurred_at=occurred_at,
        payload=payload,
        corrects=corrects,
    )


def note_update_sent(complaint: Complaint, on: dt.date) -> None:
    """A letter, email or call to the resident restarts the interval agreed with them for
    updates (5.9), from the day it went; the caller saves."""
    if complaint.update_every:
        complaint.update_due = landlord.calendar().add_working_days(on, complaint.update_every)


def occurred_date(occurred_at: dt.datetime) -> dt.date:
    return london_date(occurred_at)
