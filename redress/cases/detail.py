"""The complaint as its handler sees it: the one shape the case page, the API, letters and
the resident's status page read (`selectors.complaint_detail` builds it).

Frozen dataclasses, so a reader cannot change what another reader is shown, and so the
API describes the very shape it sends: ninja serves these classes' fields as the response
schema (redress/cases/api.py), one list of fields for the page and the API alike.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from redress.intake.selectors import SupportNeedCounts


@dataclass(frozen=True)
class ExtensionDetail:
    """An extension of a stage's response date (5.9, 6.4)."""

    working_days: int
    reason: str
    agreed_on: dt.date | None
    approved_by: int | None  # the manager's user id, for one beyond the Code's limit


@dataclass(frozen=True)
class StageDetail:
    """One stage: its dates, whether each was met, the working days left, and its answer."""

    number: int
    requested_on: dt.date
    acknowledge_by: dt.date
    acknowledged_on: dt.date | None
    acknowledged_on_time: bool | None
    respond_by: dt.date
    responded_on: dt.date | None
    responded_on_time: bool | None
    # None once the step is done; negative when overdue.
    acknowledge_working_days_left: int | None
    respond_working_days_left: int | None
    extension_working_days: int
    extensions: tuple[ExtensionDetail, ...]
    handler: int | None
    handler_name: str
    # The complaint definition (5.6, 5.7) and the answer, as the stage stores them.
    definition: dict[str, Any]
    response: dict[str, Any]
    # The communications that acknowledged and answered the stage (`Correspondence` ids).
    acknowledgement_sent: int | None
    response_sent: int | None
    escalation_note: str
    breaches: tuple[str, ...]


@dataclass(frozen=True)
class ActionDetail:
    """An outstanding action the response promised (6.7)."""

    description: str
    due_on: dt.date
    completed_on: dt.date | None
    stage: int


@dataclass(frozen=True)
class ComplaintDetail:
    """The complaint: who, what, its dates, its stages, its next duty and what may be done
    with it now."""

    reference: str
    status: str
    stage: int | None  # None once closed or refused
    resident: int | None
    # How many, never what: the details are read with a reason (intake.support_needs).
    support_needs: SupportNeedCounts
    representative: int | None
    handler: int | None
    channel: str
    category: str | None
    category_id: int | None
    contractor: int | None
    summary: str
    received_on: dt.date
    issue_arose_on: dt.date | None
    resident_aware_on: dt.date | None
    exclusion: str
    refusal_reason: str
    related_to: str | None
    linked: tuple[str, ...]
    next_action: str | None
    next_due: dt.date | None
    working_days_left: int | None
    breaches: tuple[str, ...]
    stages: tuple[StageDetail, ...]
    issues: tuple[str, ...]
    outstanding_actions: tuple[ActionDetail, ...]
    allowed_commands: tuple[str, ...]

    def stage_detail(self, number: int) -> StageDetail | None:
        """The stage numbered `number`, if the complaint has reached it."""
        return next((s for s in self.stages if s.number == number), None)
