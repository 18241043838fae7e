"""Rectification (UK GDPR article 16): a resident's details put right, as a new event.

The resident row takes the corrected values; the record keeps both, in a "rectified"
event holding each changed field's value before and after, and why.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from redress.intake.models import Resident
from redress.intake.services import checked_email
from redress.record.checks import require_text
from redress.record.errors import NotFound, Refused
from redress.record.services import record_event

FIELDS = (
    "name",
    "address",
    "postcode",
    "email",
    "phone",
    "tenancy_reference",
    "tenure",
    "block",
    "estate",
)


@transaction.atomic
def rectify_resident(resident_id: int, *, actor, reason: str, actor_label: str = "", **changes):
    """Correct the given fields; refuses unknown fields, a blank name or a bad email."""
    reason = require_text(reason, "reason", what="why the details are corrected")
    unknown = sorted(set(changes) - set(FIELDS))
    if unknown:
        raise Refused(f"cannot rectify: {', '.join(unknown)}", field=unknown[0])
    resident = Resident.objects.select_for_update().filter(pk=resident_id).first()
    if resident is None:
        raise NotFound(f"no resident {resident_id}", field="resident_id")
    if "name" in changes:
        changes["name"] = require_text(changes["name"], "name")
    if "email" in changes:
        changes["email"] = checked_email(changes["email"])
    changed = {
        field: {"before": getattr(resident, field), "after": (value or "").strip()}
        for field, value in changes.items()
        if (value or "").strip() != getattr(resident, field)
    }
    if not changed:
        raise Refused("nothing to correct: the details are already so", field=None)
    for field, values in changed.items():
        setattr(resident, field, values["after"])
    try:
        resident.full_clean()
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise Refused(f"{field}: {messages[0]}", field=field) from None
    resident.save(update_fields=list(changed))
    record_event(
        "resident",
        resident.pk,
        "rectified",
        actor=actor,
        actor_label=actor_label,
        payload={"changes": changed, "reason": reason},
    )
    return resident
