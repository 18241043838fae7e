"""Reviewing a resident's reasonable adjustments (5.10) and contact restrictions (5.14).

A review decides that one stays as it is, is changed, or ends, says why (the note),
and, unless it ended, when the next review falls (`redress.code.support_reviews` bounds
it). It is one event on the resident; the row keeps only what is true now: its wording,
its next review date, and the day it ended. Nothing is deleted, so an ended adjustment
is still on the record, no longer followed and no longer reminded.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from redress.code.london import long_date
from redress.code.support_reviews import RULE, Need, Outcome, review_date_problem
from redress.record.checks import require_text
from redress.record.checks import today as checks_today
from redress.record.errors import NotFound, Refused
from redress.record.services import record_event

from .models import BehaviourRestriction, ReasonableAdjustment

MODELS = {Need.ADJUSTMENT: ReasonableAdjustment, Need.RESTRICTION: BehaviourRestriction}
WORDS = {Need.ADJUSTMENT: "reasonable adjustment", Need.RESTRICTION: "contact restriction"}
REVIEWED = {Need.ADJUSTMENT: "adjustment_reviewed", Need.RESTRICTION: "restriction_reviewed"}


def need_of(value: str, field: str = "need") -> Need:
    try:
        return Need(value)
    except ValueError:
        raise Refused("choose an adjustment or a restriction", field=field) from None


def check_review_date(need: Need, review_on: dt.date, field: str = "review_on") -> dt.date:
    """Refuse a review date that is not ahead of today or too far ahead; return today."""
    today = checks_today()
    problem = review_date_problem(need, review_on, today)
    if problem:
        raise Refused(problem, field=field, rule=RULE[need])
    return today


def item_of(need: Need, resident_id: int, item_id: int, *, lock: bool = False):
    """The resident's adjustment or restriction, or not found (also for another resident's)."""
    rows = MODELS[need].objects.filter(resident_id=resident_id, pk=item_id)
    item = (rows.select_for_update() if lock else rows).first()
    if item is None:
        raise NotFound(f"no {WORDS[need]} {item_id} for this resident", field=f"{need}_id")
    return item


@transaction.atomic
def review(
    *,
    actor,
    resident_id: int,
    need: str,
    item_id: int,
    outcome: str,
    note: str,
    next_review_on: dt.date | None = None,
    changed_to: str = "",
):
    """Record a review of one adjustment or restriction (5.10, 5.14) as an event."""
    need = need_of(need)
    rule, words = RULE[need], WORDS[need]
    item = item_of(need, resident_id, item_id, lock=True)
    if item.ended_on is not None:
        raise Refused(f"this {words} ended on {long_date(item.ended_on)}", rule=rule)
    if outcome not in set(Outcome):
        choices = ", ".join(Outcome)
        raise Refused(f"outcome is one of: {choices}", field="outcome", rule=rule)
    note = require_text(note, "note", rule, what="what the review found")
    changed_to = (changed_to or "").strip()
    if changed_to and outcome != Outcome.CHANGED:
        raise Refused(f"only a changed {words} has new wording", field="changed_to", rule=rule)
    payload = {
        "kind": need.value,
        "item": item.pk,
        "outcome": outcome,
        "note": note,
        "due_on": item.review_on.isoformat(),
    }
    if outcome == Outcome.ENDED:
        if next_review_on is not None:
            raise Refused(f"an ended {words} has no next review", field="next_review_on", rule=rule)
        item.ended_on = checks_today()
        payload["ended_on"] = item.ended_on.isoformat()
    else:
        if next_review_on is None:
            raise Refused("enter the next review date", field="next_review_on", rule=rule)
        check_review_date(need, next_review_on, "next_review_on")
        item.review_on = next_review_on
        payload["next_review_on"] = next_review_on.isoformat()
    if outcome == Outcome.CHANGED:
        before = getattr(item, need.value)
        after = require_text(changed_to, "changed_to", rule, what=f"what the {words} is now")
        if after == before:
            raise Refused(f"that is what the {words} says now", field="changed_to", rule=rule)
        setattr(item, need.value, after)
        payload |= {"before": before, "after": after}
    item.save()
    record_event("resident", resident_id, REVIEWED[need], actor=actor, payload=payload)
    return item
