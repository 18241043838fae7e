"""The retention schedule: personal data is anonymised once a record is old enough.

How long each kind of record is kept after it closed is `settings.REDRESS_RETENTION_YEARS`,
a mapping of record type to whole years; a type left out is kept `DEFAULT_YEARS` (six,
the usual period for a landlord's complaint files: the limitation period for a claim).
The record types:

- complaint: closed or refused, dated by its last closing event (the stage 2 response, the
  closure after stage 1, or the refusal); never while a remedy or action is still open;
- service_request: completed, dated by its completion;
- contact: survey feedback or a contact that needed no action, dated when it came in;
- resident: once every complaint, service request and contact of theirs is anonymised or
  due, dated by the latest of their closures (or when recorded, if they have none).

Anonymising keeps what the reports count (dates, stages, status, categories, decisions,
remedies' kinds and amounts, tenure, block, estate and the postcode's district) and
replaces the rest: names, contact details, free text, correspondence, uploaded files,
issued letters' content, disclosed disabilities and restrictions, and the same words in
the events' payloads (through `redact_event_payloads`, the record's one permitted change).
Each record is anonymised in one transaction and recorded by an "anonymised" event;
a record with that event is never listed again, so `--apply` can run any number of times.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q

from redress.cases.models import Complaint, Correspondence, Extension, Issue, OutstandingAction
from redress.code.london import london_date
from redress.code.stages import Status
from redress.intake.models import (
    BehaviourRestriction,
    Contact,
    ContactAttachment,
    InboundMessage,
    ReasonableAdjustment,
    Representative,
    Resident,
    ServiceRequest,
    StatusCode,
)
from redress.learning.models import RootCause
from redress.letters.models import Letter
from redress.record.models import Event
from redress.record.services import record_event, redact_event_payloads
from redress.remedies.models import OPEN_STATUSES, Remedy

DEFAULT_YEARS = 6
TYPES = ("complaint", "service_request", "contact", "resident")
ANONYMISED = "[anonymised]"
ACTION = "anonymised"
# Payload keys that carry personal data or free text; the keys reports read (stage,
# decision counts via the stage rows, dates, kinds, amounts) are kept.
REDACTED_KEYS = (
    "name",
    "email",
    "phone",
    "address",
    "postcode",
    "tenancy_reference",
    "summary",
    "description",
    "note",
    "still_wrong",
    "reason",
    "reasons",
    "title",
    "body",
    "file",
    "definition",
    # A change's two sides: an amended definition's words (and a category's name).
    "before",
    "after",
    "decisions",
    "remedies",
    "outstanding_actions",
    "evidence",
    "adjustment",
    "disability_disclosed",
    "restriction",
    "authority",
    "relationship",
    "subject",
    "sender",
    "sender_name",
    "recipient",
    "text",
    "filename",
    "from",
    "attachments",
)
CLOSING_ACTIONS = ("closed", "refused", "responded")


def years_for(kind: str) -> int:
    return int(getattr(settings, "REDRESS_RETENTION_YEARS", {}).get(kind, DEFAULT_YEARS))


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class Due:
    kind: str
    id: int
    reference: str
    closed_on: dt.date
    due_since: dt.date

    def as_dict(self) -> dict:
        return {
            "type": self.kind,
            "id": self.id,
            "reference": self.reference,
            "closed_on": self.closed_on.isoformat(),
            "due_since": self.due_since.isoformat(),
        }


def _anonymised(kind: str) -> set[int]:
    return set(
        Event.objects.filter(subject_kind=kind, action=ACTION).values_list("subject_id", flat=True)
    )


def _complaint_closures() -> dict[int, dt.date]:
    """Each closed or refused complaint's closing day (its last closing event)."""
    finished = Complaint.objects.filter(status__in=[Status.CLOSED, Status.REFUSED])
    open_items = Q(remedies__status__in=OPEN_STATUSES) | Q(
        outstanding_actions__completed_on__isnull=True,
        outstanding_actions__isnull=False,
    )
    following = set(finished.filter(open_items).values_list("pk", flat=True))
    last = (
        Event.objects.filter(
            subject_kind="complaint",
            subject_id__in=finished.values("pk"),
            action__in=CLOSING_ACTIONS,
        )
        .values("subject_id")
        .annotate(at=Max("occurred_at"))
    )
    return {
        row["subject_id"]: london_date(row["at"])
        for row in last
        if row["subject_id"] not in following
    }


def _candidates() -> dict[str, dict[int, tuple[str, dt.date]]]:
    """Closed records of each type: id -> (reference, closed on)."""
    references = dict(Complaint.objects.values_list("pk", "reference"))
    complaints = {pk: (references[pk], on) for pk, on in _complaint_closures().items()}
    requests = {
        pk: (f"SR-{pk}", on)
        for pk, on in ServiceRequest.objects.filter(
            state=ServiceRequest.State.COMPLETED, completed_on__isnull=False
        ).values_list("pk", "completed_on")
    }
    contacts = {
        pk: (f"contact-{pk}", london_date(at))
        for pk, at in Contact.objects.filter(
            classification__in=[
                Contact.Classification.SURVEY_FEEDBACK,
                Contact.Classification.NO_ACTION,
                # Its copy on the complaint is kept with the complaint.
                Contact.Classification.ON_COMPLAINT,
            ],
            complaint__isnull=True,
            servicerequest__isnull=True,
        ).values_list("pk", "received_at")
    }
    return {"complaint": complaints, "service_request": requests, "contact": contacts}


def due_records(as_of: dt.date) -> list[Due]:
    """What is due for anonymisation on `as_of`, oldest first within each type."""
    due: list[Due] = []
    candidates = _candidates()
    cleared: dict[str, set[int]] = {}
    for kind, found in candidates.items():
        done = _anonymised(kind)
        years = years_for(kind)
        cleared[kind] = set(done)
        for pk, (reference, closed_on) in found.items():
            since = _add_years(closed_on, years)
            if since <= as_of:
                cleared[kind].add(pk)
                if pk not in done:
                    due.append(Due(kind, pk, reference, closed_on, since))
    due.extend(_residents_due(as_of, candidates, cleared))
    return sorted(due, key=lambda d: (TYPES.index(d.kind), d.closed_on, d.id))


def _residents_due(as_of, candidates, cleared) -> list[Due]:
    done = _anonymised("resident")
    years = years_for("resident")
    owned = {
        "complaint": Complaint.objects.filter(resident__isnull=False).values_list(
            "resident_id", "pk"
        ),
        "service_request": ServiceRequest.objects.values_list("resident_id", "pk"),
        "contact": Contact.objects.values_list("resident_id", "pk"),
    }
    blocked: set[int] = set()
    latest: dict[int, dt.date] = {}
    for kind, pairs in owned.items():
        for resident_id, pk in pairs:
            if pk in cleared[kind]:
                closed_on = candidates[kind].get(pk, (None, None))[1]
                if closed_on and closed_on > latest.get(resident_id, dt.date.min):
                    latest[resident_id] = closed_on
            elif not (kind == "contact" and _contact_of_cleared(pk, cleared)):
                blocked.add(resident_id)
    due = []
    for pk, created_at in Resident.objects.exclude(pk__in=done | blocked).values_list(
        "pk", "created_at"
    ):
        closed_on = latest.get(pk, london_date(created_at))
        since = _add_years(closed_on, years)
        if since <= as_of:
            due.append(Due("resident", pk, f"resident-{pk}", closed_on, since))
    return due


def _contact_of_cleared(contact_id: int, cleared) -> bool:
    """A contact that became a complaint or service request goes with it."""
    return (
        Complaint.objects.filter(contact_id=contact_id, pk__in=cleared["complaint"]).exists()
        or ServiceRequest.objects.filter(
            contact_id=contact_id, pk__in=cleared["service_request"]
        ).exists()
    )


def anonymise_due(as_of: dt.date, *, progress: Callable[[int], None] = lambda n: None) -> int:
    """Anonymise everything due; returns how many records were anonymised."""
    count = 0
    for item in due_records(as_of):
        with transaction.atomic():
            # Another run may have done it meanwhile: its event says so.
            if not Event.objects.filter(
                subject_kind=item.kind, subject_id=item.id, action=ACTION
            ).exists():
                ANONYMISERS[item.kind](item)
                count += 1
        progress(1)
    return count


# --- anonymising one record (each in one transaction) ----------------------------------


def _erase_files(field_files) -> None:
    """Uploaded files are removed once the transaction that blanked them has committed."""
    names = [(f.storage, f.name) for f in field_files if f]

    def remove():
        for storage, name in names:
            storage.delete(name)

    transaction.on_commit(remove)


def _finish(kind: str, pk: int, item: Due, events) -> None:
    redact_event_payloads(
        events, REDACTED_KEYS, reason=f"retention: {kind} closed {item.closed_on.isoformat()}"
    )
    record_event(
        kind,
        pk,
        ACTION,
        actor_label="retention",
        payload={
            "closed_on": item.closed_on.isoformat(),
            "due_since": item.due_since.isoformat(),
            "years": years_for(kind),
        },
    )


def _points(stage) -> dict[str, str]:
    return {p: f"Point {n}" for n, p in enumerate(stage.definition.get("points", []), 1)}


def _blank_list(values) -> list:
    return [ANONYMISED for _ in values or []]


def _anonymise_stage(stage) -> None:
    renamed = _points(stage)
    definition = dict(stage.definition or {})
    if definition:
        definition["points"] = [renamed[p] for p in definition.get("points", [])]
        for key in ("outcomes_sought", "responsible_for", "not_responsible_for"):
            definition[key] = _blank_list(definition.get(key))
    response = dict(stage.response or {})
    if response:
        response["decisions"] = [
            {**d, "point": renamed.get(d.get("point"), ANONYMISED)}
            for d in response.get("decisions", [])
        ]
        response["reasons"] = ANONYMISED if response.get("reasons") else ""
        response["remedies"] = [
            {**r, "description": ANONYMISED} if r.get("description") else r
            for r in response.get("remedies", [])
        ]
        response["outstanding_actions"] = [
            {**a, "description": ANONYMISED} for a in response.get("outstanding_actions", [])
        ]
    for cause in RootCause.objects.filter(stage=stage):
        cause.point = renamed.get(cause.point, ANONYMISED)
        cause.save(update_fields=["point"])
    stage.definition = definition
    stage.response = response
    stage.escalation_note = ANONYMISED if stage.escalation_note else ""
    stage.save(update_fields=["definition", "response", "escalation_note"])


@transaction.atomic
def anonymise_complaint(item: Due) -> None:
    complaint = Complaint.objects.select_for_update().get(pk=item.id)
    complaint.summary = ANONYMISED if complaint.summary else ""
    complaint.refusal_reason = ANONYMISED if complaint.refusal_reason else ""
    complaint.save(update_fields=["summary", "refusal_reason"])
    Issue.objects.filter(complaint=complaint).update(description=ANONYMISED)
    for stage in complaint.stages.all():
        _anonymise_stage(stage)
    Extension.objects.filter(stage__complaint=complaint).update(reason=ANONYMISED)
    OutstandingAction.objects.filter(complaint=complaint).update(
        description=ANONYMISED, evidence=""
    )
    Remedy.objects.filter(complaint=complaint).update(description=ANONYMISED, evidence="")
    items = list(Correspondence.objects.filter(complaint=complaint))
    _erase_files(c.file for c in items)
    Correspondence.objects.filter(complaint=complaint).update(title=ANONYMISED, body="", file="")
    # The database lets an issued letter change only this way (letters migration 0004).
    Letter.objects.filter(complaint=complaint).update(
        html=ANONYMISED, text=ANONYMISED, pdf=b"", facts={}, recipient=ANONYMISED
    )
    InboundMessage.objects.filter(complaint_reference=complaint.reference).update(
        sender="", subject=""
    )
    if complaint.contact_id:
        _anonymise_contact_row(complaint.contact)
    events = Event.objects.filter(subject_kind="complaint", subject_id=complaint.pk)
    _finish("complaint", complaint.pk, item, events)


def _anonymise_contact_row(contact: Contact) -> None:
    contact.summary = ANONYMISED
    contact.save(update_fields=["summary"])
    attachments = list(ContactAttachment.objects.filter(contact=contact))
    _erase_files(a.file for a in attachments)
    ContactAttachment.objects.filter(contact=contact).update(file="", filename=ANONYMISED)
    InboundMessage.objects.filter(contact=contact).update(sender="", subject="")


@transaction.atomic
def anonymise_contact(item: Due) -> None:
    contact = Contact.objects.select_for_update().get(pk=item.id)
    _anonymise_contact_row(contact)
    events = Event.objects.filter(subject_kind="contact", subject_id=contact.pk)
    _finish("contact", contact.pk, item, events)


@transaction.atomic
def anonymise_service_request(item: Due) -> None:
    request = ServiceRequest.objects.select_for_update().get(pk=item.id)
    request.description = ANONYMISED
    request.save(update_fields=["description"])
    if request.contact_id:
        _anonymise_contact_row(request.contact)
    events = Event.objects.filter(subject_kind="service_request", subject_id=request.pk)
    _finish("service_request", request.pk, item, events)


def district_only(postcode: str) -> str:
    """The postcode's district, padded so the hotspots still read it ("LS1 ***")."""
    bare = postcode.replace(" ", "").upper()
    return f"{bare[:-3]} ***" if len(bare) >= 5 else ""


@transaction.atomic
def anonymise_resident(item: Due) -> None:
    resident = Resident.objects.select_for_update().get(pk=item.id)
    emails = [resident.email] if resident.email else []
    resident.name = f"Anonymised resident {resident.pk}"
    resident.address = ""
    resident.postcode = district_only(resident.postcode)
    resident.email = ""
    resident.phone = ""
    resident.tenancy_reference = ""
    resident.save()
    representatives = Representative.objects.filter(resident=resident)
    emails += [e for e in representatives.values_list("email", flat=True) if e]
    representatives.update(
        name="Anonymised representative", relationship="", authority=ANONYMISED, email="", phone=""
    )
    ReasonableAdjustment.objects.filter(resident=resident).update(
        adjustment=ANONYMISED, disability_disclosed=""
    )
    BehaviourRestriction.objects.filter(resident=resident).update(
        restriction=ANONYMISED, evidence=""
    )
    for contact in Contact.objects.filter(resident=resident):
        _anonymise_contact_row(contact)
    ServiceRequest.objects.filter(resident=resident).update(description=ANONYMISED)
    if emails:
        StatusCode.objects.filter(email__in=emails).update(email="")
        InboundMessage.objects.filter(sender__in=emails).update(sender="", subject="")
    contacts = Contact.objects.filter(resident=resident).values("pk")
    requests = ServiceRequest.objects.filter(resident=resident).values("pk")
    events = Event.objects.filter(
        Q(subject_kind="resident", subject_id=resident.pk)
        | Q(subject_kind="contact", subject_id__in=contacts)
        | Q(subject_kind="service_request", subject_id__in=requests)
    )
    _finish("resident", resident.pk, item, events)


ANONYMISERS = {
    "complaint": anonymise_complaint,
    "service_request": anonymise_service_request,
    "contact": anonymise_contact,
    "resident": anonymise_resident,
}
