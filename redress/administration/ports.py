"""What the apps above administration do when its facts change.

Administration owns the calendar and people's accounts and sits below the case work
both affect, so it cannot import that work. Each app above provides its part here
from its `AppConfig.ready`, and administration calls it inside its own transaction:
a refusal there refuses the whole command, and its writes are part of it. A part no
app provided refuses (fails closed) rather than skipping the work silently.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from django.core.exceptions import ImproperlyConfigured


class Leavers(Protocol):
    """What a person about to be deactivated still holds, and handing it on."""

    def holdings(self, user_id: int) -> dict: ...

    def describe(self, held: dict) -> str: ...

    def hand_on(self, user, *, actor, hand_to: int | None, leave: bool) -> dict: ...

    def tell_officers(self, user, event) -> None: ...


_provided: dict[str, object] = {}


def provide(name: str, part: object) -> None:
    _provided[name] = part


def _part(name: str):
    try:
        return _provided[name]
    except KeyError:
        raise ImproperlyConfigured(f"no installed app provides administration's {name!r}") from None


def leavers() -> Leavers:
    return _part("leavers")


def reclock_open_complaints() -> int:
    """Recompute every open complaint's due date after a calendar change; how many moved."""
    reclock: Callable[[], int] = _part("reclock_open_complaints")
    return reclock()
