"""Amending the complaint definition until the stage is answered (5.6, 5.7).

The definition is what the response must answer point by point, so a wrong one is put
right rather than worked around: the event keeps it as it was and as it is. After the
response it stays as answered.
"""

from __future__ import annotations

from django.db import transaction

from redress.code.stages import Command
from redress.record.errors import Refused

from ..models import Complaint
from .base import current_stage, lock, save_and_record, transition, when
from .definition import clean_definition
from .stages import refuse_stage_one_people


@transaction.atomic
def amend_definition(reference: str, *, actor, occurred_at=None, **definition) -> Complaint:
    """Put the current stage's definition right before its response (5.6, 5.7); at stage 2
    only someone who did not consider stage 1 may (6.13). `definition` is the new one
    whole, as `clean_definition` takes it."""
    complaint = lock(reference)
    transition(complaint, Command.AMEND_DEFINITION)
    stage = current_stage(complaint)
    if stage.number == 2:
        refuse_stage_one_people(complaint, actor=actor)
    at = when(complaint, occurred_at)
    after = clean_definition(**definition)
    before = stage.definition
    if {key: before.get(key) or type(value)() for key, value in after.items()} == after:
        raise Refused("that is the definition already: nothing was changed", field="points")
    stage.definition = after
    stage.save(update_fields=["definition"])
    save_and_record(
        complaint,
        "definition_amended",
        actor=actor,
        occurred_at=at,
        payload={"stage": stage.number, "before": before, "after": after},
    )
    return complaint
