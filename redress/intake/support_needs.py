"""Special-category data (UK GDPR article 9): disabilities, adjustments and restrictions.

A resident's reasonable adjustments (5.10) may disclose a disability, and a contact
restriction (5.14) records alleged behaviour. Pages, lists and API responses say only
how many there are; the details are shown to someone who may open the resident's
complaint when they give a reason, and each showing is an event on the resident's
record (who, why, which details), which the case page's history lists.
"""

from __future__ import annotations

from django.db import transaction

from redress.record.errors import Refused
from redress.record.services import record_event

from .models import Resident
from .selectors import needs
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


def counts(resident: Resident | None) -> dict[str, int]:
    """How many adjustments and restrictions there are: enough to know to ask, no more."""
    if resident is None:
        return dict.fromkeys(FIELDS, 0)
    return {
        "adjustments": resident.adjustments.count(),
        "restrictions": resident.restrictions.count(),
    }


@transaction.atomic
def reveal(resident_id: int, *, actor, reason: str, note: str = "", complaint=None) -> dict:
    """The details, once the reason is recorded; `complaint`: the case they were read on."""
    resident = get_or_refuse(Resident, resident_id, "resident_id")
    if reason not in REASONS:
        raise Refused("choose why you need to see the support needs", field="reason")
    shown = needs(resident)
    payload = {
        "reason": REASONS[reason],
        "reason_code": reason,
        "note": (note or "").strip()[:500],
        "fields": [name for name in FIELDS if shown[name]],
    }
    if complaint is not None:
        payload["complaint"] = complaint.reference
    record_event("resident", resident.pk, READ, actor=actor, payload=payload)
    return shown
