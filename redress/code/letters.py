"""What each letter must contain before it can be issued, and the provision that says so.

A letter's required elements are structured facts of the case or the letter
(the complaint definition, a decision per point, the Ombudsman's details),
never phrases searched for in its text. `missing_elements` names what is
absent; the letters app refuses to issue while anything is. An element that
may truthfully be empty (no remedy, no outstanding action) counts as present
only when the letter says so explicitly: silence is not "none".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from .text import has_text


class LetterKind(StrEnum):
    ACKNOWLEDGEMENT = "acknowledgement"
    CLARIFICATION = "clarification"
    REFUSAL = "refusal"
    EXTENSION = "extension"
    UPDATE = "update"
    STAGE_RESPONSE = "stage_response"
    REMEDY_OFFER = "remedy_offer"
    ACTION_UPDATE = "action_update"


@dataclass(frozen=True)
class Element:
    """One required element: the context key that holds it, its name, its provisions."""

    key: str
    label: str
    stage1: str
    stage2: str | None = None

    def provision(self, stage: int) -> str:
        return self.stage2 if stage == 2 and self.stage2 else self.stage1


STAGE = Element("stage", "(a) the complaint stage", "6.9", "6.19")
DEFINITION = Element("definition.points", "(b) the complaint definition", "6.9", "6.19")
DECISIONS = Element("decisions", "(c) the decision on each point", "6.9", "6.19")
REASONS = Element("reasons", "(d) the reasons for the decisions", "6.9", "6.19")
REMEDIES = Element("remedies", "(e) the remedy offered, or that none is", "6.9", "6.19")
ACTIONS = Element(
    "outstanding_actions", "(f) the outstanding actions, or that there are none", "6.9", "6.19"
)
ESCALATION = Element("escalation_route", "(g) how to escalate", "6.9", "6.19")
OMBUDSMAN = Element("ombudsman.contact", "the Housing Ombudsman's contact details", "6.5", "6.16")

REQUIRED: dict[LetterKind, tuple[Element, ...]] = {
    LetterKind.ACKNOWLEDGEMENT: (
        Element("definition.points", "the complaint definition: the points", "5.6"),
        Element("definition.outcomes_sought", "the outcomes the resident seeks", "5.6"),
        Element(
            "definition.responsibility",
            "what we are responsible for, and what we are not (or that we are for all of it)",
            "5.7",
        ),
        Element("respond_by", "the date we will respond by", "6.2", "6.11"),
        # Not a Code provision but the standard: the resident knows who has it.
        Element("handler.name", "the name of the person handling the complaint", ""),
    ),
    LetterKind.CLARIFICATION: (Element("question", "what we need clarified", "5.7"),),
    LetterKind.REFUSAL: (
        Element("refusal.reason", "the reasons the complaint is not accepted", "2.4"),
        Element("ombudsman.contact", "the right to ask the Ombudsman, with their details", "2.4"),
    ),
    LetterKind.EXTENSION: (
        Element("extension.new_date", "the new response date", "6.4", "6.15"),
        Element("extension.reason", "the reasons for the extension", "6.4", "6.15"),
        OMBUDSMAN,
    ),
    LetterKind.UPDATE: (Element("update.text", "what has happened since", "5.9"),),
    LetterKind.STAGE_RESPONSE: (
        STAGE,
        DEFINITION,
        DECISIONS,
        REASONS,
        REMEDIES,
        ACTIONS,
        ESCALATION,
    ),
    LetterKind.REMEDY_OFFER: (
        Element("remedies", "what the remedy is", "7.3"),
        Element("remedies_due", "by when each remedy will happen", "7.3"),
    ),
    LetterKind.ACTION_UPDATE: (
        Element("outstanding_actions", "the outstanding actions and their dates", "6.6", "6.17"),
    ),
}

# What a letter says we are responsible for when we are responsible for all of it (5.7).
RESPONSIBLE_FOR_ALL = "Everything your complaint is about"


def element(kind: LetterKind, key: str) -> Element:
    """The required element of a letter of `kind` held at `key`."""
    return next(e for e in REQUIRED[LetterKind(kind)] if e.key == key)


def required_words(kind: LetterKind, key: str, stage: int = 1) -> str:
    """What a form says of a field a letter cannot be issued without: the letter, the
    element in the words `missing_elements` uses, and the provision."""
    found = element(kind, key)
    provision = found.provision(stage)
    where = f" (Code provision {provision})" if provision else ""
    return f"The {LetterKind(kind).value.replace('_', ' ')} letter must give {found.label}{where}."


def responsibility_stated(definition: Mapping[str, Any]) -> bool:
    """Whether a definition says what we are responsible for (5.7): all of it, or a list
    (a definition recorded before "all of it" could be said holds one list or both)."""
    return bool(
        definition.get("responsible_for_all")
        or definition.get("responsible_for")
        or definition.get("not_responsible_for")
    )


# Elements whose empty value is a truthful "none" when the letter says so explicitly.
EXPLICIT_NONE = {"remedies": "no_remedy", "outstanding_actions": "no_outstanding_actions"}


def lookup(context: Mapping[str, Any], dotted: str) -> Any:
    value: Any = context
    for part in dotted.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value


def _present(value: Any) -> bool:
    if value is None or value is False:
        return False
    if isinstance(value, str):
        return has_text(value)
    if isinstance(value, list | tuple | dict | set):
        return bool(value)
    return True


def missing_elements(kind: LetterKind, context: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(label, provision) for each required element the letter's context lacks."""
    stage = int(context.get("stage") or 1)
    missing = []
    for element in REQUIRED[LetterKind(kind)]:
        value = lookup(context, element.key)
        if element.key in EXPLICIT_NONE and context.get(EXPLICIT_NONE[element.key]) is True:
            continue
        if kind == LetterKind.STAGE_RESPONSE and element is DECISIONS:
            if _undecided(context):
                missing.append((element.label, element.provision(stage)))
            continue
        if kind == LetterKind.REMEDY_OFFER and element.key == "remedies_due":
            value = all(_present(r.get("due_on")) for r in context.get("remedies") or [{}])
        if not _present(value):
            missing.append((element.label, element.provision(stage)))
    return missing


def _undecided(context: Mapping[str, Any]) -> bool:
    """A decision is needed on every point of the definition (6.7 / 6.18)."""
    decided = {d.get("point") for d in context.get("decisions") or [] if d.get("decision")}
    points = lookup(context, "definition.points") or []
    return not decided or any(point not in decided for point in points)
