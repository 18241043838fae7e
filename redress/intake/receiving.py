"""Taking in a resident's email: onto its complaint when the subject names one, else to triage.

One transaction per message. Files are saved to storage before the rows that
name them, and removed again if the transaction does not commit, so a refused
or failed message leaves neither rows nor files behind.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from redress.cases.models import Complaint, Correspondence
from redress.cases.services import attach
from redress.code.london import london_date
from redress.record.errors import Refused
from redress.record.services import FUTURE_TOLERANCE, record_event

from .inbound import InboundEmail, parse_message
from .models import Channel, Contact, ContactAttachment, InboundMessage, Resident
from .services import create_resident, record_contact

# A Date header older than this is a wrong clock (or a replayed message), not a slow post.
OLDEST_PLAUSIBLE = dt.timedelta(days=90)
NO_TEXT = "(The email had no text.)"


@dataclass(frozen=True)
class InboundResult:
    message_id: str
    duplicate: bool
    complaint: str | None
    contact: int | None
    attachments: int
    correspondence: list[int] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "message_id": self.message_id,
            "duplicate": self.duplicate,
            "complaint": self.complaint,
            "contact": self.contact,
            "attachments": self.attachments,
            "correspondence": self.correspondence,
        }


def sane_date(date: dt.datetime | None, *, not_before: dt.date | None = None) -> dt.datetime:
    """The Date header when it is believable (not ahead, not absurdly old), else now."""
    now = timezone.now()
    if date is None or date > now + FUTURE_TOLERANCE or date < now - OLDEST_PLAUSIBLE:
        return now
    if not_before is not None and london_date(date) < not_before:
        return now
    return min(date, now)


def _complaint(email: InboundEmail) -> Complaint | None:
    for reference in email.references:
        complaint = Complaint.objects.filter(reference=reference).first()
        if complaint is not None:
            return complaint
    return None


def _save_files(email: InboundEmail, model, saved: list[str]) -> None:
    """Each attachment saved where `model.file` keeps files, its stored name put in `saved`."""
    file_field = model._meta.get_field("file")
    for item in email.attachments:
        name = file_field.generate_filename(None, item.filename)
        saved.append(
            file_field.storage.save(name, ContentFile(item.data), max_length=file_field.max_length)
        )


def _discard(model, names: list[str]) -> None:
    storage = model._meta.get_field("file").storage
    for name in names:
        storage.delete(name)


def _payload(email: InboundEmail, via: str, **extra) -> dict:
    return {
        "from": email.sender,
        "subject": email.subject,
        "message_id": email.message_id,
        "via": via,
        "attachments": [
            {"filename": a.filename, "content_type": a.content_type, "size": len(a.data)}
            for a in email.attachments
        ],
        **extra,
    }


def _to_complaint(
    email: InboundEmail, complaint: Complaint, via: str, files: list[str]
) -> InboundResult:
    at = sane_date(email.date, not_before=complaint.received_on)
    incoming = {"actor": None, "direction": Correspondence.Direction.INCOMING, "occurred_at": at}
    letter = attach(
        complaint.reference,
        kind=Correspondence.Kind.EMAIL,
        title=(email.subject or f"Email from {email.sender}")[:200],
        body=email.text or NO_TEXT,
        **incoming,
    )
    items = [letter.pk]
    for item, name in zip(email.attachments, files, strict=True):
        document = attach(
            complaint.reference,
            kind=Correspondence.Kind.DOCUMENT,
            title=item.filename,
            file=name,
            **incoming,
        )
        items.append(document.pk)
    record_event(
        "complaint",
        complaint.pk,
        "correspondence_received",
        actor_label=f"Inbound mail ({via})",
        occurred_at=at,
        payload=_payload(email, via, correspondence=items),
    )
    InboundMessage.objects.create(
        message_id=email.message_id,
        via=via,
        sender=email.sender,
        subject=email.subject,
        complaint_reference=complaint.reference,
        attachments=len(files),
    )
    return InboundResult(
        email.message_id, False, complaint.reference, None, len(files), correspondence=items
    )


def _to_triage(email: InboundEmail, via: str, files: list[str]) -> InboundResult:
    resident = Resident.objects.filter(email__iexact=email.sender).order_by("pk").first()
    if resident is None:
        resident = create_resident(
            actor=None, name=(email.sender_name or email.sender)[:200], email=email.sender
        )
    at = sane_date(email.date)
    summary = "\n\n".join(part for part in (email.subject, email.text) if part)
    contact, _ = record_contact(
        actor=None,
        resident_id=resident.pk,
        channel=Channel.EMAIL,
        classification=Contact.Classification.TO_TRIAGE,
        summary=summary or f"Email from {email.sender}. {NO_TEXT}",
        received_at=at,
    )
    for item, name in zip(email.attachments, files, strict=True):
        ContactAttachment.objects.create(
            contact=contact,
            file=name,
            filename=item.filename,
            content_type=item.content_type,
            size=len(item.data),
        )
    record_event(
        "contact",
        contact.pk,
        "correspondence_received",
        actor_label=f"Inbound mail ({via})",
        occurred_at=at,
        payload=_payload(email, via),
    )
    InboundMessage.objects.create(
        message_id=email.message_id,
        via=via,
        sender=email.sender,
        subject=email.subject,
        contact=contact,
        attachments=len(files),
    )
    return InboundResult(email.message_id, False, None, contact.pk, len(files))


def _already(message_id: str) -> InboundResult | None:
    seen = InboundMessage.objects.filter(message_id=message_id).first()
    if seen is None:
        return None
    return InboundResult(
        seen.message_id,
        True,
        seen.complaint_reference or None,
        seen.contact_id,
        seen.attachments,
    )


def receive_message(raw: bytes, *, via: str) -> InboundResult:
    """Store one raw email once: on the complaint its subject names, or as a contact to triage.

    Raises Refused (writing nothing) for a message that is empty, unreadable,
    has no From address, or is too large.
    """
    via = (via or "").strip()[:20]
    if not via:
        raise Refused("say how the message arrived", field="via")
    email = parse_message(raw)
    seen = _already(email.message_id)
    if seen is not None:
        return seen
    complaint = _complaint(email)
    model = Correspondence if complaint is not None else ContactAttachment
    saved: list[str] = []
    try:
        _save_files(email, model, saved)
        with transaction.atomic():
            if complaint is not None:
                return _to_complaint(email, complaint, via, saved)
            return _to_triage(email, via, saved)
    except IntegrityError:
        # The same message arrived twice at once; the other copy was stored.
        _discard(model, saved)
        seen = _already(email.message_id)
        if seen is None:
            raise
        return seen
    except BaseException:
        _discard(model, saved)
        raise
