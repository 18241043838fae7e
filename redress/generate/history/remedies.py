"""What a response puts right: a remedy offered (financial within a band, or an apology,
explanation or action on delay), then declined or completed; an outstanding action
agreed, then done. Each as its row, and the event that recorded how it ended."""

from __future__ import annotations

import datetime as dt

from .. import knobs
from ..words import ACTIONS, REMEDIES
from .ledger import Case, Ledger


def offer_remedy(h: Ledger, case: Case, number: int, handler: int, on: dt.date) -> dict:
    """A remedy offered in the response on `on`; the response's payload entry for it."""
    r = h.rng
    if r.random() < knobs.FINANCIAL_SHARE:
        kind = "financial"
        _, low, high = r.choices(*h.amounts)[0]
        amount = f"{round(r.uniform(low, high) / 5) * 5:.2f}"
    else:
        kind, amount = r.choice(("apology", "explanation", "action_on_delay")), None
    band = ""
    if amount is not None:
        value = float(amount)
        band = next((k for k, lo, hi in h.bands if lo <= value and (hi is None or value <= hi)), "")
    description = REMEDIES[kind]
    due = h.add(on, 20)
    status, declined, completed, evidence = "offered", None, None, ""
    if r.random() < knobs.REMEDY_DECLINED:
        day = h.add(on, r.randint(1, 10))
        if day <= h.today:
            status, declined = "declined", day
    else:
        day = h.add(on, r.randint(2, 30))
        if day <= h.today:
            status, completed = "completed", day
            evidence = "Paid by BACS" if kind == "financial" else "Confirmed with the resident"
    pk = h.next_id("remedies_remedy")
    h.rows["remedies_remedy"].append(
        (
            pk,
            case.id,
            number,
            kind,
            description,
            None,
            handler,
            None,
            due.isoformat(),
            False,
            status,
            on.isoformat(),
            None,
            declined and declined.isoformat(),
            completed and completed.isoformat(),
            evidence,
            None,
            None,
            "",
            "",
            None,
            None,
            None,
            None,
            amount,
            band,
            h.at(on),
        )
    )
    if status != "offered":
        day = declined or completed
        h.event(
            "complaint",
            case.id,
            f"remedy_{status}",
            handler,
            h.at(day),
            {
                "remedy": pk,
                "kind": kind,
                "description": description,
                "amount": amount,
                "due_on": due.isoformat(),
                "band": band,
                "on": day.isoformat(),
                "evidence": evidence,
            },
        )
    return {"kind": kind, "description": description, "amount": amount}


def agree_action(h: Ledger, case: Case, number: int, handler: int, on: dt.date) -> dict:
    """An outstanding action agreed in the response on `on`; its payload entry."""
    r = h.rng
    description = r.choice(ACTIONS)
    due = h.add(on, r.randint(10, 40))
    done = h.add(on, r.randint(5, 45))
    completed = done if done <= h.today else None
    pk = h.next_id("cases_outstandingaction")
    h.rows["cases_outstandingaction"].append(
        (
            pk,
            case.id,
            number,
            description,
            due.isoformat(),
            completed and completed.isoformat(),
            None,
            handler,
            None,
            "Works order closed" if completed else "",
            None,
            None,
        )
    )
    if completed:
        h.event(
            "complaint",
            case.id,
            "action_completed",
            handler,
            h.at(completed),
            {
                "action": pk,
                "description": description,
                "on": completed.isoformat(),
                "evidence": "Works order closed",
            },
        )
    return {"description": description, "due_on": due.isoformat(), "update_every": None}
