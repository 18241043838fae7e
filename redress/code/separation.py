"""Stage 2 is considered by someone who did not consider stage 1 (6.13).

A handler is often changed part way through stage 1, so "considered stage 1" is
read from everything the record says happened at it, not from whoever holds the
case last: anyone who was stage 1's handler at any moment, acknowledged it, wrote
or added to its definition, extended it or answered it. The services hand the
record's events to `stage_one_people`; `StageOne.includes` is the rule itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .timescales import same_handler

# The rule's name under a regime with no provision for it: stage 2 is still someone else's.
NO_PROVISION = "separate-stages"

# The events that make someone a stage 1 person, and the one that ends stage 1.
ASSIGNED = "assigned"
ACKNOWLEDGED = "acknowledged"
ISSUE_ADDED = "issue_added"
EXTENDED = "extended"
RESPONDED = "responded"
ESCALATED = "escalated"
READS = (ASSIGNED, ACKNOWLEDGED, ISSUE_ADDED, EXTENDED, RESPONDED, ESCALATED)


@dataclass(frozen=True)
class Act:
    """One event on a complaint, as far as 6.13 reads it: what, by whom, and its payload."""

    action: str
    actor: int | None
    payload: Mapping[str, object] = field(default_factory=dict)


def stage_one_people(acts: Iterable[Act]) -> frozenset[int]:
    """The users who took part in stage 1, from the complaint's events in the order
    they were recorded. Stage 1 ends at the escalation; a new issue added after the
    acknowledgement goes into the definition (6.8), so its author wrote part of it."""
    people: set[object] = set()
    defined = False
    for act in acts:
        if act.action == ESCALATED:
            break
        if act.action == ASSIGNED:
            people.add(act.payload.get("handler"))
        elif act.action == ACKNOWLEDGED:
            people.update((act.actor, act.payload.get("handler")))
            defined = True
        elif act.action in (EXTENDED, RESPONDED) or (act.action == ISSUE_ADDED and defined):
            people.add(act.actor)
    return frozenset(p for p in people if isinstance(p, int) and not isinstance(p, bool))


@dataclass(frozen=True)
class StageOne:
    """Who considered stage 1: users, and for a case imported from a tracker, the
    handler's name (the same person when the names match, as `same_handler` says)."""

    people: frozenset[int] = frozenset()
    names: tuple[str, ...] = ()

    def includes(self, person: int, *names: str) -> bool:
        """Whether `person` (known also by `names`) considered stage 1, and so may not
        consider stage 2."""
        return person in self.people or any(
            same_handler(name, handler) for name in names for handler in self.names
        )
