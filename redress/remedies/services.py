"""Commands on remedies and outstanding actions: one transaction and one event each.

Every state change locks the complaint, checks, writes the row and appends an
event on the complaint's record. A refused command raises `Refused` and has
written nothing. Remedies can be added and completed whatever the complaint's
status: putting things right may happen at any stage (5.x) and goes on after
the complaint is closed (6.6, 7.3).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import transaction

from redress.cases.models import Complaint, Contractor, OutstandingAction
from redress.cases.services import lock, staff_user
from redress.code.remedies import financial_total, outside_band_warning, suggest_band
from redress.code.stages import Status
from redress.record.checks import not_future_date, require_text, today, update_interval
from redress.record.errors import NotFound, Refused
from redress.record.services import record_event
from redress.staff.models import Team

from .models import FINDING_CHOICES, IMPACT_CHOICES, Remedy, RemedyBand, RemedyKind, RemedyStatus
from .selectors import open_actions, open_remedies

PARTS = ("actual_loss", "time_and_trouble", "distress", "delay")


def bands():
    return [b.as_band() for b in RemedyBand.objects.all()]


def _money(value, field: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise Refused("enter an amount in pounds, like 150 or 150.00", field=field) from None
    if not amount.is_finite() or amount < 0 or amount >= Decimal("100000000"):
        raise Refused("enter an amount from £0 to £99,999,999", field=field)
    return amount


def _date(value, field: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise Refused("enter a real date", field=field) from None


def _day(on: dt.date | None, field: str, not_before: dt.date | None) -> dt.date:
    day = on or today()
    not_future_date(day, field, "5.12")
    if not_before and day < not_before:
        raise Refused(f"cannot be before {not_before.isoformat()}", field=field, rule="5.12")
    return day


def owner_fields(
    *, owner_team_id=None, owner_user_id=None, owner_contractor_id=None, required: bool = True
) -> dict:
    """Exactly one owner (a team, a person or a contractor), as model fields."""
    given = [x for x in (owner_team_id, owner_user_id, owner_contractor_id) if x is not None]
    if len(given) > 1:
        raise Refused("choose one owner: a team, a person or a contractor", field="owner")
    if not given:
        if required:
            raise Refused("choose who owns this", field="owner", rule="7.3")
        return {}
    if owner_team_id is not None:
        team = Team.objects.filter(pk=owner_team_id).first()
        if team is None:
            raise Refused(f"no team {owner_team_id}", field="owner")
        return {"owner_team": team, "owner_user": None, "owner_contractor": None}
    if owner_user_id is not None:
        return {
            "owner_team": None,
            "owner_user": staff_user(owner_user_id, "owner"),
            "owner_contractor": None,
        }
    contractor = Contractor.objects.filter(pk=owner_contractor_id, active=True).first()
    if contractor is None:
        raise Refused(f"no active contractor {owner_contractor_id}", field="owner")
    return {"owner_team": None, "owner_user": None, "owner_contractor": contractor}


def _update_every(value) -> int | None:
    return None if value in (None, "") else update_interval(value, "update_every")


def _choice(value: str, choices, field: str, what: str) -> str:
    value = (value or "").strip()
    if value not in {k for k, _ in choices}:
        raise Refused(f"choose {what}", field=field, rule="7.1" if field == "kind" else None)
    return value


def _stage_number(complaint: Complaint) -> int:
    return Status(complaint.status).stage or complaint.stages.count() or 1


def _event(complaint, action: str, actor, payload: dict) -> None:
    record_event("complaint", complaint.pk, action, actor=actor, payload=payload)


def _remedy_payload(remedy: Remedy) -> dict:
    return {
        "remedy": remedy.pk,
        "kind": remedy.kind,
        "description": remedy.description,
        "amount": str(remedy.amount) if remedy.amount is not None else None,
        "due_on": remedy.due_on.isoformat() if remedy.due_on else None,
        "band": remedy.band_key,
    }


def record_response_remedies(complaint, stage_number: int, remedies, *, actor, on: dt.date):
    """The respond service's hook: a Remedy row for each remedy a response offers, saying
    by when (7.3).

    Owned by the person responding until reassigned; a financial remedy given
    as one amount keeps it as the amount, with no parts.
    """
    rows = []
    for index, item in enumerate(remedies or []):
        kind = str(item.get("kind") or "").strip()
        if kind and kind not in RemedyKind.values:
            raise Refused(
                f"remedy kind must be one of: {', '.join(RemedyKind.values)}",
                field=f"remedies.{index}.kind",
                rule="7.1",
            )
        amount = _money(item.get("amount"), f"remedies.{index}.amount")
        due_on = _date(item.get("due_on"), f"remedies.{index}.due_on")
        if due_on is None:
            raise Refused(
                "enter when the remedy will be done", field=f"remedies.{index}.due_on", rule="7.3"
            )
        if due_on < on:
            raise Refused(
                "the due date cannot be before the response",
                field=f"remedies.{index}.due_on",
                rule="7.3",
            )
        rows.append(
            Remedy(
                complaint=complaint,
                stage=stage_number,
                kind=kind,
                description=require_text(
                    item.get("description"), f"remedies.{index}.description", "7.1"
                ),
                amount=amount,
                due_on=due_on,
                offered_on=on,
                owner_user=actor,
            )
        )
    return Remedy.objects.bulk_create(rows)


@transaction.atomic
def add_remedy(
    reference: str,
    *,
    actor,
    kind: str,
    description: str,
    due_on: dt.date | None,
    agreed_with_resident: bool = False,
    owner_team_id: int | None = None,
    owner_user_id: int | None = None,
    owner_contractor_id: int | None = None,
    finding: str = "",
    impact: str = "",
    actual_loss=None,
    time_and_trouble=None,
    distress=None,
    delay=None,
    update_every: int | None = None,
    offered_on: dt.date | None = None,
) -> Remedy:
    """Offer a remedy (7.1), saying who does what by when (7.3); financial ones in parts."""
    complaint = lock(reference)
    kind = _choice(kind, RemedyKind.choices, "kind", "the kind of remedy")
    description = require_text(description, "description", "7.1", "a description of the remedy")
    owner = owner_fields(
        owner_team_id=owner_team_id,
        owner_user_id=owner_user_id,
        owner_contractor_id=owner_contractor_id,
    )
    day = _day(offered_on, "offered_on", complaint.received_on)
    if due_on is None:
        raise Refused("enter when the remedy will be done", field="due_on", rule="7.3")
    if due_on < day:
        raise Refused("the due date cannot be before the offer", field="due_on")
    parts = {
        name: _money(value, name)
        for name, value in zip(PARTS, (actual_loss, time_and_trouble, distress, delay), strict=True)
    }
    money = {}
    if kind == RemedyKind.FINANCIAL:
        finding = _choice(finding, FINDING_CHOICES, "finding", "the finding")
        impact = _choice(impact, IMPACT_CHOICES, "impact", "the impact on the resident")
        amount = financial_total(*parts.values())
        if amount <= 0:
            raise Refused("enter the amount of at least one part", field="actual_loss", rule="7.1")
        band = suggest_band(bands(), finding, impact)
        money = {**parts, "amount": amount, "band_key": band.key if band else ""}
        money |= {"finding": finding, "impact": impact}
    elif any(v is not None for v in parts.values()):
        raise Refused("only a financial remedy has amounts", field="kind", rule="7.1")
    # Other remedies keep no finding or impact, but one given is one of the choices.
    for value, choices, field in (
        (finding, FINDING_CHOICES, "finding"),
        (impact, IMPACT_CHOICES, "impact"),
    ):
        if value:
            _choice(value, choices, field, f"the {field}")
    remedy = Remedy.objects.create(
        complaint=complaint,
        stage=_stage_number(complaint),
        kind=kind,
        description=description,
        due_on=due_on,
        agreed_with_resident=bool(agreed_with_resident),
        offered_on=day,
        update_every=_update_every(update_every),
        **owner,
        **money,
    )
    _event(complaint, "remedy_offered", actor, {**_remedy_payload(remedy), **band_words(remedy)})
    return remedy


def band_words(remedy: Remedy) -> dict:
    """The suggested band and any warning that the amount is outside it."""
    if remedy.kind != RemedyKind.FINANCIAL or remedy.amount is None:
        return {}
    band = suggest_band(bands(), remedy.finding, remedy.impact)
    return {
        "band_label": band.label if band else "",
        "outside_band": outside_band_warning(band, remedy.amount),
    }


def _locked_remedy(remedy_id: int) -> Remedy:
    remedy = Remedy.objects.select_related("complaint").filter(pk=remedy_id).first()
    if remedy is None:
        raise NotFound(f"no remedy {remedy_id}", field="remedy")
    lock(remedy.complaint.reference)
    return Remedy.objects.select_for_update().get(pk=remedy_id)


TRANSITIONS = {
    "accepted": (RemedyStatus.OFFERED,),
    "declined": (RemedyStatus.OFFERED,),
    "completed": (RemedyStatus.OFFERED, RemedyStatus.ACCEPTED),
}


@transaction.atomic
def change_remedy_status(
    remedy_id: int, *, actor, status: str, on: dt.date | None = None, evidence: str = ""
) -> Remedy:
    """Record the resident accepting or declining the offer, or the remedy done (paid)."""
    remedy = _locked_remedy(remedy_id)
    if status not in TRANSITIONS:
        raise Refused("status is accepted, declined or completed", field="status")
    if remedy.status not in TRANSITIONS[status]:
        raise Refused(f"a {remedy.status} remedy cannot become {status}", field=None, rule="7.3")
    day = _day(on, "on", remedy.offered_on)
    remedy.status = status
    if status == RemedyStatus.COMPLETED:
        remedy.evidence = require_text(evidence, "evidence", "7.3", "the evidence it was done")
    setattr(remedy, f"{status}_on", day)
    remedy.save()
    _event(
        remedy.complaint,
        f"remedy_{status}",
        actor,
        {**_remedy_payload(remedy), "on": day.isoformat(), "evidence": remedy.evidence},
    )
    return remedy


@transaction.atomic
def complete_action(
    action_id: int, *, actor, evidence: str, on: dt.date | None = None
) -> OutstandingAction:
    """An outstanding action is done (6.6): when, and the evidence that it was."""
    action = OutstandingAction.objects.select_related("complaint").filter(pk=action_id).first()
    if action is None:
        raise NotFound(f"no outstanding action {action_id}", field="action")
    lock(action.complaint.reference)
    action = OutstandingAction.objects.select_for_update().get(pk=action_id)
    if action.completed_on is not None:
        raise Refused("this action is already done", field=None, rule="6.6")
    evidence = require_text(evidence, "evidence", "6.6", "the evidence it was done")
    action.completed_on = _day(on, "on", action.complaint.received_on)
    action.evidence = evidence
    action.save()
    _event(
        action.complaint,
        "action_completed",
        actor,
        {
            "action": action.pk,
            "description": action.description,
            "on": action.completed_on.isoformat(),
            "evidence": evidence,
        },
    )
    return action


@transaction.atomic
def change_band(
    key: str, *, actor, label: str, low, high, impact: str = "", finding: str = ""
) -> RemedyBand:
    """An administrator sets a band of the remedies guidance (landlord configuration)."""
    band = RemedyBand.objects.select_for_update().filter(key=key).first()
    if band is None:
        raise NotFound(f"no remedy band {key!r}", field="key")
    low = _money(low, "low")
    if low is None:
        raise Refused("enter the lowest amount", field="low")
    high = _money(high, "high")
    if high is not None and high < low:
        raise Refused("up to cannot be less than from", field="high")
    if impact:
        _choice(impact, IMPACT_CHOICES, "impact", "an impact")
    if finding:
        _choice(finding, FINDING_CHOICES, "finding", "a finding")
    before = {"label": band.label, "low": str(band.low), "high": band.high and str(band.high)}
    band.label = require_text(label, "label")
    band.low, band.high, band.impact, band.finding = low, high, impact, finding
    band.save()
    record_event(
        "remedy_band",
        band.pk,
        "changed",
        actor=actor,
        payload={
            "before": before,
            "label": band.label,
            "low": str(low),
            "high": high and str(high),
            "impact": impact,
            "finding": finding,
        },
    )
    return band


@transaction.atomic
def agree_action_updates(action_id: int, *, actor, update_every: int | None) -> OutstandingAction:
    """How often the resident hears about an outstanding action until it is done (6.6, 6.17);
    the sweep reminds the owner when an update is due."""
    action = OutstandingAction.objects.select_related("complaint").filter(pk=action_id).first()
    if action is None:
        raise NotFound(f"no outstanding action {action_id}", field="action")
    lock(action.complaint.reference)
    action = OutstandingAction.objects.select_for_update().get(pk=action_id)
    if action.completed_on is not None:
        raise Refused("this action is already done", field=None, rule="6.6")
    action.update_every = _update_every(update_every)
    action.save(update_fields=["update_every"])
    payload = {"action": action.pk, "update_every": action.update_every}
    _event(action.complaint, "action_update_interval_agreed", actor, payload)
    return action


def record_updates_sent(complaint, *, remedies: bool, actions: bool, on: dt.date) -> None:
    """An update letter went: the open items it covers start their interval again (5.9)."""
    if remedies:
        Remedy.objects.filter(complaint=complaint, completed_on__isnull=True).exclude(
            status=RemedyStatus.DECLINED
        ).update(last_update_on=on)
    if actions:
        OutstandingAction.objects.filter(complaint=complaint, completed_on__isnull=True).update(
            last_update_on=on
        )


def hand_over(from_user_id: int, *, actor, to_user_id: int) -> int:
    """Give every open remedy and outstanding action one person owns to another active case
    worker (a leaver's, before their account is deactivated): an event on each complaint
    for each item. Runs in the caller's transaction; returns how many moved."""
    to = staff_user(to_user_id, "owner")
    moved = 0
    for name, items in (("remedy", open_remedies()), ("action", open_actions())):
        for item in items.filter(owner_user_id=from_user_id).select_related("complaint"):
            lock(item.complaint.reference)
            item.owner_user = to
            item.save(update_fields=["owner_user"])
            payload = {name: item.pk, "from": from_user_id, "to": to.pk}
            _event(item.complaint, f"{name}_owner_changed", actor, payload)
            moved += 1
    return moved
