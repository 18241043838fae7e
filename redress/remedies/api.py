"""API routes for remedies and outstanding actions, in redress/cases/api.py's style."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Router, Status

from redress.cases.models import OutstandingAction
from redress.cases.selectors import get_complaint
from redress.record.errors import NotFound
from redress.ui.schemas import Input, Money, column

from . import selectors, services
from .models import Remedy

router = Router(tags=["remedies"])


class RemedyIn(Input):
    kind: str = column(Remedy, "kind")
    description: str = column(Remedy, "description")
    due_on: dt.date | None = None
    agreed_with_resident: bool = False
    owner_team_id: int | None = None
    owner_user_id: int | None = None
    owner_contractor_id: int | None = None
    finding: str = column(Remedy, "finding", "")
    impact: str = column(Remedy, "impact", "")
    actual_loss: Money | None = None
    time_and_trouble: Money | None = None
    distress: Money | None = None
    delay: Money | None = None
    update_every: int | None = None
    offered_on: dt.date | None = None


class StatusIn(Input):
    status: Literal["accepted", "declined", "completed"]
    on: dt.date | None = None
    evidence: str = column(Remedy, "evidence", "")


class CompleteActionIn(Input):
    evidence: str = column(OutstandingAction, "evidence")
    on: dt.date | None = None


def _item(item: selectors.Item) -> dict:
    return {
        "type": item.kind,
        "id": item.pk,
        "what": item.what,
        "description": item.description,
        "owner": item.owner,
        "due_on": item.due_on,
        "status": item.status,
        "open": item.is_open,
        "working_days_overdue": item.days_overdue,
        "completed_on": item.completed_on,
        "evidence": item.evidence,
        "amount": str(item.amount) if item.amount is not None else None,
        "band": item.band,
        "outside_band": item.warning,
    }


def _items_of(reference: str) -> list[dict]:
    return [_item(i) for i in selectors.complaint_items(get_complaint(reference))]


def _item_row(model, pk: int, what: str):
    """The remedy or action the path names; the API's token has already refused (as not
    found) one on a complaint this person may not open (redress/project/api.py)."""
    row = model.objects.select_related("complaint").filter(pk=pk).first()
    if row is None:
        raise NotFound(f"no {what} {pk}", field="id")
    return row


@router.get("/complaints/{ref:reference}/remedies", response=list[dict])
def list_remedies(request, reference: str):
    """The complaint's remedies and outstanding actions, by due date."""
    return _items_of(reference)


@router.post("/complaints/{ref:reference}/remedies", response={201: dict})
def add_remedy(request, reference: str, payload: RemedyIn):
    remedy = services.add_remedy(reference, actor=request.auth, **payload.model_dump())
    return Status(
        201, {"id": remedy.pk, **services.band_words(remedy), "items": _items_of(reference)}
    )


@router.post("/remedies/{id:remedy_id}/status", response=dict)
def change_status(request, remedy_id: int, payload: StatusIn):
    remedy = _item_row(Remedy, remedy_id, "remedy")
    services.change_remedy_status(remedy.pk, actor=request.auth, **payload.model_dump())
    return {"items": _items_of(remedy.complaint.reference)}


class UpdatesIn(Input):
    update_every: int | None = None


@router.post("/outstanding-actions/{id:action_id}/update-interval", response=dict)
def agree_action_updates(request, action_id: int, payload: UpdatesIn):
    """Agree how often (in working days) the resident hears about the action; null stops."""
    action = _item_row(OutstandingAction, action_id, "outstanding action")
    services.agree_action_updates(action.pk, actor=request.auth, **payload.model_dump())
    return {"items": _items_of(action.complaint.reference)}


@router.post("/outstanding-actions/{id:action_id}/complete", response=dict)
def complete_action(request, action_id: int, payload: CompleteActionIn):
    action = _item_row(OutstandingAction, action_id, "outstanding action")
    services.complete_action(action.pk, actor=request.auth, **payload.model_dump())
    return {"items": _items_of(action.complaint.reference)}
