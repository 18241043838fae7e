"""API routes for residents, representatives, contacts and service requests."""

import datetime as dt
import hmac
from typing import Literal

from django.conf import settings
from ninja import Field, Router, Schema, Status
from ninja.security import HttpBearer

from redress.cases.access import require_resident_visible
from redress.cases.services import contacts
from redress.code.support_reviews import Need, Outcome
from redress.intake import reviews, services, support_needs
from redress.intake.models import (
    BehaviourRestriction,
    Contact,
    ReasonableAdjustment,
    Representative,
    Resident,
    ServiceRequest,
)
from redress.intake.selectors import ResidentDetail, resident_detail
from redress.reception.receiving import receive_message
from redress.record.errors import NotFound, Refused
from redress.ui.schemas import Input, Text, column

router = Router(tags=["intake"])


class ResidentIn(Input):
    name: str = column(Resident, "name")
    address: str = column(Resident, "address", "")
    postcode: str = column(Resident, "postcode", "")
    email: str = column(Resident, "email", "")
    phone: str = column(Resident, "phone", "")
    tenancy_reference: str = column(Resident, "tenancy_reference", "")
    block: str = column(Resident, "block", "")
    estate: str = column(Resident, "estate", "")
    tenure: Literal["", "lcra", "lcho"] = ""


class RepresentativeIn(Input):
    name: str = column(Representative, "name")
    relationship: str = column(Representative, "relationship")
    authority: str = column(Representative, "authority")
    authority_recorded_on: dt.date
    email: str = column(Representative, "email", "")
    phone: str = column(Representative, "phone", "")


class AdjustmentIn(Input):
    adjustment: str = column(ReasonableAdjustment, "adjustment")
    disability_disclosed: str = column(ReasonableAdjustment, "disability_disclosed", "")
    review_on: dt.date
    letters_in: str = column(ReasonableAdjustment, "letters_in", "")


class RestrictionIn(Input):
    restriction: str = column(BehaviourRestriction, "restriction")
    evidence: str = column(BehaviourRestriction, "evidence")
    review_on: dt.date


class ContactIn(Input):
    resident_id: int
    representative_id: int | None = None
    channel: str = column(Contact, "channel")
    classification: str = column(Contact, "classification")
    summary: str = column(Contact, "summary")
    received_at: dt.datetime | None = None
    # The member of staff who took it (a call, a letter, a visit), if one did.
    received_by_id: int | None = None
    told_how_to_complain: bool = False
    offered_choice_to_complain: bool = False
    issue_arose_on: dt.date | None = None
    resident_aware_on: dt.date | None = None
    # A service request's own label, or for a complaint one of the landlord's categories
    # by name or id (anything else is a 422 naming `category`); as wide as either.
    category: str = column(ServiceRequest, "category", "")


class RaiseComplaintIn(Input):
    summary: Text
    channel: str = column(Contact, "channel")
    received_at: dt.datetime | None = None


class CompleteRequestIn(Input):
    completed_on: dt.date


# --- what the routes answer, read from the rows they describe ---------------------------


class ResidentCreated(Schema):
    id: int
    name: str


class RepresentativeAdded(Schema):
    id: int
    resident_id: int
    name: str


class NeedRecorded(Schema):
    """An adjustment or a restriction, by its id and review date alone."""

    id: int
    review_on: dt.date


class NeedReviewed(NeedRecorded):
    """As recorded, and the day it ended when the review ended it."""

    ended_on: dt.date | None


class AdjustmentOut(Schema):
    """A reasonable adjustment (5.10): special-category data, shown for a recorded reason."""

    id: int
    adjustment: str
    disability_disclosed: str
    review_on: dt.date
    letters_in: str


class RestrictionOut(Schema):
    """A contact restriction (5.14): special-category data, shown for a recorded reason."""

    id: int
    restriction: str
    evidence: str
    review_on: dt.date


class SupportNeedsOut(Schema):
    """The adjustments and restrictions in force, in full."""

    adjustments: list[AdjustmentOut]
    restrictions: list[RestrictionOut]


class ContactRecorded(Schema):
    """The contact, and the complaint (its reference) or the service request (its id) it
    became, if it became one."""

    id: int
    classification: str
    complaint: str | None
    service_request: int | None


class ServiceRequestOut(Schema):
    id: int
    resident_id: int
    description: str
    state: str
    raised_on: dt.date
    completed_on: dt.date | None


class ComplaintRaised(Schema):
    """The complaint (its reference) raised about the service request."""

    complaint: str
    service_request: int


class RequestCompleted(Schema):
    id: int
    state: str
    completed_on: dt.date | None


@router.post("/residents", response={201: ResidentCreated})
def create_resident(request, payload: ResidentIn):
    return Status(201, services.create_resident(actor=request.auth, **payload.model_dump()))


@router.get("/residents/{id:resident_id}", response=ResidentDetail)
def read_resident(request, resident_id: int):
    return resident_detail(resident_id)


@router.post("/residents/{id:resident_id}/representatives", response={201: RepresentativeAdded})
def add_representative(request, resident_id: int, payload: RepresentativeIn):
    rep = services.add_representative(
        actor=request.auth, resident_id=resident_id, **payload.model_dump()
    )
    return Status(201, rep)


@router.post("/residents/{id:resident_id}/adjustments", response={201: NeedRecorded})
def record_adjustment(request, resident_id: int, payload: AdjustmentIn):
    item = services.record_adjustment(
        actor=request.auth, resident_id=resident_id, **payload.model_dump()
    )
    return Status(201, item)


@router.post("/residents/{id:resident_id}/restrictions", response={201: NeedRecorded})
def record_restriction(request, resident_id: int, payload: RestrictionIn):
    item = services.record_restriction(
        actor=request.auth, resident_id=resident_id, **payload.model_dump()
    )
    return Status(201, item)


class ReviewIn(Input):
    outcome: Literal[tuple(Outcome)]  # type: ignore[valid-type]
    note: Text  # what the review found, kept in the review's event
    next_review_on: dt.date | None = None  # not for one that ended
    changed_to: Text = ""  # the new wording, for one that changed


class AdjustmentReviewIn(ReviewIn):
    adjustment_id: int


class RestrictionReviewIn(ReviewIn):
    restriction_id: int


def _reviewed(request, resident_id: int, need: Need, payload: ReviewIn):
    data = payload.model_dump()
    item_id = data.pop(f"{need}_id")
    item = reviews.review(
        actor=request.auth, resident_id=resident_id, need=need, item_id=item_id, **data
    )
    return Status(201, item)


@router.post("/residents/{id:resident_id}/adjustment-reviews", response={201: NeedReviewed})
def review_adjustment(request, resident_id: int, payload: AdjustmentReviewIn):
    """A review of an adjustment (5.10): kept, changed or ended, with what it found and the
    next review date (after today, within 24 months); the adjustment is never deleted."""
    return _reviewed(request, resident_id, Need.ADJUSTMENT, payload)


@router.post("/residents/{id:resident_id}/restriction-reviews", response={201: NeedReviewed})
def review_restriction(request, resident_id: int, payload: RestrictionReviewIn):
    """A review of a restriction (5.14): kept, changed or ended, with what it found and the
    next review date (after today, within 12 months); the restriction is never deleted."""
    return _reviewed(request, resident_id, Need.RESTRICTION, payload)


class RevealIn(Input):
    reason: Literal[tuple(support_needs.REASONS)]  # type: ignore[valid-type]
    note: str = Field("", max_length=500)  # kept in the event that records the reading


@router.post("/residents/{id:resident_id}/support-needs", response=SupportNeedsOut)
def reveal_support_needs(request, resident_id: int, payload: RevealIn):
    """The adjustments and restrictions in full, for a stated reason that is recorded.

    Other responses give only their number: the details can disclose a disability or
    alleged behaviour (special-category data), so reading them is an event, and a
    POST, not a GET that a cache or a crawler might repeat."""
    return support_needs.reveal(resident_id, actor=request.auth, **payload.model_dump())


@router.post("/contacts", response={201: ContactRecorded})
def record_contact(request, payload: ContactIn):
    # The resident is named in the body, where the path check cannot see it.
    require_resident_visible(request.auth, payload.resident_id)
    contact, created = contacts.record_contact(actor=request.auth, **payload.model_dump())
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


@router.get("/service-requests", response=list[ServiceRequestOut])
def list_service_requests(
    request,
    state: Literal[tuple(ServiceRequest.State.values)] = "open",  # type: ignore[valid-type]
):
    return ServiceRequest.objects.filter(state=state).order_by("raised_on", "id")[:200]


@router.post("/service-requests/{id:request_id}/complaints", response={201: ComplaintRaised})
def raise_complaint(request, request_id: int, payload: RaiseComplaintIn):
    complaint = contacts.raise_complaint_about_service_request(
        actor=request.auth, service_request_id=request_id, **payload.model_dump()
    )
    return Status(201, {"complaint": complaint.reference, "service_request": request_id})


@router.post("/service-requests/{id:request_id}/complete", response=RequestCompleted)
def complete(request, request_id: int, payload: CompleteRequestIn):
    return services.complete_service_request(
        actor=request.auth, service_request_id=request_id, completed_on=payload.completed_on
    )


class InboundMailToken(HttpBearer):
    """The mail gateway's shared secret (INBOUND_MAIL_TOKEN): a gateway is not a staff user.

    With no token configured the endpoint does not exist (404).
    """

    def __call__(self, request):
        if not settings.INBOUND_MAIL_TOKEN:
            raise NotFound("inbound mail is not enabled")
        return super().__call__(request)

    def authenticate(self, request, token: str):
        expected = settings.INBOUND_MAIL_TOKEN.encode()
        return "inbound-mail" if hmac.compare_digest(token.encode(), expected) else None


class InboundOut(Schema):
    message_id: str
    duplicate: bool
    complaint: str | None
    contact: int | None
    attachments: int
    correspondence: list[int]
    refused_attachments: list[str]
    set_aside: str


RAW_MESSAGE = {
    "required": True,
    "description": "The raw RFC 5322 message, as the mail server received it.",
    "content": {"message/rfc822": {"schema": {"type": "string", "format": "binary"}}},
}


@router.post(
    "/inbound-mail",
    auth=InboundMailToken(),
    response={201: InboundOut, 200: InboundOut},
    openapi_extra={"requestBody": RAW_MESSAGE},
    summary="Receive a resident's email",
)
def receive_inbound_mail(request):
    """Attach the email to the complaint its subject names (e.g. CMP-2026-000123) when it
    comes from that complaint's resident or representative, or record it as a contact to
    triage. Attachments that fail the upload checks are listed in `refused_attachments`
    and on the message, not kept. 201 when stored; 200 when this Message-ID was stored
    before, or when `set_aside` says why nothing was written (a bounce or an auto-reply
    from an address nobody has); 422 when the message is empty, unreadable, has no From
    address or is too large."""
    content_type = request.content_type or ""
    if content_type.lower() != "message/rfc822":
        raise Refused("send the raw message as Content-Type: message/rfc822", field="Content-Type")
    limit = settings.INBOUND_MAIL_MAX_MESSAGE_BYTES
    # Read the stream rather than request.body, which stops at Django's 2.5 MB form limit.
    raw = request.read(limit + 1)
    result = receive_message(raw, via="api")
    stored = not (result.duplicate or result.set_aside)
    return Status(201 if stored else 200, result.as_dict())
