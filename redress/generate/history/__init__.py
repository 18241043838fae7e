"""One complaint's life, step by step, as rows: what the services would have written.

Each step happens on a date the Code's clock gives (working days from the
landlord's calendar, cached per date), in the order the state machine allows;
a step that would fall after today has not happened yet, so the complaint stops
in the status it had reached. Its queue columns (`next_due`, `next_action`)
come from `redress.code.timescales.assess_complaint` and `duties.next_duty`,
the functions `redress.cases.clock.refresh_next_due` uses. Events carry the
actions and payloads the services record.

The steps follow the complaint's lifecycle, a module each: `arrival` (the resident,
a representative, the contact, the complaint received), `stage_one` (refused, or
accepted, then escalated or closed), `stages` (either stage acknowledged, perhaps
extended, answered), `remedies` (remedies and outstanding actions), `letters` (each
letter issued). They write through `ledger.Ledger` (ids, rows, moments, the chain)
and draw from its one random generator in the order they run, so a seed gives the
same rows (generate/tests/test_history_pinned.py holds them to that).
"""

from __future__ import annotations

import datetime as dt

from redress.code.duties import next_duty
from redress.code.stages import Status
from redress.code.timescales import assess_complaint

from .arrival import receive
from .ledger import Case, Ledger
from .stage_one import refuse, stage_one

OPEN = {
    Status.STAGE1_RECEIVED,
    Status.STAGE1_ACCEPTED,
    Status.STAGE1_ACKNOWLEDGED,
    Status.STAGE2_REQUESTED,
    Status.STAGE2_ACKNOWLEDGED,
}


class History(Ledger):
    """Makes complaints one after another, into `rows` (table name to list of tuples)."""

    def complaint(self, received: dt.date) -> None:
        self.begin_case()
        case = receive(self, received)
        if case.exclusion:
            refuse(self, case)
        else:
            stage_one(self, case)
        self.rows["cases_complaint"].append(self._complaint_row(case))
        for stage in case.stages:
            self.rows["cases_stage"].append(stage)

    def _complaint_row(self, case: Case) -> tuple:
        """The complaint as it stands today, with its queue columns from the clock."""
        next_due, next_action = None, ""
        if case.status in OPEN:
            clock = assess_complaint(
                case.facts.get(1),
                case.facts.get(2),
                self.regime,
                self.calendar,
                self.today,
            )
            duty = next_duty(case.status, clock.stage1, clock.stage2)
            if duty:
                next_due, next_action = duty.due.isoformat(), duty.action
        return (
            case.id,
            case.reference,
            case.resident_id,
            case.representative,
            case.contact,
            None,
            None,
            case.channel,
            self.category_ids[case.category],
            case.contractor,
            case.summary,
            case.received.isoformat(),
            case.arose.isoformat(),
            None,
            case.status.value,
            case.handler,
            next_due,
            next_action,
            self.regime.key,
            case.exclusion if case.status == Status.REFUSED else "",
            case.refusal_reason,
            case.logged_at,
        )
