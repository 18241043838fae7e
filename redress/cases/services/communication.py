"""What reached the resident: the communication that acknowledges or answers a stage.

A stage is acknowledged, and answered, only by a communication, and its date is the
communication's: the record never says something was sent that was not. There are
two kinds, each making the `Correspondence` row (the one home of communications)
that the stage then points at:

- `Recorded`: sent outside Redress (a letter from another system, an email, a phone
  call, a visit), recorded with the day it was sent, how, and a copy: a file, or the
  text or call note;
- a letter issued from Redress, which the letters app passes in
  (`redress.letters.answers`): it reads the case, so this app cannot import it.

The acknowledge and respond commands call `send` inside their transaction once the
stage holds what the communication says, so a letter is made from exactly that.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

from django.core.files.uploadedfile import UploadedFile

from redress.code.london import LONDON
from redress.infra.uploads import check_upload
from redress.record.checks import not_future_date, storable_text, today
from redress.record.errors import Refused

from ..models import Complaint, Correspondence, Stage

# How a communication sent another way went, as the form and the API name it.
CHANNELS = {
    "letter": ("by letter", Correspondence.Kind.LETTER),
    "email": ("by email", Correspondence.Kind.EMAIL),
    "phone": ("by phone call", Correspondence.Kind.CALL_NOTE),
    "in_person": ("in person", Correspondence.Kind.IN_PERSON),
    "other": ("another way", Correspondence.Kind.OTHER),
}
ACKNOWLEDGEMENT = "acknowledgement"
RESPONSE = "response"
WORDS = {ACKNOWLEDGEMENT: "acknowledgement", RESPONSE: "response"}


class Communication(Protocol):
    """What acknowledges or answers a stage. `sent_at` is when it went (None: now)."""

    sent_at: dt.datetime | None

    def send(
        self, complaint: Complaint, stage: Stage, *, actor, what: str, at: dt.datetime
    ) -> Correspondence:
        """Make (or issue) the communication, sent `at`; the caller links the stage to it."""
        ...

    def words(self, item: Correspondence) -> str:
        """How it reached the resident, as the record says it."""
        ...


def noon(day: dt.date) -> dt.datetime:
    """A day given without a time: noon in London keeps the date whatever the zone."""
    return dt.datetime.combine(day, dt.time(12), tzinfo=LONDON)


@dataclass
class Recorded:
    """A communication sent another way, recorded with its date, channel and a copy."""

    sent_on: dt.date | None
    channel: str
    note: str = ""
    file: UploadedFile | None = None
    field: str = "communication"

    def __post_init__(self) -> None:
        if self.channel not in CHANNELS:
            raise Refused(
                f"say how it was sent: {', '.join(CHANNELS)}",
                field=f"{self.field}.channel",
                rule="5.12",
            )
        if self.sent_on is None:
            raise Refused("enter the date it was sent", field=f"{self.field}.sent_on", rule="5.12")
        if isinstance(self.sent_on, str):
            try:
                self.sent_on = dt.date.fromisoformat(self.sent_on)
            except ValueError:
                raise Refused("enter a real date", field=f"{self.field}.sent_on") from None
        not_future_date(self.sent_on, f"{self.field}.sent_on", "5.12")
        self.note = storable_text(self.note, f"{self.field}.note", "5.12")
        if self.file is not None:
            check_upload(self.file, field=f"{self.field}.file")
        if not self.note and not self.file:
            raise Refused(
                "keep a copy: upload the letter or email sent, or write the call note",
                field=f"{self.field}.note",
                rule="5.12",
            )

    @property
    def sent_at(self) -> dt.datetime | None:
        return None if self.sent_on == today() else noon(self.sent_on)

    def send(
        self, complaint: Complaint, stage: Stage, *, actor, what: str, at: dt.datetime
    ) -> Correspondence:
        words, kind = CHANNELS[self.channel]
        return Correspondence.objects.create(
            complaint=complaint,
            kind=kind,
            direction=Correspondence.Direction.OUTGOING,
            title=f"Stage {stage.number} {WORDS[what]}, sent {words}",
            body=self.note,
            occurred_at=at,
            **({"file": self.file} if self.file is not None else {}),
        )

    def words(self, item: Correspondence) -> str:
        return f"Sent {CHANNELS[self.channel][0]} (recorded with a copy)"


def without_copy(complaint: Complaint, number: int, what: str, day: dt.date, source: str):
    """An unsaved record of a communication known only by its date (a tracker import, the
    demo's history): the stage points at it, and it says plainly that no copy is kept."""
    return Correspondence(
        complaint=complaint,
        kind=Correspondence.Kind.OTHER,
        direction=Correspondence.Direction.OUTGOING,
        title=f"Stage {number} {WORDS[what]}, {source}: no copy kept",
        occurred_at=noon(day),
    )
