"""Reads about a resident: who acts for them, what must shape every contact, and which
complaint a resident's browser has proved it holds."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet

from .models import Contact, Resident
from .services import get_or_refuse


# The session key of the one complaint a browser proved, with an emailed code, it holds.
def to_triage() -> QuerySet[Contact]:
    """Emails that named no complaint, oldest first, until a person says what each is (1.2)."""
    return Contact.objects.filter(classification=Contact.Classification.TO_TRIAGE).order_by(
        "received_at", "id"
    )


@dataclass(frozen=True)
class SupportNeedCounts:
    """How many adjustments (5.10) and restrictions (5.14) are in force: enough to know to
    ask, no more."""

    adjustments: int
    restrictions: int


def in_force(resident: Resident | None) -> SupportNeedCounts:
    """How many adjustments and restrictions are in force (`SupportNeedCounts`)."""
    if resident is None:
        return SupportNeedCounts(adjustments=0, restrictions=0)
    return SupportNeedCounts(
        adjustments=resident.adjustments.filter(ended_on=None).count(),
        restrictions=resident.restrictions.filter(ended_on=None).count(),
    )


@dataclass(frozen=True)
class RepresentativeSummary:
    """Someone acting for the resident (3.6), and the authority recorded for it."""

    id: int
    name: str
    relationship: str
    authority: str
    authority_recorded_on: dt.date


@dataclass(frozen=True)
class ResidentDetail:
    """The resident, who acts for them, and how many support needs are in force."""

    id: int
    name: str
    address: str
    postcode: str
    email: str
    phone: str
    block: str
    estate: str
    tenure: str
    representatives: tuple[RepresentativeSummary, ...]
    support_needs: SupportNeedCounts


def resident_detail(resident_id: int) -> ResidentDetail:
    """The resident with representatives, and how many adjustments (5.10) and restrictions
    (5.14) they have: the details are read with a reason (`support_needs.reveal`)."""
    resident: Resident = get_or_refuse(Resident, resident_id, "resident_id")
    return ResidentDetail(
        id=resident.pk,
        name=resident.name,
        address=resident.address,
        postcode=resident.postcode,
        email=resident.email,
        phone=resident.phone,
        block=resident.block,
        estate=resident.estate,
        tenure=resident.tenure,
        representatives=tuple(
            RepresentativeSummary(
                id=r.pk,
                name=r.name,
                relationship=r.relationship,
                authority=r.authority,
                authority_recorded_on=r.authority_recorded_on,
            )
            for r in resident.representatives.all()
        ),
        support_needs=in_force(resident),
    )


def needs(resident: Resident | None) -> dict:
    """The adjustments and restrictions in force (not ended): what a handler must see before
    contacting the resident, and what their letters follow."""
    if resident is None:
        return {"adjustments": [], "restrictions": []}
    return {
        "adjustments": [
            {
                "id": a.pk,
                "adjustment": a.adjustment,
                "disability_disclosed": a.disability_disclosed,
                "review_on": a.review_on,
                "letters_in": a.letters_in,
            }
            for a in resident.adjustments.filter(ended_on=None).order_by("review_on", "id")
        ],
        "restrictions": [
            {
                "id": r.pk,
                "restriction": r.restriction,
                "evidence": r.evidence,
                "review_on": r.review_on,
            }
            for r in resident.restrictions.filter(ended_on=None).order_by("review_on", "id")
        ],
    }
