"""Recording residents, representatives and contacts, and classifying what a contact is."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from redress.code.london import london_date
from redress.code.support_reviews import Need
from redress.record.checks import not_future_date, require_text
from redress.record.errors import NotFound, Refused
from redress.record.services import record_event, resolve_occurred_at
from redress.staff.roles import does_casework

from .models import (
    BehaviourRestriction,
    Channel,
    Contact,
    ReasonableAdjustment,
    Representative,
    Resident,
    ServiceRequest,
)
from .reviews import check_review_date


def get_or_refuse(model, pk: int | None, field: str):
    if pk is None:
        return None
    try:
        return model.objects.get(pk=pk)
    except model.DoesNotExist:
        raise NotFound(f"no {model._meta.verbose_name} {pk}", field=field) from None


def _email(value: str | None, field: str = "email") -> str:
    email = (value or "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise Refused(f"{email!r} is not an email address", field=field) from None
    return email


@transaction.atomic
def create_resident(*, actor, name: str, **details) -> Resident:
    details["email"] = _email(details.get("email"))
    resident = Resident.objects.create(name=require_text(name, "name"), **details)
    record_event(
        "resident", resident.pk, "resident_recorded", actor=actor, payload={"name": resident.name}
    )
    return resident


@transaction.atomic
def add_representative(
    *,
    actor,
    resident_id: int,
    name: str,
    relationship: str,
    authority: str,
    authority_recorded_on: dt.date,
    email: str = "",
    phone: str = "",
) -> Representative:
    """Someone acting for the resident, with what authorises them (1.3, 3.6)."""
    resident = get_or_refuse(Resident, resident_id, "resident_id")
    rep = Representative.objects.create(
        resident=resident,
        name=require_text(name, "name"),
        relationship=require_text(relationship, "relationship"),
        authority=require_text(authority, "authority", "3.6"),
        authority_recorded_on=not_future_date(authority_recorded_on, "authority_recorded_on"),
        email=_email(email),
        phone=phone,
    )
    record_event(
        "resident",
        resident.pk,
        "representative_added",
        actor=actor,
        payload={"representative": rep.pk, "name": rep.name, "authority": rep.authority},
    )
    return rep


@transaction.atomic
def record_adjustment(
    *,
    actor,
    resident_id: int,
    adjustment: str,
    review_on: dt.date,
    disability_disclosed: str = "",
    letters_in: str = "",
) -> ReasonableAdjustment:
    """A reasonable adjustment or disclosed disability, with a review date (5.10)."""
    resident = get_or_refuse(Resident, resident_id, "resident_id")
    if letters_in not in ReasonableAdjustment.LetterFormat.values:
        choices = ", ".join(v for v in ReasonableAdjustment.LetterFormat.values if v)
        raise Refused(f"letters_in is one of: {choices} (or empty)", field="letters_in")
    today = check_review_date(Need.ADJUSTMENT, review_on)
    item = ReasonableAdjustment.objects.create(
        resident=resident,
        adjustment=require_text(adjustment, "adjustment", "5.10"),
        disability_disclosed=(disability_disclosed or "").strip(),
        letters_in=letters_in,
        review_on=review_on,
        recorded_on=today,
    )
    record_event(
        "resident",
        resident.pk,
        "adjustment_recorded",
        actor=actor,
        payload={
            "adjustment": item.adjustment,
            "review_on": review_on.isoformat(),
            "disability_disclosed": item.disability_disclosed,
            "letters_in": item.letters_in,
        },
    )
    return item


@transaction.atomic
def record_restriction(
    *,
    actor,
    resident_id: int,
    restriction: str,
    evidence: str,
    review_on: dt.date,
) -> BehaviourRestriction:
    """An evidenced, reviewed restriction for unacceptable behaviour (5.14, 5.15)."""
    resident = get_or_refuse(Resident, resident_id, "resident_id")
    today = check_review_date(Need.RESTRICTION, review_on)
    item = BehaviourRestriction.objects.create(
        resident=resident,
        restriction=require_text(restriction, "restriction", "5.14"),
        evidence=require_text(evidence, "evidence", "5.14"),
        review_on=review_on,
        recorded_on=today,
    )
    record_event(
        "resident",
        resident.pk,
        "restriction_recorded",
        actor=actor,
        payload={
            "restriction": item.restriction,
            "evidence": item.evidence,
            "review_on": review_on.isoformat(),
        },
    )
    return item


def _act_on(contact: Contact, *, actor, category: str = "", **dates):
    """What a classification sets going: a complaint, a service request, or nothing.
    A complaint's `category` must be one of the landlord's (`open_complaint` refuses
    anything else); a service request's is its own free label."""
    from redress.cases.services import open_complaint

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
    from redress.cases.categories import matching
    from redress.cases.services import open_complaint

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


@transaction.atomic
def complete_service_request(*, actor, service_request_id: int, completed_on: dt.date):
    request = ServiceRequest.objects.select_for_update().filter(pk=service_request_id).first()
    if request is None:
        raise NotFound(f"no service request {service_request_id}", field="service_request_id")
    if request.state == ServiceRequest.State.COMPLETED:
        raise Refused("the service request is already completed", field="service_request_id")
    if completed_on < request.raised_on:
        raise Refused("completed before it was raised", field="completed_on")
    request.state = ServiceRequest.State.COMPLETED
    request.completed_on = not_future_date(completed_on, "completed_on")
    request.save()
    record_event(
        "service_request",
        request.pk,
        "service_request_completed",
        actor=actor,
        payload={"completed_on": completed_on.isoformat()},
    )
    return request
