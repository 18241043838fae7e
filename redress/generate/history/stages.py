"""One stage, either one: acknowledged (with its definition), perhaps extended, answered,
each step on the day the Code's clock and the knobs give, as far as today allows."""

from __future__ import annotations

import datetime as dt
import json

from redress.code.regimes import StageTimescale
from redress.code.stages import Status
from redress.code.timescales import Extension, StageFacts

from .. import knobs
from ..words import EXTENSION_REASONS, OUTCOMES, REASONS
from .ledger import Case, Ledger
from .letters import issue_letter, long_date
from .remedies import agree_action, offer_remedy

DECISION_WORDS = {"upheld": "upheld", "partly_upheld": "partly upheld", "not_upheld": "not upheld"}


def run_stage(
    h: Ledger,
    case: Case,
    number: int,
    requested: dt.date,
    ready: dt.date,
    handler: int,
    points: list[str],
    still_wrong: str = "",
) -> None:
    """Acknowledge, perhaps extend, and answer one stage, as far as today allows."""
    timescale = h.regime.stage(number)
    acknowledged = _acknowledged_on(h, timescale, requested, ready)
    if acknowledged > h.today:
        case.stages.append(stage_row(h, case, number, requested, note=still_wrong))
        case.facts[number] = StageFacts(number, requested)
        return
    definition, sent, respond_by = _acknowledge(
        h, case, number, handler, points, acknowledged, timescale
    )
    extensions, respond_by = _extend(h, case, number, handler, acknowledged, respond_by)
    responded = _responded_on(h, timescale, acknowledged, respond_by, extensions)
    facts = dict(acknowledged_on=acknowledged, extensions=extensions, handler=f"user:{handler}")
    if responded > h.today:
        row = stage_row(
            h,
            case,
            number,
            requested,
            acknowledged,
            None,
            handler,
            definition,
            {},
            still_wrong,
            (sent, None),
        )
        case.stages.append(row)
        case.facts[number] = StageFacts(number, requested, **facts)
        return
    response, answer = _respond(h, case, number, handler, points, responded)
    row = stage_row(
        h,
        case,
        number,
        requested,
        acknowledged,
        responded,
        handler,
        definition,
        response,
        still_wrong,
        (sent, answer),
    )
    case.stages.append(row)
    case.facts[number] = StageFacts(number, requested, responded_on=responded, **facts)
    case.responded[number] = responded
    case.status = Status.STAGE1_RESPONDED if number == 1 else Status.CLOSED


def _acknowledged_on(
    h: Ledger, timescale: StageTimescale, requested: dt.date, ready: dt.date
) -> dt.date:
    """Within the Code's days, or (knobs.LATE_ACKNOWLEDGEMENT) a few days after them."""
    r = h.rng
    within = timescale.acknowledge_within or 1
    if r.random() < knobs.LATE_ACKNOWLEDGEMENT:
        days = r.randint(within + 1, within + 6)
    else:
        days = r.choice(range(1, within + 1))
    return max(h.add(requested, days), ready)


def _acknowledge(
    h: Ledger,
    case: Case,
    number: int,
    handler: int,
    points: list[str],
    on: dt.date,
    timescale: StageTimescale,
) -> tuple[dict, int, dt.date]:
    """The definition, its event and letter: (definition, the letter's correspondence id,
    the respond-by date it gives)."""
    definition = {
        "points": points,
        "outcomes_sought": h.rng.sample(OUTCOMES, 2),
        # As a handler states it (5.7): we are responsible for all of it.
        "responsible_for_all": True,
        "responsible_for": [case.summary] if number == 1 else [],
        "not_responsible_for": [],
    }
    at = h.at(on)
    h.event(
        "complaint",
        case.id,
        "acknowledged",
        handler,
        at,
        {"stage": number, "definition": definition, "handler": handler},
    )
    case.status = Status.STAGE1_ACKNOWLEDGED if number == 1 else Status.STAGE2_ACKNOWLEDGED
    respond_by = h.add(on, timescale.respond_within)
    sent = issue_letter(
        h,
        case,
        "acknowledgement",
        number,
        handler,
        on,
        at,
        points="; ".join(points),
        respond_by=long_date(respond_by),
    )
    return definition, sent, respond_by


def _extend(
    h: Ledger, case: Case, number: int, handler: int, acknowledged: dt.date, respond_by: dt.date
) -> tuple[tuple[Extension, ...], dt.date]:
    """Perhaps (knobs.EXTENSION) an extension agreed before the respond-by date, within the
    Code's limit, with its letter: (the extensions, the respond-by date now in force)."""
    r = h.rng
    timescale = h.regime.stage(number)
    stage_id = h.ids["cases_stage"]  # the stage row is written after its extensions
    if r.random() >= knobs.EXTENSION:
        return (), respond_by
    told = h.add(acknowledged, r.randint(2, timescale.respond_within - 1))
    if told > h.today:
        return (), respond_by
    days = r.choice((timescale.extension_limit // 2, timescale.extension_limit))
    reason = r.choice(EXTENSION_REASONS)
    row = (h.next_id("cases_extension"), stage_id, days, reason, told.isoformat())
    h.rows["cases_extension"].append((*row, None, False))
    at = h.at(told)
    h.event(
        "complaint",
        case.id,
        "extended",
        handler,
        at,
        {
            "stage": number,
            "working_days": days,
            "reason": reason,
            "told_resident_on": told.isoformat(),
            "approved_by": None,
        },
    )
    respond_by = h.add(respond_by, days)
    issue_letter(
        h,
        case,
        "extension",
        number,
        handler,
        told,
        at,
        reason=reason.lower(),
        respond_by=long_date(respond_by),
    )
    return (Extension(days, told, reason),), respond_by


def _responded_on(
    h: Ledger,
    timescale: StageTimescale,
    acknowledged: dt.date,
    respond_by: dt.date,
    extensions: tuple[Extension, ...],
) -> dt.date:
    """Late (knobs.LATE_RESPONSE), after the first date when extended, or in time."""
    r = h.rng
    within = timescale.respond_within
    if r.random() < knobs.LATE_RESPONSE:
        return h.add(respond_by, r.randint(1, 15))
    if extensions:  # extended because the first date could not be met
        return h.add(acknowledged, within + r.randint(1, extensions[0].working_days))
    return h.add(acknowledged, r.randint(max(1, within // 3), within))


def _respond(
    h: Ledger, case: Case, number: int, handler: int, points: list[str], on: dt.date
) -> tuple[dict, int]:
    """The stage's answer (decisions and reasons; its remedies and actions are rows)
    and the id of the letter's correspondence that sent it."""
    r = h.rng
    decisions = [{"point": p, "decision": r.choices(*h.decisions)[0]} for p in points]
    upheld = any(d["decision"] != "not_upheld" for d in decisions)
    remedies, actions = [], []
    if upheld and r.random() < knobs.REMEDY_WHEN_UPHELD:
        remedies.append(offer_remedy(h, case, number, handler, on))
    if upheld and r.random() < knobs.ACTION_WHEN_UPHELD:
        actions.append(agree_action(h, case, number, handler, on))
    response = {"decisions": decisions, "reasons": r.choice(REASONS)}
    at = h.at(on)
    payload = {
        "stage": number,
        **response,
        "remedies": remedies,
        "outstanding_actions": actions,
    }
    h.event("complaint", case.id, "responded", handler, at, payload)
    words = "; ".join(f"{d['point']}: {DECISION_WORDS[d['decision']]}" for d in decisions)
    next_step = (
        "If you are unhappy you can ask us to consider your complaint at stage 2."
        if number == 1
        else "This is our final response: you can refer your complaint to the Housing "
        "Ombudsman on 0300 111 3000."
    )
    sent = issue_letter(
        h, case, "stage_response", number, handler, on, at, decisions=words, next_step=next_step
    )
    return response, sent


def stage_row(
    h: Ledger,
    case: Case,
    number: int,
    requested: dt.date,
    acknowledged: dt.date | None = None,
    responded: dt.date | None = None,
    handler: int | None = None,
    definition: dict | None = None,
    response: dict | None = None,
    note: str = "",
    sent: tuple[int | None, int | None] = (None, None),
) -> tuple:
    return (
        h.next_id("cases_stage"),
        case.id,
        number,
        requested.isoformat(),
        acknowledged and acknowledged.isoformat(),
        responded and responded.isoformat(),
        handler if acknowledged else None,
        handler if responded else None,
        "",
        json.dumps(definition or {}),
        json.dumps(response or {}),
        note,
        *sent,  # the correspondence that acknowledged it, and that answered it
    )
