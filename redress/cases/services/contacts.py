"""Acting on a contact (section 1): recording it, and opening the complaint or service
request it is. Residents, representatives and contacts are intake's rows; what a
complaint contact sets going is a complaint, so these commands live with the
complaint's own (`opening.open_complaint`).
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction

from redress.code.london import london_date
from redress.intake.models import Channel, Contact, Representative, Resident, ServiceRequest
from redress.intake.services import get_or_refuse
from redress.record.checks import require_text
from redress.record.errors import NotFound, Refused
from redress.record.services import record_event, resolve_occurred_at
from redress.staff.roles import does_casework

from ..categories import matching
from .opening import open_complaint


def _act_on(contact: Contact, *, actor, category: str = "", **dates):
    """What a classification sets going: a complaint, a service request, or nothing.
    A complaint's `category` must be one of the landlord's (`open_complaint` refuses
    anything else); a service request's is its own free label."""
    if contact.classification == Contact.Classification.COMPLAINT:
        return open_complaint(
            actor=actor,
            resident=contact.resident,
            summary=contact.summary,
            channel=contact.channel,
            received_at=contact.received_at,
            representative=contact.representative,
            contact=contact,
            category=category,
            **dates,
        )
    if contact.classification == Contact.Classification.SERVICE_REQUEST:
        created = ServiceRequest.objects.create(
            resident=contact.resident,
            contact=contact,
            description=contact.summary,
            category=category,
            raised_on=london_date(contact.received_at),
        )
        record_event(
            "service_request",
            created.pk,
            "service_request_raised",
            actor=actor,
            occurred_at=contact.received_at,
            payload={"description": contact.summary},
        )
        return created
    return None


def _case_worker(user_id: int | None):
    """The active case worker `user_id` names, or None when no one is named."""
    if user_id is None:
        return None
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not does_casework(user):
        raise Refused(f"no active case worker {user_id}", field="received_by_id")
    return user


# What a contact may be logged as: a message on an existing complaint is put there from
# triage (`attaching`), never logged as a contact of its own.
LOGGED = [c for c in Contact.Classification.values if c != Contact.Classification.ON_COMPLAINT]

# What a person may decide an untriaged email is.
TRIAGE_OUTCOMES = (
    Contact.Classification.COMPLAINT,
    Contact.Classification.SERVICE_REQUEST,
    Contact.Classification.NO_ACTION,
)


@transaction.atomic
def triage_contact(
    *, actor, contact_id: int, classification: str, summary: str, category: str = ""
):
    """Decide what an untriaged contact is (1.2); a complaint keeps the email's arrival time,
    so its clock runs from when it reached the landlord, not from when it was read."""
    contact = Contact.objects.select_for_update().filter(pk=contact_id).first()
    if contact is None:
        raise NotFound(f"no contact {contact_id}", field="contact_id")
    if contact.classification != Contact.Classification.TO_TRIAGE:
        raise Refused("this contact has already been triaged")
    if classification not in TRIAGE_OUTCOMES:
        choices = ", ".join(TRIAGE_OUTCOMES)
        raise Refused(f"classification must be one of: {choices}", field="classification")
    contact.summary = require_text(summary, "summary")
    contact.classification = classification
    contact.save(update_fields=["summary", "classification"])
    created = _act_on(contact, actor=actor, category=category)
    record_event(
        "contact",
        contact.pk,
        "contact_triaged",
        actor=actor,
        payload={"classification": classification, "created": getattr(created, "pk", None)},
    )
    return contact, created


@transaction.atomic
def record_contact(
    *,
    actor,
    resident_id: int,
    channel: str,
    classification: str,
    summary: str,
    received_at: dt.datetime | None = None,
    representative_id: int | None = None,
    told_how_to_complain: bool = False,
    offered_choice_to_complain: bool = False,
    issue_arose_on: dt.date | None = None,
    resident_aware_on: dt.date | None = None,
    category: str = "",
    received_by_id: int | None = None,
):
    """Record a contact and act on its classification (section 1). `received_by_id` is
    the member of staff who took it, when one did (a call, a letter, a visit).

    Returns (contact, created) where created is the complaint, the service
    request, or None for survey feedback.
    """
    resident = get_or_refuse(Resident, resident_id, "resident_id")
    representative = get_or_refuse(Representative, representative_id, "representative_id")
    if representative is not None and representative.resident_id != resident.pk:
        raise Refused("the representative acts for another resident", field="representative_id")
    if channel not in Channel.values:
        raise Refused(f"channel must be one of: {', '.join(Channel.values)}", field="channel")
    if classification not in LOGGED:
        raise Refused(
            f"classification must be one of: {', '.join(LOGGED)}",
            field="classification",
            rule="1.2",
        )
    summary = require_text(summary, "summary")
    at = resolve_occurred_at(received_at, field="received_at")
    received_by = _case_worker(received_by_id)
    survey = classification == Contact.Classification.SURVEY_FEEDBACK
    # 1.6, the survey provision: survey dissatisfaction is not a complaint, but the
    # person is told how to complain and offered the choice.
    for field, done in (
        ("told_how_to_complain", told_how_to_complain),
        ("offered_choice_to_complain", offered_choice_to_complain),
    ):
        if survey and not done:
            raise Refused(
                "survey feedback is not a complaint, but the person must be told how to "
                "complain and offered the choice",
                field=field,
                rule="1.6",
            )
    contact = Contact.objects.create(
        resident=resident,
        representative=representative,
        channel=channel,
        classification=classification,
        summary=summary,
        received_at=at,
        received_by=received_by,
        told_how_to_complain=told_how_to_complain,
        offered_choice_to_complain=offered_choice_to_complain,
    )
    created = _act_on(
        contact,
        actor=actor,
        issue_arose_on=issue_arose_on,
        resident_aware_on=resident_aware_on,
        category=category,
    )
    record_event(
        "contact",
        contact.pk,
        "contact_recorded",
        actor=actor,
        occurred_at=at,
        payload={
            "channel": channel,
            "classification": classification,
            "told_how_to_complain": told_how_to_complain,
            "offered_choice_to_complain": offered_choice_to_complain,
            "received_by": received_by and received_by.get_username(),
        },
    )
    return contact, created


@transaction.atomic
def raise_complaint_about_service_request(
    *,
    actor,
    service_request_id: int,
    summary: str,
    channel: str,
    received_at=None,
):
    """Dissatisfaction with a request's handling is a complaint; the request carries on.
    The complaint starts in the landlord's category the request's label names, if any."""
    request = get_or_refuse(ServiceRequest, service_request_id, "service_request_id")
    complaint = open_complaint(
        actor=actor,
        resident=request.resident,
        summary=summary,
        channel=channel,
        received_at=received_at,
        service_request=request,
        category=matching(request.category),
    )
    record_event(
        "service_request",
        request.pk,
        "complaint_raised",
        actor=actor,
        payload={"complaint": complaint.reference},
    )
    return complaint
