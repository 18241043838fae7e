"""Opening a complaint at stage 1, accepting or refusing it, and adding issues to it."""

from __future__ import annotations

import datetime as dt
import uuid

from django.db import transaction

from redress.code.chronology import Moment
from redress.code.exclusions import made_in_time
from redress.code.stages import Command, Status
from redress.intake.models import Channel, Contact, Representative, Resident, ServiceRequest
from redress.record.checks import require_text
from redress.record.errors import Refused
from redress.record.services import resolve_occurred_at

from ..categories import administered
from ..models import Category, Complaint, Contractor, Exclusion, Issue, Stage
from .base import lock, occurred_date, remember_related, save_and_record, transition, when


@transaction.atomic
def open_complaint(
    *,
    actor,
    resident: Resident | None,
    summary: str,
    channel: str = "",
    received_at: dt.datetime | None = None,
    representative: Representative | None = None,
    contact: Contact | None = None,
    service_request: ServiceRequest | None = None,
    related_to: Complaint | None = None,
    issue_arose_on: dt.date | None = None,
    resident_aware_on: dt.date | None = None,
    category: Category | str | int | None = None,
    contractor_id: int | None = None,
    actor_label: str = "",
) -> Complaint:
    """Log a complaint at stage 1; the acknowledgement clock starts from its receipt.
    `category` is one of the landlord's (`redress.cases.categories`), or none yet."""
    summary = require_text(summary, "summary", "5.6", "what the complaint is about")
    category = administered(category)
    if (
        representative is not None
        and resident is not None
        and representative.resident_id != resident.pk
    ):
        raise Refused("the representative acts for another resident", field="representative_id")
    if channel and channel not in Channel.values:
        raise Refused(f"channel must be one of: {', '.join(Channel.values)}", field="channel")
    contractor = None
    if contractor_id is not None:
        contractor = Contractor.objects.filter(pk=contractor_id, active=True).first()
        if contractor is None:
            raise Refused(f"no active contractor {contractor_id}", field="contractor_id")
    occurred_at = resolve_occurred_at(received_at, field="received_at")
    received_on = occurred_date(occurred_at)
    for field, day in (
        ("issue_arose_on", issue_arose_on),
        ("resident_aware_on", resident_aware_on),
    ):
        if day is not None and day > received_on:
            raise Refused(
                f"{field.replace('_', ' ')} is after the complaint was received", field=field
            )
    complaint = Complaint.objects.create(
        reference=f"new-{uuid.uuid4().hex}",
        resident=resident,
        representative=representative,
        contact=contact,
        service_request=service_request,
        related_to=related_to,
        channel=channel,
        category=category,
        contractor=contractor,
        summary=summary,
        received_on=received_on,
        issue_arose_on=issue_arose_on,
        resident_aware_on=resident_aware_on,
        status=Status.STAGE1_RECEIVED,
    )
    complaint.reference = f"CMP-{received_on.year}-{complaint.pk:06d}"
    stage = Stage.objects.create(complaint=complaint, number=1, requested_on=received_on)
    issue = Issue.objects.create(complaint=complaint, description=summary, raised_on=received_on)
    remember_related(stage, extensions=[])
    remember_related(complaint, stages=[stage], issues=[issue], outstanding_actions=[], linked=[])
    save_and_record(
        complaint,
        "received",
        actor=actor,
        actor_label=actor_label,
        occurred_at=occurred_at,
        payload={
            "summary": summary,
            "channel": channel,
            "related_to": related_to and related_to.reference,
            "service_request": service_request and service_request.pk,
            "representative": representative and representative.pk,
            "category": category and category.name,
        },
    )
    return complaint


@transaction.atomic
def accept(
    reference: str,
    *,
    actor,
    discretion_reason: str = "",
    category: Category | str | int | None = None,
    occurred_at=None,
) -> Complaint:
    """Accept into the process; out of time needs the discretion recorded (2.3). Triage
    may file it under a category here (blank keeps the one it has)."""
    complaint = lock(reference)
    status = transition(complaint, Command.ACCEPT)
    at = when(complaint, occurred_at)
    category = administered(category)
    filed = {}
    if category is not None and category != complaint.category:
        filed = {"category": {"before": _name(complaint.category), "after": category.name}}
        complaint.category = category
    in_time = made_in_time(
        complaint.received_on, complaint.issue_arose_on, complaint.resident_aware_on
    )
    if not in_time:
        discretion_reason = require_text(
            discretion_reason,
            "discretion_reason",
            "2.3",
            "the issue is over 12 months old: the reason for using discretion",
        )
    save_and_record(
        complaint,
        "accepted",
        actor=actor,
        occurred_at=at,
        status=status,
        payload={"in_time": in_time, "discretion_reason": discretion_reason.strip(), **filed},
    )
    return complaint


def _name(category: Category | None) -> str | None:
    return category.name if category is not None else None


@transaction.atomic
def set_category(
    reference: str, *, actor, category: Category | str | int | None, occurred_at=None
) -> Complaint:
    """File the complaint under another of the landlord's categories (the figures count
    it there); the event keeps the category before and after."""
    complaint = lock(reference)
    transition(complaint, Command.SET_CATEGORY)
    at = when(complaint, occurred_at, Moment.RECEIVED)
    chosen = administered(category)
    if chosen is None:
        raise Refused("choose a category", field="category")
    if chosen == complaint.category:
        raise Refused(f"the complaint is already filed under {chosen.name}", field="category")
    before = _name(complaint.category)
    complaint.category = chosen
    save_and_record(
        complaint,
        "category_set",
        actor=actor,
        occurred_at=at,
        payload={"before": before, "after": chosen.name},
    )
    return complaint


@transaction.atomic
def refuse(reference: str, *, actor, exclusion: str, reason: str, occurred_at=None) -> Complaint:
    """Refuse one complaint under an exclusion, with its reason (2.1, 2.4, 2.5)."""
    complaint = lock(reference)
    status = transition(complaint, Command.REFUSE)
    at = when(complaint, occurred_at)
    if exclusion not in Exclusion.values:
        raise Refused(
            f"exclusion must be one of: {', '.join(Exclusion.values)}",
            field="exclusion",
            rule="2.2",
        )
    reason = require_text(reason, "reason", "2.4", "the reason for refusing")
    if exclusion == Exclusion.OVER_12_MONTHS and made_in_time(
        complaint.received_on, complaint.issue_arose_on, complaint.resident_aware_on
    ):
        raise Refused(
            "the complaint was made within 12 months of the issue (or of the resident "
            "becoming aware of it), or those dates are not recorded",
            field="exclusion",
            rule="2.3",
        )
    complaint.exclusion = exclusion
    complaint.refusal_reason = reason
    save_and_record(
        complaint,
        "refused",
        actor=actor,
        occurred_at=at,
        status=status,
        payload={"exclusion": exclusion, "reason": reason},
    )
    return complaint


@transaction.atomic
def add_issue(
    reference: str, *, actor, description: str, occurred_at=None
) -> tuple[str, Complaint]:
    """A related new issue joins stage 1 until its response is sent (6.8).

    After that it becomes a new complaint linked to the first. Returns
    ("added", the complaint) or ("new_complaint", the new one).
    """
    complaint = lock(reference)
    description = require_text(description, "description", "6.8")
    at = when(complaint, occurred_at, Moment.RECEIVED)
    try:
        transition(complaint, Command.ADD_ISSUE)
    except Refused:
        new = open_complaint(
            actor=actor,
            resident=complaint.resident,
            summary=description,
            channel=complaint.channel,
            received_at=at,
            representative=complaint.representative,
            related_to=complaint,
            category=complaint.category,
        )
        save_and_record(
            complaint,
            "new_complaint_linked",
            actor=actor,
            occurred_at=at,
            payload={"new_complaint": new.reference, "description": description},
        )
        return "new_complaint", new
    Issue.objects.create(complaint=complaint, description=description, raised_on=occurred_date(at))
    stage = complaint.stages.get(number=1)
    if stage.definition.get("points"):
        stage.definition["points"].append(description)
        stage.save(update_fields=["definition"])
    save_and_record(
        complaint, "issue_added", actor=actor, occurred_at=at, payload={"description": description}
    )
    return "added", complaint
