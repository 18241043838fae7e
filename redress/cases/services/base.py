"""What every complaint command does: lock, check the state machine, save, record."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model

from redress.administration import deployment
from redress.code import chronology, separation
from redress.code.chronology import Moment
from redress.code.london import london_date, long_date
from redress.code.stages import Command, Status, TransitionRefused, next_status
from redress.record.errors import NotFound, Refused
from redress.record.models import Event
from redress.record.services import record_event, resolve_occurred_at
from redress.staff.roles import does_casework

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
        return next_status(Status(complaint.status), command, deployment.regime(complaint.regime))
    except TransitionRefused as refusal:
        raise Refused(str(refusal), field=None, rule=refusal.rule) from None


def when(
    complaint: Complaint,
    occurred_at: dt.datetime | None,
    after: Moment | None = None,
    field: str = "occurred_at",
) -> dt.datetime:
    """When it happened: not in the future, and not before `after` nor any stage event
    before it (`redress.code.chronology`). By default `after` is the start of the stage
    the complaint is at: what is done at stage 2 follows the escalation. A refusal names
    `field`, where the date was given."""
    at = resolve_occurred_at(occurred_at, field=field)
    if after is None:
        after = chronology.began(Status(complaint.status).stage or 1)
    if after is Moment.RECEIVED:
        dates = {Moment.RECEIVED: complaint.received_on}
    else:
        dates = moment_dates(complaint)
    floor = chronology.latest(dates, after)
    if floor is not None and occurred_date(at) < floor[1]:
        moment, day = floor
        raise Refused(
            f"cannot be before {moment.words} ({long_date(day)})",
            field=field,
            rule=chronology.RULE,
        )
    return at


def not_before_stage(stage: Stage, day: dt.date, field: str, rule: str = chronology.RULE) -> None:
    """Refuse, naming `field`, a date given for a stage that falls before the stage began."""
    if day < stage.requested_on:
        began = chronology.began(stage.number)
        raise Refused(
            f"cannot be before {began.words} ({long_date(stage.requested_on)})",
            field=field,
            rule=rule,
        )


def moment_dates(complaint: Complaint) -> dict[Moment, dt.date | None]:
    """The dates of the complaint's stage events so far, as `chronology` orders them."""
    dates: dict[Moment, dt.date | None] = {Moment.RECEIVED: complaint.received_on}
    for stage in complaint.stages.all():
        if stage.number == 2:
            dates[Moment.ESCALATED] = stage.requested_on
        dates[chronology.acknowledged(stage.number)] = stage.acknowledged_on
        dates[chronology.responded(stage.number)] = stage.responded_on
    if complaint.status == Status.CLOSED:
        closure = (
            Event.objects.for_subject("complaint", complaint.pk).filter(action="closed").last()
        )
        dates[Moment.CLOSED] = closure and occurred_date(closure.occurred_at)
    return dates


def current_stage(complaint: Complaint) -> Stage:
    number = Status(complaint.status).stage or 1
    return complaint.stages.get(number=number)


def stage_one(complaint: Complaint) -> separation.StageOne:
    """Who considered the complaint at stage 1 (6.13 keeps them off stage 2), from its
    events in the order they were recorded, and from its stage 1 row (a tracker's
    handler name, and its users should an event not name them)."""
    events = (
        Event.objects.filter(
            subject_kind="complaint", subject_id=complaint.pk, action__in=separation.READS
        )
        .order_by("id")
        .values_list("action", "actor_id", "payload")
    )
    people = separation.stage_one_people(separation.Act(*event) for event in events)
    row = complaint.stages.get(number=1)
    on_row = {pk for pk in (row.handler_id, row.responded_by_id) if pk}
    return separation.StageOne(people | on_row, (row.handler_name,))


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
        complaint.update_due = deployment.calendar().add_working_days(on, complaint.update_every)


def occurred_date(occurred_at: dt.datetime) -> dt.date:
    return london_date(occurred_at)
