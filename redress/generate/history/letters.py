"""A letter issued: its row (the generator's short text and shared PDF), the
correspondence that sent it, and the `letter_issued` event with its hash."""

from __future__ import annotations

import datetime as dt
import json
from functools import cache

from redress.code import london
from redress.letters.models import Letter

from ..words import PDF, letter_parts
from .ledger import Case, Ledger

# A million letters' dates: each distinct day is written out once.
long_date = cache(london.long_date)


def issue_letter(
    h: Ledger, case: Case, kind: str, stage: int, actor: int, on: dt.date, at: str, **facts
) -> int:
    """Issue a letter: its row, its correspondence (whose id it returns), its event."""
    person = case.person
    subject, html, text = letter_parts(kind, person.name, case.reference, stage=stage, **facts)
    email = person.email
    delivery = "email" if email else "post"
    address = "\n".join(p for p in (person.address, person.postcode) if p)
    large_print = bool(person.adjustment and person.adjustment[1] == "large_print")
    stored = {
        "reference": case.reference,
        "today": long_date(on),
        "stage": stage,
        "kind": kind,
        "resident": {"name": person.name, "address": address, "email": email},
        "handler": {"name": h.staff.names.get(actor, "")},
        "letters_in": person.adjustment[1] if person.adjustment else "",
        "large_print": large_print,
        "generated": True,
    }
    template, version = h.templates[kind]
    sha = Letter.digest(html, text, PDF)
    letter = h.next_id("letters_letter")
    recipient = email if email else f"{person.name}\n{address}"[:250]
    h.rows["letters_letter"].append(
        (
            letter,
            case.id,
            kind,
            stage,
            template,
            subject,
            html,
            text,
            PDF,
            json.dumps(stored),
            large_print,
            delivery,
            recipient,
            actor,
            at,
            sha,
        )
    )
    item = h.next_id("cases_correspondence")
    h.rows["cases_correspondence"].append(
        (item, case.id, delivery if email else "letter", "outgoing", subject, text, "", at)
    )
    h.event(
        "complaint",
        case.id,
        "letter_issued",
        actor,
        at,
        {
            "letter": letter,
            "kind": kind,
            "stage": stage,
            "delivery": delivery,
            "title": subject,
            "correspondence": item,
            "sha256": sha,
            "template_version": version,
        },
    )
    return item
