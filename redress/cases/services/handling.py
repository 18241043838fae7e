"""Commands that record how a complaint is handled without moving its stage."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from redress.code.chronology import Moment
from redress.code.stages import NO_REOPENING, Command, Status
from redress.infra.uploads import check_upload
from redress.record.checks import not_future_date, require_text, update_interval
from redress.record.errors import Forbidden, Refused
from redress.staff.roles import assigns_cases

from .. import ports
from ..models import Complaint, Correspondence
from .base import (
    current_stage,
    lock,
    not_before_stage,
    note_update_sent,
    occurred_date,
    save_and_record,
    staff_user,
    transition,
    when,
)
from .stages import handler_allowed


@transaction.atomic
def assign(reference: str, *, actor, handler_id: int, occurred_at=None):
    """Give the case to a handler: the complaints officer's call (4.1)."""
    if actor is not None and not assigns_cases(actor):
        raise Forbidden("only the complaints officer assigns complaints", rule="4.1")
    complaint = lock(reference)
    if not Status(complaint.status).is_open:
        raise Refused(f"a {complaint.status} complaint has no handler to assign", rule=NO_REOPENING)
    handler = staff_user(handler_id, "handler_id")
    handler_allowed(complaint, handler)
    at = when(complaint, occurred_at)
    complaint.handler = handler
    stage = current_stage(complaint)
    if stage.acknowledged_on and not stage.responded_on:
        stage.handler = handler
        stage.save(update_fields=["handler"])
    event = save_and_record(
        complaint, "assigned", actor=actor, occurred_at=at, payload={"handler": handler.pk}
    )
    ports.complaint_assigned(complaint, handler, actor, event)
    return complaint


class Refusals(Refused):
    """Some of several cases refused in one command: each reference with its refusal."""

    def __init__(self, each: list[tuple[str, Refused]]):
        super().__init__("; ".join(f"{reference}: {r.message}" for reference, r in each))
        self.each = each


@transaction.atomic
def assign_many(references: list[str], *, actor, handler_id: int) -> list[Complaint]:
    """Give several cases to one handler: all of them, or none if any is refused (then
    `Refusals` names every case refused, and why)."""
    assigned, refused = [], []
    for reference in references:
        try:
            assigned.append(assign(reference, actor=actor, handler_id=handler_id))
        except Refused as refusal:
            refused.append((reference, refusal))
    if refused:
        raise Refusals(refused)
    return assigned


@transaction.atomic
def request_clarification(reference: str, *, actor, question: str, occurred_at=None):
    """Ask the resident to clarify part of the complaint (5.7)."""
    complaint = lock(reference)
    transition(complaint, Command.REQUEST_CLARIFICATION)
    question = require_text(question, "question", "5.7")
    save_and_record(
        complaint,
        "clarification_requested",
        actor=actor,
        occurred_at=when(complaint, occurred_at),
        payload={"question": question},
    )
    return complaint


@transaction.atomic
def agree_update_interval(
    reference: str,
    *,
    actor,
    every_working_days: int,
    agreed_on: dt.date,
    note: str = "",
    occurred_at=None,
):
    """How often the resident hears from us while a response is late (5.9)."""
    complaint = lock(reference)
    transition(complaint, Command.AGREE_UPDATE_INTERVAL)
    update_interval(every_working_days, "every_working_days", "5.9")
    not_future_date(agreed_on, "agreed_on", "5.12")
    stage = current_stage(complaint)
    not_before_stage(stage, agreed_on, "agreed_on")
    complaint.update_every = every_working_days
    note_update_sent(complaint, agreed_on)
    stage_payload = {
        "stage": stage.number,
        "every_working_days": every_working_days,
        "agreed_on": agreed_on.isoformat(),
        "note": (note or "").strip(),
    }
    save_and_record(
        complaint,
        "update_interval_agreed",
        actor=actor,
        occurred_at=when(complaint, occurred_at),
        payload=stage_payload,
    )
    return complaint


@transaction.atomic
def record_conflict(reference: str, *, actor, description: str, handling: str, occurred_at=None):
    """A conflict of interest, and how it was handled (5.8)."""
    complaint = lock(reference)
    transition(complaint, Command.RECORD_CONFLICT)
    payload = {
        "description": require_text(description, "description", "5.8"),
        "handling": require_text(handling, "handling", "5.8", "how the conflict was handled"),
    }
    save_and_record(
        complaint,
        "conflict_recorded",
        actor=actor,
        occurred_at=when(complaint, occurred_at),
        payload=payload,
    )
    return complaint


@transaction.atomic
def attach(
    reference: str,
    *,
    actor,
    kind: str,
    direction: str,
    title: str,
    body: str = "",
    file=None,
    occurred_at=None,
) -> Correspondence:
    """Put a letter, email, call note or document on the case, at any time (5.12)."""
    complaint = lock(reference)
    transition(complaint, Command.ATTACH)
    if kind not in Correspondence.Kind.values:
        raise Refused(f"kind must be one of: {', '.join(Correspondence.Kind.values)}", field="kind")
    if direction not in Correspondence.Direction.values:
        raise Refused(
            f"direction must be one of: {', '.join(Correspondence.Direction.values)}",
            field="direction",
        )
    title = require_text(title, "title")
    if not (body or "").strip() and file is None:
        raise Refused("give the text or a file", field="body")
    if file is not None and not isinstance(file, str):
        # An upload, checked by content, not by name: size, allowed kinds, a safe name
        # (redress/infra/uploads). A str is a file inbound mail has stored already,
        # after the same checks (redress/intake/inbound.py).
        check_upload(file)
    # A letter from any stage may be put on the case later: it follows the receipt only.
    at = when(complaint, occurred_at, Moment.RECEIVED)
    item = Correspondence.objects.create(
        complaint=complaint,
        kind=kind,
        direction=direction,
        title=title,
        body=body or "",
        occurred_at=at,
        **({"file": file} if file is not None else {}),
    )
    if direction == Correspondence.Direction.OUTGOING:
        note_update_sent(complaint, occurred_date(at))
    save_and_record(
        complaint,
        "correspondence_attached",
        actor=actor,
        occurred_at=at,
        payload={
            "correspondence": item.pk,
            "kind": kind,
            "direction": direction,
            "title": title,
            "file": item.file.name if item.file else None,
        },
    )
    return item
