"""Putting an email waiting in triage onto the complaint it belongs to.

A resident who writes again without the reference, or from another address, lands in
triage; the person triaging finds their complaint (by its reference) and puts the email
on it, with its attachments, as if inbound mail had matched it: the same event, the same
sender, the same notice to whoever handles the case. The attachments are copied to the
case's own files, so the contact and the complaint each keep theirs under their own
retention; copies are removed again if the transaction does not commit.
"""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.db import transaction

from redress.cases.correspondence import role_of
from redress.cases.models import Complaint, Correspondence
from redress.cases.services import attach
from redress.intake.models import Contact, ContactAttachment
from redress.notifications import services as notifications
from redress.record.errors import NotFound, Refused
from redress.record.models import Event
from redress.record.services import record_event

VIA = "triage"


def _arrival(contact: Contact) -> dict:
    """What inbound mail recorded of the email: its From address, name and subject."""
    event = (
        Event.objects.filter(
            subject_kind="contact", subject_id=contact.pk, action="correspondence_received"
        )
        .order_by("id")
        .first()
    )
    payload = event.payload if event is not None else {}
    return {
        "from": payload.get("from") or contact.resident.email,
        "sender_name": payload.get("sender_name") or contact.resident.name,
        "subject": payload.get("subject") or "",
        "message_id": payload.get("message_id") or "",
    }


def _copies(attachments: list[ContactAttachment]) -> list[str]:
    """Each attachment's bytes saved where the case keeps its files: the stored names."""
    field = Correspondence._meta.get_field("file")
    names = []
    try:
        for item in attachments:
            with item.file.open("rb") as source:
                data = source.read()
            name = field.generate_filename(None, item.filename)
            names.append(field.storage.save(name, ContentFile(data), max_length=field.max_length))
    except BaseException:
        _discard(names)
        raise
    return names


def _discard(names: list[str]) -> None:
    storage = Correspondence._meta.get_field("file").storage
    for name in names:
        storage.delete(name)


def _who(arrival: dict, complaint: Complaint) -> str:
    role = role_of(complaint, arrival["from"] or "")
    return (
        role.capitalize()
        if role
        else f"Someone not on the case ({arrival['from'] or 'no address'})"
    )


def attach_to_complaint(*, actor, contact_id: int, reference: str) -> Complaint:
    """Put the untriaged email `contact_id` (text and attachments) on complaint
    `reference`, at the time it arrived, and tell the case's handler (or the officers)."""
    attachments = list(ContactAttachment.objects.filter(contact_id=contact_id).order_by("pk"))
    names = _copies(attachments)
    try:
        return _attach(actor, contact_id, (reference or "").strip().upper(), attachments, names)
    except BaseException:
        _discard(names)
        raise


@transaction.atomic
def _attach(actor, contact_id, reference, attachments, names) -> Complaint:
    contact = (
        Contact.objects.select_for_update().select_related("resident").filter(pk=contact_id).first()
    )
    if contact is None:
        raise NotFound(f"no contact {contact_id}", field="contact_id")
    if contact.classification != Contact.Classification.TO_TRIAGE:
        raise Refused("this contact has already been triaged")
    if not reference:
        raise Refused("enter the reference of the complaint it belongs to", field="reference")
    complaint = (
        Complaint.objects.select_related("resident", "representative", "handler")
        .filter(reference=reference)
        .first()
    )
    if complaint is None:
        raise NotFound(f"no complaint with reference {reference}", field="reference")
    arrival = _arrival(contact)
    incoming = {
        "actor": actor,
        "direction": Correspondence.Direction.INCOMING,
        "occurred_at": contact.received_at,
    }
    title = arrival["subject"] or f"Email from {arrival['from']}"
    letter = attach(
        reference,
        kind=Correspondence.Kind.EMAIL,
        title=title[:200],
        body=contact.summary,
        **incoming,
    )
    items = [letter.pk]
    for item, name in zip(attachments, names, strict=True):
        items.append(
            attach(
                reference,
                kind=Correspondence.Kind.DOCUMENT,
                title=item.filename,
                file=name,
                **incoming,
            ).pk
        )
    event = record_event(
        "complaint",
        complaint.pk,
        "correspondence_received",
        actor=actor,
        occurred_at=contact.received_at,
        payload={**arrival, "via": VIA, "contact": contact.pk, "correspondence": items},
    )
    contact.classification = Contact.Classification.ON_COMPLAINT
    contact.save(update_fields=["classification"])
    record_event(
        "contact",
        contact.pk,
        "contact_triaged",
        actor=actor,
        payload={"classification": contact.classification, "complaint": reference},
    )
    notifications.resident_replied(complaint, event, _who(arrival, complaint), actor=actor)
    return complaint
