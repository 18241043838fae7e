"""What the apps above administration do when its facts change (`redress.infra.ports`).

Administration owns the calendar and people's accounts and sits below the case work
both affect: `cases` reclocks open complaints when the calendar changes, and `leavers`
hands on what a person holds before their account is deactivated.
"""

from __future__ import annotations

from typing import Protocol

from redress.infra.ports import Ports


class Leavers(Protocol):
    """What a person about to be deactivated still holds, and handing it on."""

    def holdings(self, user_id: int) -> dict: ...

    def describe(self, held: dict) -> str: ...

    def hand_on(self, user, *, actor, hand_to: int | None, leave: bool) -> dict: ...

    def tell_officers(self, user, event) -> None: ...


PORTS = Ports("administration", "leavers", "reclock_open_complaints")
provide = PORTS.provide


def leavers() -> Leavers:
    return PORTS["leavers"]


def reclock_open_complaints() -> int:
    """Recompute every open complaint's due date after a calendar change; how many moved."""
    return PORTS["reclock_open_complaints"]()
