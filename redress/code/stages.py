"""The stage state machine: exactly two stages, no "stage 0", never a third.

A complaint is received at stage 1, accepted or refused under an exclusion,
acknowledged with its complaint definition, and answered. The resident may
then escalate to stage 2 (no reason needed); stage 2's answer is the
landlord's final response and closes the complaint. A closed or refused
complaint is never reopened: a new complaint is linked to it instead.
"""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    STAGE1_RECEIVED = "stage1_received"
    STAGE1_ACCEPTED = "stage1_accepted"
    STAGE1_ACKNOWLEDGED = "stage1_acknowledged"
    STAGE1_RESPONDED = "stage1_responded"
    STAGE2_REQUESTED = "stage2_requested"
    STAGE2_ACKNOWLEDGED = "stage2_acknowledged"
    CLOSED = "closed"
    REFUSED = "refused"

    @property
    def stage(self) -> int | None:
        if self.value.startswith("stage1"):
            return 1
        if self.value.startswith("stage2"):
            return 2
        return None

    @property
    def is_open(self) -> bool:
        return self not in (Status.CLOSED, Status.REFUSED)


class Command(StrEnum):
    ACCEPT = "accept"
    REFUSE = "refuse"
    ACKNOWLEDGE = "acknowledge"
    REQUEST_CLARIFICATION = "request_clarification"
    ADD_ISSUE = "add_issue"
    EXTEND = "extend"
    AGREE_UPDATE_INTERVAL = "agree_update_interval"
    RECORD_CONFLICT = "record_conflict"
    RESPOND = "respond"
    ESCALATE = "escalate"
    CLOSE = "close"
    ATTACH = "attach"


S = Status
_TRANSITIONS: dict[tuple[Status, Command], Status] = {
    (S.STAGE1_RECEIVED, Command.ACCEPT): S.STAGE1_ACCEPTED,
    (S.STAGE1_RECEIVED, Command.REFUSE): S.REFUSED,
    (S.STAGE1_ACCEPTED, Command.ACKNOWLEDGE): S.STAGE1_ACKNOWLEDGED,
    (S.STAGE1_ACKNOWLEDGED, Command.RESPOND): S.STAGE1_RESPONDED,
    (S.STAGE1_RESPONDED, Command.ESCALATE): S.STAGE2_REQUESTED,
    (S.STAGE1_RESPONDED, Command.CLOSE): S.CLOSED,
    (S.STAGE2_REQUESTED, Command.ACKNOWLEDGE): S.STAGE2_ACKNOWLEDGED,
    (S.STAGE2_ACKNOWLEDGED, Command.RESPOND): S.CLOSED,
}

_OPEN_STAGE = {
    S.STAGE1_RECEIVED,
    S.STAGE1_ACCEPTED,
    S.STAGE1_ACKNOWLEDGED,
    S.STAGE2_REQUESTED,
    S.STAGE2_ACKNOWLEDGED,
}
# Commands that record something about a case without moving it on.
_IN_PLACE: dict[Command, set[Status]] = {
    Command.REQUEST_CLARIFICATION: _OPEN_STAGE,
    Command.EXTEND: _OPEN_STAGE,
    Command.AGREE_UPDATE_INTERVAL: _OPEN_STAGE,
    Command.RECORD_CONFLICT: _OPEN_STAGE | {S.STAGE1_RESPONDED},
    # Provision 6.8: a related new issue joins stage 1 until its response is sent.
    Command.ADD_ISSUE: {S.STAGE1_RECEIVED, S.STAGE1_ACCEPTED, S.STAGE1_ACKNOWLEDGED},
    Command.ATTACH: set(Status),
}


class TransitionRefused(Exception):
    """A command the current state does not allow; names the provision where one applies."""

    def __init__(self, command: Command, status: Status, message: str, provision: str | None):
        super().__init__(message)
        self.command = command
        self.status = status
        self.provision = provision


def next_status(status: Status, command: Command, third_stage_provision: str = "5.3") -> Status:
    """The state after `command`, or TransitionRefused saying why not."""
    if command in _IN_PLACE:
        if status in _IN_PLACE[command]:
            return status
        raise _refusal(status, command, third_stage_provision)
    try:
        return _TRANSITIONS[(status, command)]
    except KeyError:
        raise _refusal(status, command, third_stage_provision) from None


def allowed_commands(status: Status) -> list[Command]:
    """Every command the state allows, in a stable order (for forms and the API)."""
    return [c for c in Command if _allows(status, c)]


def _allows(status: Status, command: Command) -> bool:
    if command in _IN_PLACE:
        return status in _IN_PLACE[command]
    return (status, command) in _TRANSITIONS


def _refusal(status: Status, command: Command, third_stage_provision: str) -> TransitionRefused:
    if command is Command.ESCALATE and status.stage == 2:
        return TransitionRefused(
            command,
            status,
            "there is no third stage: stage 2 is the final response",
            third_stage_provision,
        )
    if status in (S.CLOSED, S.REFUSED) and command is not Command.ATTACH:
        return TransitionRefused(
            command,
            status,
            f"a {status.value} complaint is not reopened; log a new complaint linked to it",
            None,
        )
    if command is Command.ADD_ISSUE:
        return TransitionRefused(
            command,
            status,
            "the stage 1 response has been sent; log the new issue as a new complaint",
            "6.8",
        )
    return TransitionRefused(
        command,
        status,
        f"cannot {command.value.replace('_', ' ')} a complaint that is "
        f"{status.value.replace('_', ' ')}",
        None,
    )
