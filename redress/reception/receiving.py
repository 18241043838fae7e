"""Taking in a resident's email: onto its complaint when the subject names one and the
sender is on it, else to triage.

A reference in a subject is no proof of who is writing: only mail from the address of
the complaint's resident or representative goes onto the case; anyone else's is a
contact to triage, noting the complaint it names. Mail a machine sent (a bounce, an
auto-reply) creates no resident: from an address nobody has, it is set aside and
nothing is written. Attachments that fail the upload checks are listed on the message
(its text on the case, or the contact's summary) and not kept.

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

from redress.cases.correspondence import role_of
from redress.cases.models import Complaint, Correspondence
from redress.cases.services import attach
from redress.cases.services.contacts import record_contact
from redress.code.london import london_date
from redress.intake.inbound import InboundEmail, RefusedAttachment, parse_message
from redress.intake.models import Channel, Contact, ContactAttachment, InboundMessage, Resident
from redress.intake.services import create_resident
from redress.notifications import services as notifications
from redress.record.errors import Refused
from redress.record.services import FUTURE_TOLERANCE, record_event

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
    refused_attachments: list[str] = field(default_factory=list)
    # Why it was set aside unwritten (mail a machine sent, from an address nobody has).
    set_aside: str = ""

    def as_dict(self) -> dict:
        return {
            "message_id": self.message_id,
            "duplicate": self.duplicate,
            "complaint": self.complaint,
            "contact": self.contact,
            "attachments": self.attachments,
            "correspondence": self.correspondence,
            "refused_attachments": self.refused_attachments,
            "set_aside": self.set_aside,
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
        complaint = (
            Complaint.objects.filter(reference=reference)
            .select_related("resident", "representative", "handler")
            .first()
        )
        if complaint is not None:
            return complaint
    return None


def _from_the_case(email: InboundEmail, complaint: Complaint) -> bool:
    """Sent from the address of the complaint's resident or representative."""
    return bool(role_of(complaint, email.sender))


def _known_resident(email: InboundEmail) -> Resident | None:
    return Resident.objects.filter(email__iexact=email.sender).order_by("pk").first()


def _refused_note(refused: tuple[RefusedAttachment, ...]) -> str:
    """The attachments not kept, and why, for the message's text."""
    if not refused:
        return ""
    lines = (f"- {item.filename}: {item.reason}" for item in refused)
    return "Attachments not kept:\n" + "\n".join(lines)


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
        "refused_attachments": [
            {"filename": r.filename, "reason": r.reason} for r in email.refused
        ],
        **({"automatic": email.automatic} if email.automatic else {}),
        **extra,
    }


def _result(email: InboundEmail, **where) -> InboundResult:
    refused = [item.filename for item in email.refused]
    return InboundResult(email.message_id, False, refused_attachments=refused, **where)


def _to_complaint(
    email: InboundEmail, complaint: Complaint, via: str, files: list[str]
) -> InboundResult:
    at = sane_date(email.date, not_before=complaint.received_on)
    incoming = {"actor": None, "direction": Correspondence.Direction.INCOMING, "occurred_at": at}
    body = "\n\n".join(p for p in (email.text or NO_TEXT, _refused_note(email.refused)) if p)
    letter = attach(
        complaint.reference,
        kind=Correspondence.Kind.EMAIL,
        title=(email.subject or f"Email from {email.sender}")[:200],
        body=body,
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
    event = record_event(
        "complaint",
        complaint.pk,
        "correspondence_received",
        actor_label=f"Inbound mail ({via})",
        occurred_at=at,
        payload=_payload(email, via, correspondence=items, sender_name=email.sender_name),
    )
    notifications.resident_replied(complaint, event, role_of(complaint, email.sender).capitalize())
    InboundMessage.objects.create(
        message_id=email.message_id,
        via=via,
        sender=email.sender,
        subject=email.subject,
        complaint_reference=complaint.reference,
        attachments=len(files),
    )
    return _result(
        email,
        complaint=complaint.reference,
        contact=None,
        attachments=len(files),
        correspondence=items,
    )


def _to_triage(
    email: InboundEmail, via: str, files: list[str], named: Complaint | None
) -> InboundResult:
    """A contact to triage; `named` is a complaint the subject names whose people did
    not send it (the contact says so: staff decide what it is)."""
    resident = _known_resident(email)
    if resident is None:
        resident = create_resident(
            actor=None, name=(email.sender_name or email.sender)[:200], email=email.sender
        )
    at = sane_date(email.date)
    not_from_case = (
        f"This email names complaint {named.reference} but did not come from an address "
        "on that complaint, so it was not put on the case."
        if named is not None
        else ""
    )
    parts = (email.subject, email.text, _refused_note(email.refused), not_from_case)
    summary = "\n\n".join(part for part in parts if part)
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
        payload=_payload(
            email, via, **({"names_complaint": named.reference} if named is not None else {})
        ),
    )
    InboundMessage.objects.create(
        message_id=email.message_id,
        via=via,
        sender=email.sender,
        subject=email.subject,
        contact=contact,
        attachments=len(files),
    )
    return _result(email, complaint=None, contact=contact.pk, attachments=len(files))


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
    """Store one raw email once: on the complaint its subject names when its resident or
    representative sent it, else as a contact to triage; mail a machine sent from an
    address nobody has is set aside, writing nothing.

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
    named = _complaint(email)
    complaint = named if named is not None and _from_the_case(email, named) else None
    if complaint is None and email.automatic and _known_resident(email) is None:
        return _result(
            email, complaint=None, contact=None, attachments=0, set_aside=email.automatic
        )
    model = Correspondence if complaint is not None else ContactAttachment
    saved: list[str] = []
    try:
        _save_files(email, model, saved)
        with transaction.atomic():
            if complaint is not None:
                return _to_complaint(email, complaint, via, saved)
            return _to_triage(email, via, saved, named)
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
