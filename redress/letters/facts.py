"""The facts a letter is made from: plain data about one complaint, and nothing else.

This dictionary is the whole world a letter template can see (the sandbox gets
nothing more), and the same dictionary is checked for the Code's required
elements (`redress.code.letters`) and stored with the issued letter. Every key
is always present, so a template's typo is an error rather than a blank.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model

from redress.administration.selectors import landlord as landlord_settings
from redress.cases.detail import ComplaintDetail
from redress.cases.models import Complaint, Exclusion
from redress.cases.selectors import complaint_detail
from redress.code import london
from redress.code.letters import RESPONSIBLE_FOR_ALL, LetterKind, responsibility_stated
from redress.code.stages import Status
from redress.intake.selectors import needs
from redress.record import checks
from redress.remedies.models import OPEN_STATUSES, Remedy

DECISION_WORDS = {
    "upheld": "we agree (upheld)",
    "partly_upheld": "we partly agree (partly upheld)",
    "not_upheld": "we do not agree (not upheld)",
}
# What the writer adds to a letter, beyond what the case already holds.
LETTER_FIELDS = ("question", "update_text", "no_remedy", "no_outstanding_actions", "large_print")


def long_date(day: dt.date | str | None) -> str:
    if not day:
        return ""
    if isinstance(day, str):
        day = dt.date.fromisoformat(day[:10])
    return london.long_date(day)


def letter_stage(kind: LetterKind, detail: ComplaintDetail) -> int:
    """The stage a letter speaks for: a response is for the latest answered stage."""
    if kind == LetterKind.STAGE_RESPONSE:
        answered = [s.number for s in detail.stages if s.response]
        if answered:
            return max(answered)
    return detail.stage or (max((s.number for s in detail.stages), default=1))


def _person_name(user_id: int | None, fallback: str = "") -> str:
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    return (user.get_full_name() or user.get_username()) if user else fallback


def escalation_route(stage: int, public_url: str) -> str:
    """(g): at stage 1, how to ask for stage 2; at stage 2, the Ombudsman (6.9, 6.19)."""
    if stage == 1:
        return (
            "If you are not happy with our answer, you can ask us to look at your complaint "
            "again at stage 2. You do not have to say why. Reply to this letter, contact us, "
            f"or use {public_url.rstrip('/')}/check-a-complaint/."
        )
    return (
        "This is our final answer. If you are still not happy, you can ask the Housing "
        "Ombudsman to look at your complaint. Their details are below."
    )


def build_facts(complaint: Complaint, kind: LetterKind, letter: dict | None = None) -> dict:
    """Everything a letter of `kind` may say about `complaint`, as plain data."""
    letter = {key: (letter or {}).get(key) for key in LETTER_FIELDS}
    detail = complaint_detail(complaint)
    stage_number = letter_stage(kind, detail)
    stage = detail.stage_detail(stage_number)
    definition = (stage and stage.definition) or {}
    response = (stage and stage.response) or {}
    extensions = stage.extensions if stage else ()
    landlord = landlord_settings()
    resident = complaint.resident
    # The letter is to the resident about themselves: it may follow their adjustments.
    support = needs(resident)
    ombudsman = dict(settings.REDRESS_OMBUDSMAN)
    facts: dict[str, Any] = {
        "reference": complaint.reference,
        "today": long_date(checks.today()),
        "stage": stage_number,
        "status": Status(complaint.status).value,
        "landlord": {
            "name": landlord.name,
            "phone": landlord.phone,
            "email": landlord.email,
            "address": landlord.address,
        },
        "ombudsman": {**ombudsman, "contact": _contact_block(ombudsman)},
        "resident": {
            "name": resident.name if resident else "",
            "address": "\n".join(
                p for p in ((resident.address, resident.postcode) if resident else ()) if p
            ),
            "email": resident.email if resident else "",
        },
        "representative": _representative(complaint),
        "handler": {"name": _person_name(stage.handler, stage.handler_name) if stage else ""},
        "definition": {
            "points": list(definition.get("points") or []),
            "outcomes_sought": list(definition.get("outcomes_sought") or []),
            # "All of it" reads as a line of what we are responsible for, so every
            # template (the landlord's own versions too) says it (5.7).
            "responsible_for": list(
                definition.get("responsible_for")
                or ([RESPONSIBLE_FOR_ALL] if definition.get("responsible_for_all") else [])
            ),
            "not_responsible_for": list(definition.get("not_responsible_for") or []),
            "responsible_for_all": bool(definition.get("responsible_for_all")),
            "responsibility": responsibility_stated(definition),
        },
        "acknowledge_by": long_date(stage.acknowledge_by) if stage else "",
        "respond_by": long_date(stage.respond_by) if stage and stage.acknowledged_on else "",
        "adjustments": [a["adjustment"] for a in support["adjustments"]],
        "decisions": [
            {**d, "words": DECISION_WORDS.get(d.get("decision"), d.get("decision", ""))}
            for d in response.get("decisions") or []
        ],
        "reasons": response.get("reasons", ""),
        "remedies": _remedies(complaint, kind, stage_number),
        "outstanding_actions": [
            {
                "description": a.description,
                "due_on": long_date(a.due_on),
                "completed_on": long_date(a.completed_on),
            }
            for a in detail.outstanding_actions
            if a.stage == stage_number or kind == LetterKind.ACTION_UPDATE
        ],
        "escalation_route": escalation_route(stage_number, settings.REDRESS_PUBLIC_URL)
        if response
        else "",
        "refusal": _refusal(complaint),
        "extension": {
            "new_date": long_date(stage.respond_by) if extensions else "",
            "reason": extensions[-1].reason if extensions else "",
            "working_days": extensions[-1].working_days if extensions else None,
        },
        "question": (letter["question"] or "").strip(),
        "update": {"text": (letter["update_text"] or "").strip()},
        # "None" only as the writer's explicit word, and never beside a row that says otherwise.
        "no_remedy": bool(letter["no_remedy"]),
        "no_outstanding_actions": bool(letter["no_outstanding_actions"]),
        "letters_in": next(
            (a["letters_in"] for a in support["adjustments"] if a["letters_in"]), ""
        ),
    }
    facts["no_remedy"] = facts["no_remedy"] and not facts["remedies"]
    facts["no_outstanding_actions"] = (
        facts["no_outstanding_actions"] and not facts["outstanding_actions"]
    )
    # A recorded adjustment for large print makes every letter large print (5.10).
    facts["large_print"] = bool(letter["large_print"]) or facts["letters_in"] == "large_print"
    return facts


def _remedies(complaint: Complaint, kind: LetterKind, stage_number: int) -> list[dict]:
    """The remedies a letter names, read from their rows (the one home of a remedy): a
    remedy offer names every one still open, whenever and however it was offered; any
    other letter those of its stage (7.3)."""
    rows = Remedy.objects.filter(complaint=complaint)
    if kind == LetterKind.REMEDY_OFFER:
        rows = rows.filter(status__in=OPEN_STATUSES)
    else:
        rows = rows.filter(stage=stage_number)
    return [
        {
            "description": r.description,
            "kind": r.get_kind_display() if r.kind else "",
            "amount": "" if r.amount is None else f"{r.amount:,.2f}",
            "due_on": long_date(r.due_on),
        }
        for r in rows.order_by("offered_on", "id")
    ]


def _contact_block(ombudsman: dict) -> str:
    parts = (ombudsman.get("address"), ombudsman.get("phone"), ombudsman.get("email"))
    return "\n".join(p for p in parts if p)


def _representative(complaint: Complaint) -> dict:
    rep = complaint.representative
    if rep is None:
        return {"name": "", "relationship": ""}
    return {"name": rep.name, "relationship": rep.relationship}


def _refusal(complaint: Complaint) -> dict:
    """Why the complaint was not accepted: the complaint's own fields (2.1, 2.4)."""
    if complaint.status != Status.REFUSED:
        return {"reason": "", "exclusion": ""}
    return {
        "reason": complaint.refusal_reason,
        "exclusion": Exclusion(complaint.exclusion).label if complaint.exclusion else "",
    }
