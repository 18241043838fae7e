"""Acknowledging and answering a stage in one step, with the communication that does it.

The handler enters the complaint definition (or the decisions, reasons, remedies and
outstanding actions) and says how it reaches the resident: a letter issued from
Redress (email or post), or one sent another way and recorded with its date, channel
and a copy. Either way it is one transaction in `redress.cases.services` (the
definition or answer stored, the remedy and action rows made, the letter issued, the
stage dated by it and linked to it, the events written); a letter lacking a required
element refuses the whole step, naming the element and provision, and nothing is
written. The step lives here because a letter is made from the case: the letters app
reads cases, and hands the cases commands the letter as their communication.

A preview runs the very same command, and rolls it back once the letter's facts are
made: what is previewed is what would be issued with exactly these inputs. Issuing does
the same first, then renders the letter with no transaction open (a PDF is slow, and
the command holds the complaint's row lock), then runs the command again, which issues
the rendered letter if the facts it makes are still those it was rendered from
(`services.issue`), or refuses.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction

from redress.cases import services as cases
from redress.cases.models import Complaint, Correspondence, Stage
from redress.cases.services import ACKNOWLEDGEMENT, Recorded
from redress.code.letters import LetterKind
from redress.record.errors import Refused

from . import services
from .facts import build_facts
from .models import Letter
from .services import Draft

KINDS = {ACKNOWLEDGEMENT: LetterKind.ACKNOWLEDGEMENT}
DELIVERY_WORDS = {Letter.Delivery.EMAIL: "email", Letter.Delivery.POST: "post"}


class Previewed(Exception):  # noqa: N818 - not an error: how a preview leaves the command
    """Carries the letter's facts out of the command, whose transaction it rolls back."""

    def __init__(self, kind: LetterKind, facts: dict):
        super().__init__("previewed")
        self.kind = kind
        self.facts = facts


@dataclass
class Issued:
    """A letter issued from Redress as the communication. Until it is `rendered`, `send`
    only makes its facts, and leaves the command (`_run`)."""

    delivery: str
    letter: dict = field(default_factory=dict)
    preview: bool = False
    sent_at: dt.datetime | None = None  # issued now
    rendered: services.Rendered | None = None

    def send(
        self, complaint: Complaint, stage: Stage, *, actor, what: str, at: dt.datetime
    ) -> Correspondence:
        if self.rendered is None:
            kind = KINDS.get(what, LetterKind.STAGE_RESPONSE)
            raise Previewed(kind, build_facts(complaint, kind, self.letter))
        _, item = services.issue(complaint, rendered=self.rendered, actor=actor, now=at)
        return item

    def words(self, item: Correspondence) -> str:
        how = DELIVERY_WORDS.get(self.delivery, self.delivery)
        return f"Sent by letter issued from Redress ({how}): {item.title}"


def communication_from(given: dict | None, *, letter: dict | None = None, preview: bool = False):
    """The communication `given` describes: {"how": "issue", "delivery": "email" | "post"},
    or {"how": "recorded", "sent_on", "channel", "note", "file"}. A preview always makes
    the letter Redress would issue, whichever way it will go."""
    given = given or {}
    how = given.get("how")
    if preview:
        return Issued(given.get("delivery") or Letter.Delivery.POST, letter or {}, preview=True)
    if how == "issue":
        if given.get("delivery") not in Letter.Delivery.values:
            raise Refused(
                "choose how the letter goes: email or post", field="communication.delivery"
            )
        return Issued(given["delivery"], letter or {})
    if how == "recorded":
        return Recorded(
            sent_on=given.get("sent_on"),
            channel=given.get("channel") or "",
            note=given.get("note") or "",
            file=given.get("file"),
        )
    raise Refused(
        "choose how it reaches the resident: a letter issued from Redress, or sent another way",
        field="communication.how",
        rule="5.12",
    )


def acknowledge(
    reference: str,
    *,
    actor,
    communication: dict,
    large_print: bool = False,
    preview: bool = False,
    **definition,
):
    """Define and acknowledge the complaint by `communication` (6.2 / 6.11; 5.6, 5.7).
    A preview returns the letter's `Draft` and writes nothing."""
    how = communication_from(communication, letter={"large_print": large_print}, preview=preview)
    return _run(cases.acknowledge, reference, actor=actor, communication=how, **definition)


def respond(
    reference: str,
    *,
    actor,
    communication: dict,
    remedies: list[dict] | None = None,
    outstanding_actions: list[dict] | None = None,
    no_remedy: bool = False,
    no_outstanding_actions: bool = False,
    large_print: bool = False,
    preview: bool = False,
    **answer,
):
    """Answer the stage by `communication` (6.9 / 6.19): decisions, reasons, remedies and
    outstanding actions; the letter says "none" only where the handler says so."""
    if no_remedy and remedies:
        raise Refused(
            "a remedy is offered: untick 'No remedy is offered', or remove the remedy",
            field="no_remedy",
            rule="6.9",
        )
    if no_outstanding_actions and outstanding_actions:
        raise Refused(
            "an outstanding action is given: untick 'There are no outstanding actions', "
            "or remove the action",
            field="no_outstanding_actions",
            rule="6.9",
        )
    letter = {
        "no_remedy": no_remedy,
        "no_outstanding_actions": no_outstanding_actions,
        "large_print": large_print,
    }
    how = communication_from(communication, letter=letter, preview=preview)
    return _run(
        cases.respond,
        reference,
        actor=actor,
        communication=how,
        remedies=remedies,
        outstanding_actions=outstanding_actions,
        **answer,
    )


def _run(command, reference: str, *, communication, **arguments):
    """The command; with a letter, the letter is made and rendered before the command
    that issues it runs (a preview's draft is returned, and nothing is written)."""
    if isinstance(communication, Issued):
        draft = _made(command, reference, communication=communication, **arguments)
        if communication.preview:
            return draft
        communication.rendered = services.render_draft(
            draft, communication.delivery, communication.letter
        )
    return command(reference, communication=communication, **arguments)


def _made(command, reference: str, **arguments) -> Draft:
    """The letter the command would issue, made from the facts it leaves; its transaction
    rolled back, so nothing is written, and nothing is locked once this returns."""
    try:
        with transaction.atomic():
            command(reference, **arguments)
    except Previewed as made:
        return services.draft_from(made.kind, made.facts, services.active_template(made.kind))
    raise AssertionError("a command with a letter to issue returned without making it")
