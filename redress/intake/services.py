"""Recording residents, representatives and contacts, and classifying what a contact is."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from redress.code.support_reviews import Need
from redress.record.checks import not_future_date, require_text
from redress.record.errors import NotFound, Refused
from redress.record.services import record_event

from .models import (
    BehaviourRestriction,
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


def checked_email(value: str | None, field: str = "email") -> str:
    """The address stripped, or refused naming `field`: one rule for intake and rectification."""
    email = (value or "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise Refused(f"{email!r} is not an email address", field=field) from None
    return email


@transaction.atomic
def create_resident(*, actor, name: str, **details) -> Resident:
    details["email"] = checked_email(details.get("email"))
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
        email=checked_email(email),
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
