"""A complaint arrives: the resident (new, or one who has complained before), perhaps a
representative, the contact it came by, its issue, and the events intake records."""

from __future__ import annotations

import datetime as dt

from .. import knobs
from ..people import Resident, resident
from ..words import ABOUT, RELATIONSHIPS
from .ledger import Case, Ledger


def receive(h: Ledger, received: dt.date) -> Case:
    """The complaint as logged on `received`, before anyone has accepted or refused it."""
    r = h.rng
    cid = h.next_id("cases_complaint")
    reference = f"CMP-{received.year}-{cid:06d}"
    officer = h.staff.officer
    at = h.at(received)
    rid, person = _resident(h, at, received)
    representative = None
    if r.random() < knobs.REPRESENTATIVE:
        representative = _representative(h, rid, person, received)
    channel = r.choices(*h.channels)[0]
    category = r.choices(*h.categories)[0]
    summary = r.choice(ABOUT[category])
    contractor = None
    if category == "Contractors" or (
        category in ("Repairs", "Damp and mould") and r.random() < knobs.CONTRACTOR
    ):
        contractor = r.choice(h.contractors)
    refused = r.random() < knobs.REFUSAL
    exclusion = r.choices(*h.exclusions)[0] if refused else ""
    old = exclusion == "over_12_months"
    arose = received - dt.timedelta(days=r.randint(380, 900) if old else r.randint(3, 120))
    contact = h.next_id("intake_contact")
    h.rows["intake_contact"].append(
        (contact, rid, representative, channel, "complaint", summary, at, False, False)
    )
    h.rows["cases_issue"].append((h.next_id("cases_issue"), cid, summary, received.isoformat()))
    h.event(
        "complaint",
        cid,
        "received",
        officer,
        at,
        {
            "summary": summary,
            "channel": channel,
            "related_to": None,
            "service_request": None,
            "representative": representative,
        },
    )
    h.event(
        "contact",
        contact,
        "contact_recorded",
        officer,
        at,
        {
            "channel": channel,
            "classification": "complaint",
            "told_how_to_complain": False,
            "offered_choice_to_complain": False,
        },
    )
    return Case(
        cid,
        reference,
        received,
        summary,
        person,
        representative,
        resident_id=rid,
        contact=contact,
        channel=channel,
        category=category,
        contractor=contractor,
        arose=arose,
        exclusion=exclusion,
        logged_at=at,
    )


def _resident(h: Ledger, at: str, received: dt.date) -> tuple[int, Resident]:
    r = h.rng
    made = h.ids["intake_resident"] - h.first_resident
    if made and r.random() < knobs.REPEAT:
        rid = h.first_resident + r.randrange(made)
        return rid, resident(h.seed, rid, h.estates)
    rid = h.next_id("intake_resident")
    person = resident(h.seed, rid, h.estates)
    h.rows["intake_resident"].append(
        (
            rid,
            person.name,
            person.tenure,
            person.address,
            person.postcode,
            person.email,
            person.phone,
            person.tenancy_reference,
            person.block,
            person.estate,
            at,
        )
    )
    h.event("resident", rid, "resident_recorded", h.staff.officer, at, {"name": person.name})
    if person.adjustment:
        adjustment, letters_in, disability = person.adjustment
        h.rows["intake_reasonableadjustment"].append(
            (
                h.next_id("intake_reasonableadjustment"),
                rid,
                adjustment,
                letters_in,
                disability,
                (received + dt.timedelta(days=365)).isoformat(),
                received.isoformat(),
            )
        )
        h.event(
            "resident",
            rid,
            "adjustment_recorded",
            h.staff.officer,
            at,
            {
                "adjustment": adjustment,
                "review_on": (received + dt.timedelta(days=365)).isoformat(),
                "disability_disclosed": disability,
            },
        )
    return rid, person


def _representative(h: Ledger, rid: int, person: Resident, received: dt.date) -> int:
    pk = h.next_id("intake_representative")
    name = f"{h.rng.choice(('Alex', 'Jo', 'Chris', 'Sam'))} {person.name.split()[-1]}"
    h.rows["intake_representative"].append(
        (
            pk,
            rid,
            name,
            h.rng.choice(RELATIONSHIPS),
            "Signed consent form",
            received.isoformat(),
            "",
            "",
        )
    )
    return pk
