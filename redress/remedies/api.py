"""API routes for remedies and outstanding actions, in redress/cases/api.py's style."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Field, Router, Schema, Status

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


class ItemOut(Schema):
    """A remedy or an outstanding action (`type`), as the case page lists them: who owns
    it, when it is due, how far overdue, and for a financial remedy the amount in pounds
    and the band the guidance suggests, with a warning when the amount is outside it."""

    type: Literal["remedy", "action"]
    id: int
    what: str
    description: str
    owner: str
    due_on: dt.date | None
    status: str
    open: bool
    working_days_overdue: int
    completed_on: dt.date | None
    evidence: str
    amount: str | None
    band: str
    outside_band: str

    @staticmethod
    def resolve_type(item: selectors.Item) -> str:
        return item.kind

    @staticmethod
    def resolve_id(item: selectors.Item) -> int:
        return item.pk

    @staticmethod
    def resolve_open(item: selectors.Item) -> bool:
        return item.is_open

    @staticmethod
    def resolve_working_days_overdue(item: selectors.Item) -> int:
        return item.days_overdue

    @staticmethod
    def resolve_amount(item: selectors.Item) -> str | None:
        return str(item.amount) if item.amount is not None else None

    @staticmethod
    def resolve_outside_band(item: selectors.Item) -> str:
        return item.warning


class ItemsOut(Schema):
    """The complaint's remedies and outstanding actions, after the change."""

    items: list[ItemOut]


class RemedyAdded(Schema):
    """The new remedy's id; for a financial remedy with an amount, the band the guidance
    suggests and any warning that the amount is outside it; and every item."""

    id: int
    band_label: str = Field("", description="Only for a financial remedy with an amount.")
    outside_band: str = Field("", description="Only for a financial remedy with an amount.")
    items: list[ItemOut]


def _items_of(reference: str) -> list[selectors.Item]:
    return selectors.complaint_items(get_complaint(reference))


def _item_row(model, pk: int, what: str):
    """The remedy or action the path names; the API's token has already refused (as not
    found) one on a complaint this person may not open (redress/project/api.py)."""
    row = model.objects.select_related("complaint").filter(pk=pk).first()
    if row is None:
        raise NotFound(f"no {what} {pk}", field="id")
    return row


@router.get("/complaints/{ref:reference}/remedies", response=list[ItemOut])
def list_remedies(request, reference: str):
    """The complaint's remedies and outstanding actions, by due date."""
    return _items_of(reference)


@router.post(
    "/complaints/{ref:reference}/remedies", response={201: RemedyAdded}, exclude_unset=True
)
def add_remedy(request, reference: str, payload: RemedyIn):
    remedy = services.add_remedy(reference, actor=request.auth, **payload.model_dump())
    return Status(
        201, {"id": remedy.pk, **services.band_words(remedy), "items": _items_of(reference)}
    )


@router.post("/remedies/{id:remedy_id}/status", response=ItemsOut)
def change_status(request, remedy_id: int, payload: StatusIn):
    remedy = _item_row(Remedy, remedy_id, "remedy")
    services.change_remedy_status(remedy.pk, actor=request.auth, **payload.model_dump())
    return {"items": _items_of(remedy.complaint.reference)}


class UpdatesIn(Input):
    update_every: int | None = None


@router.post("/outstanding-actions/{id:action_id}/update-interval", response=ItemsOut)
def agree_action_updates(request, action_id: int, payload: UpdatesIn):
    """Agree how often (in working days) the resident hears about the action; null stops."""
    action = _item_row(OutstandingAction, action_id, "outstanding action")
    services.agree_action_updates(action.pk, actor=request.auth, **payload.model_dump())
    return {"items": _items_of(action.complaint.reference)}


@router.post("/outstanding-actions/{id:action_id}/complete", response=ItemsOut)
def complete_action(request, action_id: int, payload: CompleteActionIn):
    action = _item_row(OutstandingAction, action_id, "outstanding action")
    services.complete_action(action.pk, actor=request.auth, **payload.model_dump())
    return {"items": _items_of(action.complaint.reference)}
