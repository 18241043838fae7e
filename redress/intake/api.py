"""API routes for residents, representatives, contacts and service requests."""

import datetime as dt

from ninja import Router, Status

from redress.project.schemas import Input

from . import services
from .models import ServiceRequest
from .selectors import resident_detail

router = Router(tags=["intake"])


class ResidentIn(Input):
    name: str
    address: str = ""
    postcode: str = ""
    email: str = ""
    phone: str = ""
    tenancy_reference: str = ""


class RepresentativeIn(Input):
    name: str
    relationship: str
    authority: str
    authority_recorded_on: dt.date
    email: str = ""
    phone: str = ""


class AdjustmentIn(Input):
    adjustment: str
    disability_disclosed: str = ""
    review_on: dt.date


class RestrictionIn(Input):
    restriction: str
    evidence: str
    review_on: dt.date


class ContactIn(Input):
    resident_id: int
    representative_id: int | None = None
    channel: str
    classification: str
    summary: str
    received_at: dt.datetime | None = None
    told_how_to_complain: bool = False
    offered_choice_to_complain: bool = False
    issue_arose_on: dt.date | None = None
    resident_aware_on: dt.date | None = None
    category: str = ""


class RaiseComplaintIn(Input):
    summary: str
    channel: str
    received_at: dt.datetime | None = None


class CompleteIn(Input):
    completed_on: dt.date


@router.post("/residents", response={201: dict})
def create_resident(request, payload: ResidentIn):
    resident = services.create_resident(actor=request.auth, **payload.model_dump())
    return Status(201, {"id": resident.pk, "name": resident.name})


@router.get("/residents/{resident_id}", response=dict)
def read_resident(request, resident_id: int):
    return resident_detail(resident_id)


@router.post("/residents/{resident_id}/representatives", response={201: dict})
def add_representative(request, resident_id: int, payload: RepresentativeIn):
    rep = services.add_representative(
        actor=request.auth, resident_id=resident_id, **payload.model_dump()
    )
    return Status(201, {"id": rep.pk, "resident_id": resident_id, "name": rep.name})


@router.post("/residents/{resident_id}/adjustments", response={201: dict})
def record_adjustment(request, resident_id: int, payload: AdjustmentIn):
    item = services.record_adjustment(
        actor=request.auth, resident_id=resident_id, **payload.model_dump()
    )
    return Status(201, {"id": item.pk, "review_on": item.review_on})


@router.post("/residents/{resident_id}/restrictions", response={201: dict})
def record_restriction(request, resident_id: int, payload: RestrictionIn):
    item = services.record_restriction(
        actor=request.auth, resident_id=resident_id, **payload.model_dump()
    )
    return Status(201, {"id": item.pk, "review_on": item.review_on})


@router.post("/contacts", response={201: dict})
def record_contact(request, payload: ContactIn):
    contact, created = services.record_contact(actor=request.auth, **payload.model_dump())
    body = {
        "id": contact.pk,
        "classification": contact.classification,
        "complaint": None,
        "service_request": None,
    }
    if isinstance(created, ServiceRequest):
        body["service_request"] = created.pk
    elif created is not None:
        body["complaint"] = created.reference
    return Status(201, body)


@router.get("/service-requests", response=list[dict])
def list_service_requests(request, state: str = "open"):
    rows = ServiceRequest.objects.filter(state=state).order_by("raised_on", "id")[:200]
    return [
        {
            "id": r.pk,
            "resident_id": r.resident_id,
            "description": r.description,
            "state": r.state,
            "raised_on": r.raised_on,
            "completed_on": r.completed_on,
        }
        for r in rows
    ]


@router.post("/service-requests/{request_id}/complaints", response={201: dict})
def raise_complaint(request, request_id: int, payload: RaiseComplaintIn):
    complaint = services.raise_complaint_about_service_request(
        actor=request.auth, service_request_id=request_id, **payload.model_dump()
    )
    return Status(201, {"complaint": complaint.reference, "service_request": request_id})


@router.post("/service-requests/{request_id}/complete", response=dict)
def complete(request, request_id: int, payload: CompleteIn):
    done = services.complete_service_request(
        actor=request.auth, service_request_id=request_id, completed_on=payload.completed_on
    )
    return {"id": done.pk, "state": done.state, "completed_on": done.completed_on}
