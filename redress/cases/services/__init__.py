"""Commands that change a complaint: one transaction and at least one event each.

Every command takes the acting user and, optionally, when the thing really
happened (`occurred_at`): earlier is allowed and shows as back-dated, the
future is refused. A refused command raises `Refused` and writes nothing.
"""

from .amending import amend_definition
from .communication import Recorded
from .corrections import correct_date
from .handling import (
    Refusals,
    agree_update_interval,
    assign,
    assign_many,
    attach,
    record_conflict,
    request_clarification,
)
from .opening import accept, add_issue, open_complaint, refuse, set_category
from .stages import acknowledge, close, escalate, extend, respond

__all__ = [
    "accept",
    "acknowledge",
    "add_issue",
    "agree_update_interval",
    "Recorded",
    "amend_definition",
    "assign",
    "assign_many",
    "attach",
    "close",
    "correct_date",
    "escalate",
    "extend",
    "open_complaint",
    "record_conflict",
    "Refusals",
    "refuse",
    "request_clarification",
    "respond",
    "set_category",
]
