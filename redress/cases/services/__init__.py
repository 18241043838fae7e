"""Commands that change a complaint: one transaction and at least one event each.

Every command takes the acting user and, optionally, when the thing really
happened (`occurred_at`): earlier is allowed and shows as back-dated, the
future is refused. A refused command raises `Refused` and writes nothing.

Apps above cases whose own commands touch a complaint (letters, remedies, the
Ombudsman's cases, leavers) use the kit exported here: `lock` the complaint's row,
`save_and_record` it with its event, `note_update_sent`, `staff_user`. The modules
behind this package are cases' own.
"""

from .amending import amend_definition
from .base import lock, note_update_sent, save_and_record, staff_user
from .communication import ACKNOWLEDGEMENT, RESPONSE, Recorded
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
    "ACKNOWLEDGEMENT",
    "RESPONSE",
    "lock",
    "note_update_sent",
    "save_and_record",
    "staff_user",
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
