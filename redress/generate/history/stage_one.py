"""Stage 1 and what follows it: the complaint refused, or accepted and assigned, taken
through the stage (`stages.run_stage`), then escalated to stage 2 or closed."""

from __future__ import annotations

from redress.code.stages import Status
from redress.code.timescales import StageFacts

from .. import knobs
from ..words import SECOND_POINTS, STAGE2_POINT, STILL_WRONG
from .ledger import Case, Ledger
from .letters import issue_letter
from .stages import run_stage, stage_row


def refuse(h: Ledger, case: Case) -> None:
    """Refused for `case.exclusion` within a few working days, with its letter."""
    on = h.add(case.received, h.rng.randint(0, 4))
    case.stages.append(stage_row(h, case, 1, case.received))
    case.facts[1] = StageFacts(1, case.received)
    if on > h.today:
        case.status = Status.STAGE1_RECEIVED
        return
    at = h.at(on)
    officer = h.staff.officer
    exclusion = case.exclusion
    reason = knobs.EXCLUSION_REASONS[exclusion]
    h.event(
        "complaint",
        case.id,
        "refused",
        officer,
        at,
        {"exclusion": exclusion, "reason": reason},
    )
    case.status = Status.REFUSED
    case.refusal_reason = reason
    case.facts.clear()
    issue_letter(h, case, "refusal", 1, officer, on, at, reason=reason)


def stage_one(h: Ledger, case: Case) -> None:
    """Accepted and assigned, stage 1 run as far as today allows; then escalated or closed."""
    r, officer = h.rng, h.staff.officer
    accepted = h.add(case.received, 1) if r.random() < 0.3 else case.received
    if accepted > h.today:
        case.status = Status.STAGE1_RECEIVED
        case.stages.append(stage_row(h, case, 1, case.received))
        case.facts[1] = StageFacts(1, case.received)
        return
    at = h.at(accepted)
    h.event(
        "complaint",
        case.id,
        "accepted",
        officer,
        at,
        {"in_time": True, "discretion_reason": ""},
    )
    handler = r.choice(h.staff.handlers)
    h.event("complaint", case.id, "assigned", officer, at, {"handler": handler})
    case.handler = handler
    case.status = Status.STAGE1_ACCEPTED
    points = [case.summary]
    if r.random() < 0.35:
        points.append(r.choice(SECOND_POINTS))
    run_stage(h, case, 1, case.received, accepted, handler, points)
    if case.status != Status.STAGE1_RESPONDED:
        return
    if r.random() < knobs.ESCALATION:
        _escalate(h, case, handler)
    else:
        _close(h, case)


def _escalate(h: Ledger, case: Case, handler: int) -> None:
    """Stage 2 asked for, given to someone other than the stage 1 handler (6.13), and run."""
    r, officer = h.rng, h.staff.officer
    requested = h.add(case.responded[1], r.randint(1, knobs.ESCALATE_WITHIN))
    if requested > h.today:
        return
    at = h.at(requested)
    still_wrong = r.choice(STILL_WRONG)
    h.event("complaint", case.id, "escalated", officer, at, {"still_wrong": still_wrong})
    second = handler
    while second == handler:
        second = r.choice(h.case_workers)
    h.event("complaint", case.id, "assigned", officer, at, {"handler": second})
    case.handler = second
    case.status = Status.STAGE2_REQUESTED
    run_stage(h, case, 2, requested, requested, second, [STAGE2_POINT], still_wrong=still_wrong)


def _close(h: Ledger, case: Case) -> None:
    """No escalation asked for: closed knobs.CLOSE_AFTER working days after the response."""
    closed = h.add(case.responded[1], knobs.CLOSE_AFTER)
    if closed <= h.today:
        h.event(
            "complaint",
            case.id,
            "closed",
            h.staff.officer,
            h.at(closed),
            {"note": "No escalation requested"},
        )
        case.status = Status.CLOSED
