"""Moving a complaint through its two stages: acknowledge, extend, respond, escalate, close."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from redress.administration import deployment
from redress.code import chronology
from redress.code.chronology import Moment
from redress.code.separation import NO_PROVISION, StageOne
from redress.code.stages import Command, Status
from redress.code.timescales import LONGEST_EXTENSION
from redress.record.checks import not_future_date, require_text, storable_text, update_interval
from redress.record.errors import Forbidden, Refused
from redress.record.services import record_event
from redress.staff.roles import MANAGER, has_role

from .. import ports
from ..clock import assess
from ..models import Complaint, Correspondence, Extension, OutstandingAction, Stage
from .base import (
    current_stage,
    lock,
    not_before_stage,
    occurred_date,
    remember_related,
    save_and_record,
    stage_one,
    transition,
    when,
)
from .communication import ACKNOWLEDGEMENT, RESPONSE, Communication
from .definition import clean_definition

DECISIONS = ("upheld", "partly_upheld", "not_upheld")


def refuse_stage_one_people(complaint: Complaint, **people) -> None:
    """Refuse, naming its field, anyone of `people` (field name → user) who considered
    stage 1 (`redress.code.separation`): stage 2 is someone else's (6.13)."""
    considered: StageOne | None = None
    for field, user in people.items():
        if user is None:
            continue
        considered = considered or stage_one(complaint)
        if considered.includes(user.pk, user.get_full_name(), user.get_username()):
            raise Refused(
                f"{user.get_full_name() or user.get_username()} considered the complaint at "
                "stage 1: stage 2 must be considered by someone else",
                field=field,
                rule=deployment.regime(complaint.regime).same_handler_provision or NO_PROVISION,
            )


@transaction.atomic
def acknowledge(
    reference: str,
    *,
    actor,
    points: list[str],
    outcomes_sought: list[str],
    responsible_for: list[str] | None = None,
    not_responsible_for: list[str] | None = None,
    responsible_for_all: bool = False,
    communication: Communication,
) -> Complaint:
    """Define the complaint at its stage (5.6, 5.7) and acknowledge it by `communication`
    (6.2 / 6.11): the stage is acknowledged on the day that went, and only by it."""
    complaint = lock(reference)
    status = transition(complaint, Command.ACKNOWLEDGE)
    stage = current_stage(complaint)
    at = _sent_at(complaint, communication, chronology.acknowledged(stage.number))
    definition = clean_definition(
        points=points,
        outcomes_sought=outcomes_sought,
        responsible_for=responsible_for,
        not_responsible_for=not_responsible_for,
        responsible_for_all=responsible_for_all,
    )
    handler = complaint.handler or actor
    if stage.number == 2:
        refuse_stage_one_people(complaint, handler=handler, actor=actor)
    if complaint.handler is None:
        # Acknowledging an unassigned case takes it on: an assignment, and recorded as one.
        record_event(
            "complaint",
            complaint.pk,
            "assigned",
            actor=actor,
            occurred_at=at,
            payload={"handler": handler.pk, "on_acknowledging": True},
        )
    stage.definition = definition
    stage.acknowledged_on = occurred_date(at)
    stage.handler = handler
    complaint.handler = handler
    item = _send(complaint, stage, communication, actor=actor, what=ACKNOWLEDGEMENT, at=at)
    stage.acknowledgement_sent = item
    stage.save()
    save_and_record(
        complaint,
        "acknowledged",
        actor=actor,
        occurred_at=at,
        status=status,
        payload={
            "stage": stage.number,
            "definition": definition,
            "handler": handler.pk,
            **_sent_payload(communication, item),
        },
    )
    return complaint


def _sent_at(complaint: Complaint, communication: Communication, moment) -> dt.datetime:
    """When the communication went: in order after what came before `moment` (5.12)."""
    return when(
        complaint,
        communication.sent_at,
        chronology.previous(moment),
        field="communication.sent_on",
    )


def _send(complaint: Complaint, stage: Stage, communication: Communication, **how):
    """Send the communication with the stage as it now stands, unsaved: a letter is made
    from exactly what this command records, and the stage is saved once, already linked
    (a dated stage always has its communication: the table's check says so)."""
    stages = [stage if s.pk == stage.pk else s for s in complaint.stages.all()]
    remember_related(complaint, stages=stages)
    return communication.send(complaint, stage, **how)


def _pounds(amount) -> str | None:
    return None if amount is None else str(amount)


def _sent_payload(communication: Communication, item: Correspondence) -> dict:
    return {"correspondence": item.pk, "sent": communication.words(item)}


@transaction.atomic
def extend(
    reference: str,
    *,
    actor,
    working_days: int,
    reason: str,
    told_resident_on: dt.date | None,
    occurred_at=None,
) -> Complaint:
    """Extend the current stage's response date (6.4 / 6.15).

    The resident must have been told on or before the respond-by date in
    force. Beyond the Code's limit the good reason is a manager's approval,
    given by the manager recording the extension themselves: nobody can
    approve on someone else's behalf by naming them.
    """
    complaint = lock(reference)
    transition(complaint, Command.EXTEND)
    stage = current_stage(complaint)
    if stage.number == 2:
        refuse_stage_one_people(complaint, actor=actor)
    timescale = deployment.regime(complaint.regime).stage(stage.number)
    rule = timescale.extension_provision
    at = when(complaint, occurred_at)
    if working_days is None or not 1 <= working_days <= LONGEST_EXTENSION:
        raise Refused(
            f"an extension is from 1 to {LONGEST_EXTENSION} working days",
            field="working_days",
            rule=rule,
        )
    reason = require_text(reason, "reason", rule, "the reason for the extension")
    if told_resident_on is None:
        raise Refused(
            "record when the resident was told of the extension",
            field="told_resident_on",
            rule=rule,
        )
    not_future_date(told_resident_on, "told_resident_on", "5.12")
    respond_by = _respond_by(complaint, stage.number)
    if told_resident_on > respond_by:
        raise Refused(
            f"the resident must be told on or before the response date in force "
            f"({respond_by.isoformat()})",
            field="told_resident_on",
            rule=rule,
        )
    not_before_stage(stage, told_resident_on, "told_resident_on", rule)
    already = sum(e.working_days for e in stage.extensions.all())
    approver = None
    if already + working_days > timescale.extension_limit:
        if not has_role(actor, MANAGER):
            raise Forbidden(
                f"extensions beyond {timescale.extension_limit} working days in all are "
                "approved by a manager: ask a manager to record this one",
                field="working_days",
                rule=rule,
            )
        approver = actor
    Extension.objects.create(
        stage=stage,
        working_days=working_days,
        reason=reason,
        agreed_on=told_resident_on,
        approved_by=approver,
    )
    event = save_and_record(
        complaint,
        "extended",
        actor=actor,
        occurred_at=at,
        payload={
            "stage": stage.number,
            "working_days": working_days,
            "reason": reason,
            "told_resident_on": told_resident_on.isoformat(),
            "approved_by": approver and approver.pk,
            # The date in force once it is agreed, as the resident was told it.
            "respond_by": _respond_by(complaint, stage.number).isoformat(),
        },
    )
    if approver is not None:
        ports.extension_beyond_limit(
            complaint,
            stage.number,
            already + working_days,
            timescale.extension_limit,
            actor,
            event,
        )
    return complaint


def _respond_by(complaint: Complaint, number: int) -> dt.date:
    clock = assess(complaint)
    return (clock.stage1 if number == 1 else clock.stage2).respond_by


def _decisions(stage: Stage, decisions: list[dict]) -> list[dict]:
    """One decision per point of the definition (6.7 / 6.18), each a known outcome."""
    rule = "6.7" if stage.number == 1 else "6.18"
    cleaned = []
    for index, item in enumerate(decisions or []):
        point = storable_text(str(item.get("point", "")), f"decisions.{index}.point", rule)
        decision = item.get("decision")
        if decision not in DECISIONS:
            raise Refused(
                f"decision must be one of: {', '.join(DECISIONS)}",
                field=f"decisions.{index}.decision",
                rule=rule,
            )
        cleaned.append({"point": point, "decision": decision})
    answered = {item["point"] for item in cleaned}
    missing = [p for p in stage.definition.get("points", []) if p not in answered]
    if missing:
        raise Refused(f"no decision on: {'; '.join(missing)}", field="decisions", rule=rule)
    return cleaned


def _outstanding(actions: list[dict]) -> list[dict]:
    cleaned = []
    for index, item in enumerate(actions or []):
        description = require_text(
            item.get("description"), f"outstanding_actions.{index}.description"
        )
        due_on = item.get("due_on")
        if not isinstance(due_on, dt.date):
            raise Refused("a due date is required", field=f"outstanding_actions.{index}.due_on")
        every = item.get("update_every")
        if every is not None:
            update_interval(every, f"outstanding_actions.{index}.update_every")
        cleaned.append(
            {"description": description, "due_on": due_on.isoformat(), "update_every": every}
        )
    return cleaned


@transaction.atomic
def respond(
    reference: str,
    *,
    actor,
    decisions: list[dict],
    reasons: str,
    remedies: list[dict] | None = None,
    outstanding_actions: list[dict] | None = None,
    communication: Communication,
) -> Complaint:
    """Answer the stage by `communication`: a decision on every point, with reasons, the
    remedies offered and the actions still to do, as rows (6.7, 6.9, 6.19; 7.3, 6.6).
    The stage is answered on the day the communication went, and only by it."""
    complaint = lock(reference)
    status = transition(complaint, Command.RESPOND)
    stage = current_stage(complaint)
    at = _sent_at(complaint, communication, chronology.responded(stage.number))
    if stage.number == 2:
        refuse_stage_one_people(complaint, actor=actor)
    response = {
        "decisions": _decisions(stage, decisions),
        "reasons": require_text(
            reasons, "reasons", "6.7" if stage.number == 1 else "6.18", "the reasons"
        ),
    }
    actions = _outstanding(outstanding_actions)
    stage.response = response
    stage.responded_on = occurred_date(at)
    stage.responded_by = actor
    OutstandingAction.objects.bulk_create(
        OutstandingAction(
            complaint=complaint,
            stage=stage.number,
            description=item["description"],
            due_on=dt.date.fromisoformat(item["due_on"]),
            owner_user=actor,
            update_every=item["update_every"],
        )
        for item in actions
    )
    # Each remedy offered becomes a row followed through to completion (7.3).
    offered = ports.record_response_remedies(
        complaint, stage.number, remedies, actor=actor, on=stage.responded_on
    )
    item = _send(complaint, stage, communication, actor=actor, what=RESPONSE, at=at)
    stage.response_sent = item
    stage.save()
    save_and_record(
        complaint,
        "responded",
        actor=actor,
        occurred_at=at,
        status=status,
        payload={
            "stage": stage.number,
            **response,
            "remedies": [
                {"remedy": r.pk, "description": r.description, "amount": _pounds(r.amount)}
                for r in offered
            ],
            "outstanding_actions": actions,
            **_sent_payload(communication, item),
        },
    )
    return complaint


@transaction.atomic
def escalate(
    reference: str, *, actor, still_wrong: str = "", occurred_at=None, actor_label: str = ""
) -> Complaint:
    """The resident asks for stage 2; no reason is required (6.12)."""
    complaint = lock(reference)
    status = transition(complaint, Command.ESCALATE)
    at = when(complaint, occurred_at, chronology.previous(Moment.ESCALATED))
    Stage.objects.create(
        complaint=complaint,
        number=2,
        requested_on=occurred_date(at),
        escalation_note=(still_wrong or "").strip(),
    )
    # The stage 1 handler may not consider stage 2 (6.13): the case awaits a new handler.
    complaint.handler = None
    save_and_record(
        complaint,
        "escalated",
        actor=actor,
        actor_label=actor_label,
        occurred_at=at,
        status=status,
        payload={"still_wrong": (still_wrong or "").strip()},
    )
    return complaint


@transaction.atomic
def close(reference: str, *, actor, note: str = "", occurred_at=None) -> Complaint:
    """Close after a stage 1 response the resident has not escalated."""
    complaint = lock(reference)
    status = transition(complaint, Command.CLOSE)
    at = when(complaint, occurred_at, chronology.previous(Moment.CLOSED))
    save_and_record(
        complaint,
        "closed",
        actor=actor,
        occurred_at=at,
        status=status,
        payload={"note": (note or "").strip()},
    )
    return complaint


def handler_allowed(complaint: Complaint, user) -> None:
    """Refuse a stage 1 person as the handler once the complaint is at stage 2."""
    if Status(complaint.status).stage == 2:
        refuse_stage_one_people(complaint, handler_id=user)
