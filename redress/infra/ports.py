"""Ports: how a lower app calls work that an app above it owns, without importing it.

An app owns a `Ports` naming what it needs; each app above provides its part from its
`AppConfig.ready`, and the lower app calls the part inside its own command, so a
refusal refuses the whole command and the writes are part of its transaction. A part
no installed app provided refuses (fails closed) instead of being skipped silently.
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured


class Ports:
    def __init__(self, owner: str, *names: str) -> None:
        self.owner, self.names, self.parts = owner, set(names), {}

    def provide(self, name: str, part) -> None:
        if name not in self.names:
            raise ImproperlyConfigured(f"{self.owner} has no port {name!r}")
        self.parts[name] = part

    def get(self, name: str):
        """The part, or None: only for a caller whose answer to "none provided" is itself
        a refusal (the annual report without its self-assessment cannot be published)."""
        return self.parts.get(name)

    def __getitem__(self, name: str):
        try:
            return self.parts[name]
        except KeyError:
            missing = f"no installed app provides {self.owner}'s {name!r}"
            raise ImproperlyConfigured(missing) from None
