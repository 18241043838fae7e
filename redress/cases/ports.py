"""What the apps above cases do inside a case command (`redress.infra.ports`).

A stage response offers remedies, which `remedies` records as rows followed to
completion (7.3); an assignment and an extension beyond the Code's limit tell people,
which `notifications` does. Cases sits below both, so they provide these here.
"""

from __future__ import annotations

from redress.infra.ports import Ports

PORTS = Ports("cases", "record_response_remedies", "complaint_assigned", "extension_beyond_limit")
provide = PORTS.provide


def record_response_remedies(complaint, stage: int, remedies, *, actor, on):
    return PORTS["record_response_remedies"](complaint, stage, remedies, actor=actor, on=on)


def complaint_assigned(complaint, handler, actor, event) -> None:
    PORTS["complaint_assigned"](complaint, handler, actor, event)


def extension_beyond_limit(complaint, stage: int, total: int, limit: int, actor, event) -> None:
    PORTS["extension_beyond_limit"](complaint, stage, total, limit, actor, event)
