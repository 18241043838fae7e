"""Reads about a resident: who acts for them, what must shape every contact, and which
complaint a resident's browser has proved it holds."""

from __future__ import annotations

from django.db.models import QuerySet

from redress.cases.models import Complaint

from .models import Contact, Resident
from .services import get_or_refuse

# The session key of the one complaint a browser proved, with an emailed code, it holds.
VERIFIED = "resident_reference"


def to_triage() -> QuerySet[Contact]:
    """Emails that named no complaint, oldest first, until a person says what each is (1.2)."""
    return Contact.objects.filter(classification=Contact.Classification.TO_TRIAGE).order_by(
        "received_at", "id"
    )


def verified_complaint(request) -> Complaint | None:
    """The complaint this browser's status-page session was opened for, or None."""
    reference = request.session.get(VERIFIED)
    return Complaint.objects.filter(reference=reference).first() if reference else None


def resident_detail(resident_id: int) -> dict:
    """The resident with representatives, and how many adjustments (5.10) and restrictions
    (5.14) they have: the details are read with a reason (`support_needs.reveal`)."""
    resident: Resident = get_or_refuse(Resident, resident_id, "resident_id")
    return {
        "id": resident.pk,
        "name": resident.name,
        "address": resident.address,
        "postcode": resident.postcode,
        "email": resident.email,
        "phone": resident.phone,
        "block": resident.block,
        "estate": resident.estate,
        "tenure": resident.tenure,
        "representatives": [
            {
                "id": r.pk,
                "name": r.name,
                "relationship": r.relationship,
                "authority": r.authority,
                "authority_recorded_on": r.authority_recorded_on,
            }
            for r in resident.representatives.all()
        ],
        "support_needs": {
            "adjustments": resident.adjustments.count(),
            "restrictions": resident.restrictions.count(),
        },
    }


def needs(resident: Resident | None) -> dict:
    """Adjustments and restrictions: what a handler must see before contacting them."""
    if resident is None:
        return {"adjustments": [], "restrictions": []}
    return {
        "adjustments": [
            {
                "adjustment": a.adjustment,
                "disability_disclosed": a.disability_disclosed,
                "review_on": a.review_on,
                "letters_in": a.letters_in,
            }
            for a in resident.adjustments.order_by("review_on")
        ],
        "restrictions": [
            {"restriction": r.restriction, "evidence": r.evidence, "review_on": r.review_on}
            for r in resident.restrictions.order_by("review_on")
        ],
    }
