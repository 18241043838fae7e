"""The one error a command raises when it refuses to act.

Services raise `Refused`; the API and the web pages map it, in one place each,
to a response naming the field and the rule (a Code provision where there is
one). A refused command has written nothing: services raise before, or inside
the transaction that then rolls back.
"""

from __future__ import annotations


class Refused(Exception):
    def __init__(self, message: str, *, field: str | None = None, rule: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.rule = rule

    def as_dict(self) -> dict:
        return {"message": self.message, "field": self.field, "rule": self.rule}


class NotFound(Refused):
    """The thing a command names does not exist (or the actor may not see it)."""


class Forbidden(Refused):
    """The actor's role does not allow the command, whatever the complaint's state."""
