"""Reading a case's correspondence whole: each item's text, who sent it, and its files.

The rows (`Correspondence`) hold what was said and any file; who sent an email in, and
which files came with it, are facts of the event that took it in (`correspondence_received`
names the email first, then its attachments, and keeps the From address). Every event that
puts correspondence on a case names it under "correspondence", so the case page's list and
its timeline read both from here, and an attachment shows under the email it came with.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse

from redress.record.models import Event

from .models import Complaint, Correspondence

KIND_WORDS = {
    Correspondence.Kind.LETTER: "Letter",
    Correspondence.Kind.EMAIL: "Email",
    Correspondence.Kind.CALL_NOTE: "Call note",
    Correspondence.Kind.IN_PERSON: "In person",
    Correspondence.Kind.DOCUMENT: "Document",
    Correspondence.Kind.OTHER: "Other",
}
DIRECTION_WORDS = {
    Correspondence.Direction.INCOMING: "Received",
    Correspondence.Direction.OUTGOING: "Sent",
    Correspondence.Direction.INTERNAL: "Internal",
}


@dataclass
class Item:
    """One piece of correspondence as a person reads it."""

    pk: int
    kind: str
    direction: str
    title: str
    body: str
    occurred_at: object
    sender: str
    incoming: bool
    # The event that put it on the case (the one that shows it on the timeline).
    event_id: int | None = None
    file_url: str = ""
    file_name: str = ""
    attachments: list[Item] = field(default_factory=list)


def _named(payload: dict) -> list[int]:
    """The correspondence ids an event names, the first being the message itself."""
    value = payload.get("correspondence")
    values = value if isinstance(value, list) else [value]
    return [v for v in values if type(v) is int]


def role_of(complaint: Complaint, address: str) -> str:
    """Whose address this is on the case: "the resident", "the representative", or ""."""
    roles = (("the resident", complaint.resident), ("the representative", complaint.representative))
    for role, person in roles:
        if person is not None and person.email and person.email.lower() == address.lower():
            return role
    return ""


def _sender(event: Event | None, complaint: Complaint) -> str:
    """Who sent it: an email's From address (saying whose it is on the case), else the
    person who put it on the case."""
    if event is None:
        return "Not recorded"
    address = event.payload.get("from")
    if event.action != "correspondence_received" or not isinstance(address, str):
        return event.who
    name = event.payload.get("sender_name")
    label = f"{name} <{address}>" if isinstance(name, str) and name else address
    role = role_of(complaint, address)
    return f"{label} ({role})" if role else label


def _item(row: Correspondence, complaint: Complaint, event: Event | None) -> Item:
    url = reverse("cases:file", args=[complaint.reference, row.pk]) if row.file else ""
    return Item(
        pk=row.pk,
        kind=KIND_WORDS.get(row.kind, row.kind),
        direction=DIRECTION_WORDS.get(row.direction, row.direction),
        title=row.title,
        body=row.body,
        occurred_at=row.occurred_at,
        sender=_sender(event, complaint),
        incoming=row.direction == Correspondence.Direction.INCOMING,
        event_id=event.pk if event is not None else None,
        file_url=url,
        file_name=row.file.name.rsplit("/", 1)[-1] if row.file else "",
    )


def case_correspondence(complaint: Complaint, events: list[Event]) -> dict[int, Item]:
    """Each piece of correspondence on the case by id, newest first, with its sender; a
    message's attachments are under it and not listed again on their own. `events` are
    the case's events (`case_history`), read once for the page."""
    naming = {}
    # Inbound mail names its items twice (each `attach`, then the message as a whole):
    # the message's event, which knows the sender and the attachments, is theirs.
    for event in sorted(events, key=lambda e: e.action != "correspondence_received"):
        ids = _named(event.payload)
        for pk in ids:
            naming.setdefault(pk, (event, ids))
    rows = Correspondence.objects.filter(complaint=complaint).order_by("-occurred_at", "-id")
    items: dict[int, Item] = {}
    attached: dict[int, int] = {}
    for row in rows:
        event, ids = naming.get(row.pk, (None, []))
        items[row.pk] = _item(row, complaint, event)
        if ids and ids[0] != row.pk and event.action == "correspondence_received":
            attached[row.pk] = ids[0]
    for pk, parent in attached.items():
        if parent in items:
            items[parent].attachments.insert(0, items.pop(pk))
    return items


def event_correspondence(event: Event, items: dict[int, Item]) -> list[Item]:
    """The correspondence a timeline entry shows: what its event put on the case."""
    found = (items.get(pk) for pk in _named(event.payload))
    return [item for item in found if item is not None and item.event_id == event.pk]
