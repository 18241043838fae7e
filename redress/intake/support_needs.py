"""Special-category data (UK GDPR article 9): disabilities, adjustments and restrictions.

A resident's reasonable adjustments (5.10) may disclose a disability, and a contact
restriction (5.14) records alleged behaviour. Pages, lists and API responses say only
how many are in force (and, to keep them reviewed, their dates); the details are shown
to someone who may open the resident's complaint when they give a reason, and each
showing is an event on the resident's record (who, why, which details), which the case
page's history lists.
"""

from __future__ import annotations

from django.db import transaction

from redress.record.errors import Refused
from redress.record.services import record_event

from .models import Resident
from .reviews import MODELS, WORDS, need_of
from .selectors import in_force, needs
from .services import get_or_refuse

READ = "special_category.read"
REASONS = {
    "contacting": "To contact the resident or their representative",
    "investigating": "To investigate or respond to the complaint",
    "letter": "To write or send a letter in the right format",
    "review": "To review the adjustment or restriction",
    "data_request": "To answer a data protection request",
}
FIELDS = ("adjustments", "restrictions")


# How many are in force: what a page or a response says until the details are asked for.
counts = in_force


def summaries(resident: Resident | None) -> list[dict]:
    """Every adjustment and restriction, ended ones too, by its dates alone: which to
    review, and when, without a word of what it says."""
    if resident is None:
        return []
    return [
        {"need": need.value, "words": WORDS[need], **row}
        for need, model in MODELS.items()
        for row in model.objects.filter(resident=resident)
        .order_by("recorded_on", "id")
        .values("id", "recorded_on", "review_on", "ended_on")
    ]


@transaction.atomic
def reveal(
    resident_id: int,
    *,
    actor,
    reason: str,
    note: str = "",
    complaint=None,
    item: tuple[str, int] | None = None,
) -> dict:
    """The details, once the reason is recorded; `complaint`: the case they were read on;
    `item`: (need, id) to show only that adjustment or restriction."""
    resident = get_or_refuse(Resident, resident_id, "resident_id")
    if reason not in REASONS:
        raise Refused("choose why you need to see the support needs", field="reason")
    shown = needs(resident)
    if item is not None:
        need, pk = need_of(item[0]), item[1]
        shown = {
            name: [row for row in rows if name == f"{need}s" and row["id"] == pk]
            for name, rows in shown.items()
        }
    payload = {
        "reason": REASONS[reason],
        "reason_code": reason,
        "note": (note or "").strip()[:500],
        "fields": [name for name in FIELDS if shown[name]],
    }
    if item is not None:
        payload["item"] = item[1]
    if complaint is not None:
        payload["complaint"] = complaint.reference
    record_event("resident", resident.pk, READ, actor=actor, payload=payload)
    return shown
