"""Logging what reached a member of staff rather than the online form: a call, a letter,
a visit, a post on social media, a word from a third party (3.1).

One command for the "Log a contact" page: the resident (found, or recorded now), who
acted for them (someone known, someone recorded now, or nobody) and the contact itself,
through the same services the API uses, in one transaction, so a refusal anywhere writes
nothing. The representative's service names its fields as the resident's does (`name`,
`email`), so its refusals come out with `representative_` in front.
"""

from __future__ import annotations

from django.db import transaction

from redress.cases.services.contacts import record_contact
from redress.intake.services import add_representative, create_resident
from redress.record.errors import Refused


@transaction.atomic
def log_contact(
    *,
    actor,
    resident_id: int | None = None,
    resident: dict | None = None,
    representative_id: int | None = None,
    representative: dict | None = None,
    **contact,
):
    """Record the contact for the resident `resident_id`, or the new `resident`; made by
    the representative `representative_id`, the new `representative`, or the resident.
    Returns what `record_contact` does: (contact, the complaint or service request)."""
    if resident_id is None:
        resident_id = create_resident(actor=actor, **(resident or {})).pk
    if representative is not None:
        try:
            added = add_representative(actor=actor, resident_id=resident_id, **representative)
        except Refused as refusal:
            field = refusal.field and f"representative_{refusal.field}"
            raise Refused(refusal.message, field=field, rule=refusal.rule) from None
        representative_id = added.pk
    return record_contact(
        actor=actor, resident_id=resident_id, representative_id=representative_id, **contact
    )
