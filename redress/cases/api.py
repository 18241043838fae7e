"""API routes for complaints: one per command, plus the case, its events and the queue.

Whether the person may open the complaint in the path is checked once, by the API's token
(redress/project/api.py), before any route runs."""

import datetime as dt
from dataclasses import dataclass, fields
from typing import Annotated, Any, Literal

from ninja import Field, File, Form, Query, Router, Schema, Status, UploadedFile
from pydantic import BeforeValidator

from redress.administration import deployment
from redress.intake.models import Resident
from redress.intake.services import get_or_refuse
from redress.record.errors import NotFound
from redress.ui.query import DIGITS
from redress.ui.schemas import Input, Text, column

from . import selectors, services
from .access import require_resident_visible, visible_complaints
from .detail import ComplaintDetail
from .models import Category, Complaint, Correspondence, Extension, Issue, Stage

router = Router(tags=["complaints"])


class When(Input):
    occurred_at: dt.datetime | None = None


# A category of the landlord's, by its name (in any case) or its id (a number, or its
# digits): anything else is a 422 naming `category` (redress/cases/categories.py).
CategoryRef = Annotated[
    str,
    BeforeValidator(lambda v: str(v) if type(v) is int else v),
    Field(max_length=Category._meta.get_field("name").max_length),
]


class OpenIn(Input):
    resident_id: int | None = None
    summary: str = column(Complaint, "summary")
    channel: str = column(Complaint, "channel", "")
    received_at: dt.datetime | None = None
    related_to: str | None = column(Complaint, "reference", None)
    issue_arose_on: dt.date | None = None
    resident_aware_on: dt.date | None = None
    category: CategoryRef | None = None
    contractor_id: int | None = None


class AcceptIn(When):
    discretion_reason: Text = ""
    category: CategoryRef | None = None


class CategoryIn(When):
    category: CategoryRef


class RefuseIn(When):
    exclusion: Literal["over_12_months", "legal_proceedings", "previously_considered", "other"]
    reason: Text = ""


class DefinitionIn(When):
    """The complaint definition (5.6, 5.7): the points, the outcomes sought, and that we
    are responsible for all of it or what we are and are not responsible for."""

    points: list[Text]
    outcomes_sought: list[Text]
    responsible_for_all: bool = False
    responsible_for: list[Text] = []
    not_responsible_for: list[Text] = []


class ClarificationIn(When):
    question: Text


class ExtendIn(When):
    working_days: int
    reason: str = column(Extension, "reason", "")
    told_resident_on: dt.date | None = None


class IntervalIn(When):
    every_working_days: int
    agreed_on: dt.date
    note: Text = ""


class ConflictIn(When):
    description: Text
    handling: Text


class IssueIn(When):
    description: str = column(Issue, "description")


class EscalateIn(When):
    still_wrong: str = column(Stage, "escalation_note", "")


class CloseIn(When):
    note: Text = ""


class CorrectionIn(Input):
    event_id: int
    occurred_at: dt.datetime
    reason: Text


class AssignIn(When):
    handler_id: int


class AttachIn(When):
    """The attachment's fields, sent as a multipart form beside its file."""

    kind: str = column(Correspondence, "kind")
    direction: str = column(Correspondence, "direction")
    title: str = column(Correspondence, "title")
    body: str = column(Correspondence, "body", "")


# --- what the routes answer -------------------------------------------------------------
# A command answers with the complaint as it now is (`ComplaintDetail`, the case page's
# shape too); the rest with the shapes below, read from the rows they describe.


class EventOut(Schema):
    """An event on the complaint's record: what happened, who did it, when it happened and
    when it was recorded (`backdated` when those are far apart), and the event it corrects."""

    id: int
    action: str
    actor: str
    occurred_at: dt.datetime
    recorded_at: dt.datetime
    backdated: bool
    payload: dict[str, Any]
    corrects: int | None

    @staticmethod
    def resolve_actor(event) -> str:
        return event.who

    @staticmethod
    def resolve_corrects(event) -> int | None:
        return event.corrects_id


class QueueRow(Schema):
    """An open case in the work queue: its next duty and when it is due."""

    reference: str
    status: str
    next_action: str
    next_due: dt.date | None
    handler: int | None

    @staticmethod
    def resolve_handler(complaint) -> int | None:
        return complaint.handler_id


class AttachmentOut(Schema):
    """A document attached to the complaint's correspondence."""

    id: int
    kind: str
    title: str
    file: str | None  # the stored file's name, when a file came with it
    occurred_at: dt.datetime

    @staticmethod
    def resolve_file(item) -> str | None:
        return item.file.name if item.file else None


@dataclass(frozen=True)
class _Outcome:
    outcome: Literal["added", "new_complaint"]


@dataclass(frozen=True)
class IssueOutcome(ComplaintDetail, _Outcome):
    """The complaint the issue joined ("added"), or the new complaint linked to this one
    that it became ("new_complaint")."""


def _detail(reference: str) -> ComplaintDetail:
    return selectors.complaint_detail(selectors.get_complaint(reference))


@router.post("/complaints", response={201: ComplaintDetail})
def open_complaint(request, payload: OpenIn):
    data = payload.model_dump()
    if data["resident_id"] is not None:
        # The resident is named in the body, where the path check cannot see it.
        require_resident_visible(request.auth, data["resident_id"])
    resident = get_or_refuse(Resident, data.pop("resident_id"), "resident_id")
    related = data.pop("related_to")
    related_to = related and visible_complaints(request.auth).filter(reference=related).first()
    if related and related_to is None:
        raise NotFound(f"no complaint with reference {related!r}", field="related_to")
    with deployment.pinned_calendar():
        complaint = services.open_complaint(
            actor=request.auth, resident=resident, related_to=related_to or None, **data
        )
        # The service hands back the complaint with its new rows in memory: no re-read.
        return Status(201, selectors.complaint_detail(complaint))


@router.get("/complaints/{ref:reference}", response=ComplaintDetail)
def read_complaint(request, reference: str):
    return _detail(reference)


@router.get("/complaints/{ref:reference}/events", response=list[EventOut])
def read_events(request, reference: str):
    return selectors.complaint_events(selectors.get_complaint(reference))


@router.get("/work-queue", response=list[QueueRow])
def work_queue(
    request,
    handler: str | None = Query(None, pattern=f"^(me|{DIGITS})?$"),
    stage: int | None = Query(None, ge=1, le=2),
    limit: int = Query(50, ge=1, le=selectors.MOST_AT_ONCE),
    offset: int = Query(0, ge=0, le=selectors.DEEPEST),
):
    """Open cases you may see, by next due date, overdue first. handler: 'me' or a user id."""
    if not handler:
        handler_id = None
    elif handler == "me":
        handler_id = request.auth.pk
    else:  # 1 to 18 ASCII digits, as the pattern requires
        handler_id = int(handler)
    return selectors.work_queue(
        handler_ids=None if handler_id is None else [handler_id],
        within=visible_complaints(request.auth),
        stage=stage,
        limit=limit,
        offset=offset,
    )


def _command(path: str, schema, service):
    """Register POST /complaints/{reference}/<path>: run the service, return the case."""

    def view(request, reference: str, payload: schema):  # type: ignore[valid-type]
        service(reference, actor=request.auth, **payload.model_dump())
        return _detail(reference)

    view.__name__ = service.__name__
    router.post(
        f"/complaints/{{ref:reference}}/{path}",
        response=ComplaintDetail,
        operation_id=service.__name__,
    )(view)


for _path, _schema, _service in (
    ("accept", AcceptIn, services.accept),
    ("refuse", RefuseIn, services.refuse),
    ("clarification-requests", ClarificationIn, services.request_clarification),
    ("extensions", ExtendIn, services.extend),
    ("update-intervals", IntervalIn, services.agree_update_interval),
    ("conflicts", ConflictIn, services.record_conflict),
    ("escalate", EscalateIn, services.escalate),
    ("close", CloseIn, services.close),
    ("corrections", CorrectionIn, services.correct_date),
    ("assign", AssignIn, services.assign),
    ("category", CategoryIn, services.set_category),
    ("definition", DefinitionIn, services.amend_definition),
):
    _command(_path, _schema, _service)


@router.post("/complaints/{ref:reference}/issues", response={200: IssueOutcome, 201: IssueOutcome})
def add_issue(request, reference: str, payload: IssueIn):
    """Join an open stage 1 (6.8), or else become a new complaint linked to this one (201)."""
    outcome, complaint = services.add_issue(reference, actor=request.auth, **payload.model_dump())
    detail = _detail(complaint.reference)
    shown = {f.name: getattr(detail, f.name) for f in fields(detail)}
    return Status(200 if outcome == "added" else 201, IssueOutcome(outcome=outcome, **shown))


@router.post("/complaints/{ref:reference}/attachments", response={201: AttachmentOut})
def attach(request, reference: str, payload: Form[AttachIn], file: File[UploadedFile] = None):
    item = services.attach(reference, actor=request.auth, file=file, **payload.model_dump())
    return Status(201, item)
