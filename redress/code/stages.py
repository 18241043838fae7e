"""The stage state machine: exactly two stages, no "stage 0", never a third.

A complaint is received at stage 1, accepted or refused under an exclusion,
acknowledged with its complaint definition, and answered. The resident may
then escalate to stage 2 (no reason needed); stage 2's answer is the
landlord's final response and closes the complaint. A closed or refused
complaint is never reopened: a new complaint is linked to it instead.

Every refusal names the rule it protects: the regime's provision where there
is one (respond before acknowledging: 6.2 / 6.11; close or escalate before a
response: 6.3 / 6.14), else a stable name (`NO_REOPENING`, `ONCE_PER_STAGE`,
`STAGE_ANSWERED`), so that the API and the pages can always say why.
"""

from __future__ import annotations

from enum import StrEnum

from .regimes import HOS_2024, Regime


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
    SET_CATEGORY = "set_category"
    AMEND_DEFINITION = "amend_definition"


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
    # The category is the landlord's filing, for the figures: refused complaints count too.
    Command.SET_CATEGORY: set(Status),
    # The definition (5.6, 5.7) can be put right until the stage is answered.
    Command.AMEND_DEFINITION: {S.STAGE1_ACKNOWLEDGED, S.STAGE2_ACKNOWLEDGED},
}


# Stable names for the refusals the Code has no provision for.
NO_REOPENING = "no-reopening"
ONCE_PER_STAGE = "once-per-stage"
STAGE_ANSWERED = "stage-answered"
ACKNOWLEDGE_FIRST = "acknowledge-first"
# Deciding whether to accept comes before anything else is done with a complaint (2.1).
ACCEPTANCE_PROVISION = "2.1"
NEW_ISSUE_PROVISION = "6.8"

_BEFORE_ACKNOWLEDGEMENT = {S.STAGE1_RECEIVED, S.STAGE1_ACCEPTED, S.STAGE2_REQUESTED}
_BEFORE_RESPONSE = _BEFORE_ACKNOWLEDGEMENT | {S.STAGE1_ACKNOWLEDGED, S.STAGE2_ACKNOWLEDGED}
# Commands done once (a stage at a time), and what the refusal says has been done.
_DONE = {
    Command.ACCEPT: "accepted into the process",
    Command.REFUSE: "accepted into the process",
    Command.ACKNOWLEDGE: "acknowledged at stage {stage}",
    Command.RESPOND: "answered at stage {stage}",
}


class TransitionRefused(Exception):
    """A command the current state does not allow, and the rule it would break: the
    provision it protects, or a stable rule name where the Code has none."""

    def __init__(self, command: Command, status: Status, message: str, rule: str):
        super().__init__(message)
        self.command = command
        self.status = status
        self.rule = rule


def next_status(status: Status, command: Command, regime: Regime = HOS_2024) -> Status:
    """The state after `command`, or TransitionRefused saying why not (in `regime`'s words)."""
    if command in _IN_PLACE:
        if status in _IN_PLACE[command]:
            return status
        raise _refusal(status, command, regime)
    try:
        return _TRANSITIONS[(status, command)]
    except KeyError:
        raise _refusal(status, command, regime) from None


def allowed_commands(status: Status) -> list[Command]:
    """Every command the state allows, in a stable order (for forms and the API)."""
    return [c for c in Command if _allows(status, c)]


def _allows(status: Status, command: Command) -> bool:
    if command in _IN_PLACE:
        return status in _IN_PLACE[command]
    return (status, command) in _TRANSITIONS


def _refusal(status: Status, command: Command, regime: Regime) -> TransitionRefused:
    message, rule = _why_not(status, command, regime)
    return TransitionRefused(command, status, message, rule)


def _why_not(status: Status, command: Command, regime: Regime) -> tuple[str, str]:
    """Why `command` cannot be done at `status`: the message and the rule it protects."""
    stage = status.stage
    if command is Command.ESCALATE and stage == 2:
        return "there is no third stage: stage 2 is the final response", (
            regime.third_stage_provision
        )
    if not status.is_open:
        return (
            f"a {status.value} complaint is not reopened; log a new complaint linked to it",
            NO_REOPENING,
        )
    if command is Command.ADD_ISSUE:
        return (
            "the stage 1 response has been sent; log the new issue as a new complaint",
            NEW_ISSUE_PROVISION,
        )
    if command is Command.AMEND_DEFINITION and status in _BEFORE_ACKNOWLEDGEMENT:
        return (
            f"the complaint has no definition at stage {stage} yet: acknowledge and define it",
            ACKNOWLEDGE_FIRST,
        )
    if command is Command.AMEND_DEFINITION:
        return (
            f"stage {stage} has been answered: its definition is the one the response "
            "answered, and stays",
            STAGE_ANSWERED,
        )
    if command is Command.ACKNOWLEDGE and status is S.STAGE1_RECEIVED:
        return "accept the complaint into the process before acknowledging it", (
            ACCEPTANCE_PROVISION
        )
    if command is Command.RESPOND and status in _BEFORE_ACKNOWLEDGEMENT:
        return (
            f"acknowledge and define the complaint at stage {stage} before responding",
            regime.stage(stage).acknowledge_provision or ACKNOWLEDGE_FIRST,
        )
    if command in (Command.ESCALATE, Command.CLOSE) and status in _BEFORE_RESPONSE:
        ending = "ends with its final response" if stage == 2 else "needs its response first"
        return (
            f"cannot {command.value} the complaint: stage {stage} {ending}",
            regime.stage(stage).respond_provision,
        )
    if command in _DONE:
        return (
            f"the complaint has already been {_DONE[command].format(stage=stage)}",
            ONCE_PER_STAGE,
        )
    return (
        f"stage {stage} has been answered: there is nothing left to "
        f"{command.value.replace('_', ' ')}",
        STAGE_ANSWERED,
    )
