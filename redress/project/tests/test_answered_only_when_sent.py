"""A stage with decisions but no communication behind them is not answered, for every reader.

The readers (the case page and the resident's status page through `complaint_detail`, the
clocks, the timeliness figures and CH02, the dashboard, the self-assessment evidence) all
read `Stage.responded_on`, which only the communication that answered the stage sets (the
table's check refuses a date without one). Each family is shown here counting such a stage
as not answered, and counting it once the communication is there.
"""

from __future__ import annotations

import datetime as dt

import pytest

from redress.assessments.evidence.stages import timeliness_evidence
from redress.cases.models import Complaint
from redress.cases.selectors import complaint_detail, get_complaint
from redress.cases.services.communication import RESPONSE, without_copy
from redress.cases.tests.factories import dated_stage
from redress.code.periods import Period
from redress.code.tsm import ReportingYear
from redress.oversight import dashboard, selectors

pytestmark = [pytest.mark.django_db, pytest.mark.today(dt.date(2026, 6, 10))]

YEAR = ReportingYear(2026)
DECIDED = {"decisions": [{"point": "Damp", "decision": "upheld"}], "reasons": "Missed"}


@pytest.fixture
def decided_not_sent():
    """Received Friday 1 May 2026, acknowledged Tuesday 5 May, decided but never sent."""
    complaint = Complaint.objects.create(
        reference="CMP-2026-900001", received_on=dt.date(2026, 5, 1), status="stage1_acknowledged"
    )
    dated_stage(
        complaint=complaint,
        number=1,
        requested_on=complaint.received_on,
        acknowledged_on=dt.date(2026, 5, 5),
        response=DECIDED,
    )
    return complaint


def send(complaint: Complaint) -> None:
    """What the respond step does: the communication, and the stage dated by it."""
    item = without_copy(complaint, 1, RESPONSE, dt.date(2026, 5, 12), "test")
    item.save()
    complaint.stages.update(responded_on=dt.date(2026, 5, 12), response_sent=item)
    complaint.status = "stage1_responded"
    complaint.save()


def stage1(rows: list[dict]) -> dict:
    return next(row for row in rows if row["stage"] == 1)


def test_the_case_and_the_status_page_say_not_yet(decided_not_sent):
    detail = complaint_detail(get_complaint(decided_not_sent.reference))
    assert detail.stages[0].responded_on is None
    assert detail.next_action == "respond"
    send(decided_not_sent)
    detail = complaint_detail(get_complaint(decided_not_sent.reference))
    assert detail.stages[0].responded_on == dt.date(2026, 5, 12)
    assert detail.next_action is None


def test_timeliness_and_ch02_do_not_count_it(decided_not_sent):
    assert stage1(selectors.timeliness(YEAR))["responded"] == 0
    assert selectors.measure_counts(YEAR).stage1_responded == 0
    send(decided_not_sent)
    assert stage1(selectors.timeliness(YEAR))["responded"] == 1
    assert selectors.measure_counts(YEAR).stage1_responded == 1


def test_the_dashboard_does_not_count_it(decided_not_sent):
    def stage1_figures() -> list:
        table = dashboard.timeliness(Period.of(YEAR), dt.date(2026, 6, 10))
        return [row[1] for row in table.rows if row[0].startswith("Stage 1")]

    assert not any(stage1_figures())
    send(decided_not_sent)
    assert any(stage1_figures())


def test_the_self_assessment_evidence_says_none_was_sent(decided_not_sent):
    texts = [drafted.text for drafted in timeliness_evidence(YEAR)]
    assert any("No stage 1 responses were sent" in text for text in texts)
    send(decided_not_sent)
    texts = [drafted.text for drafted in timeliness_evidence(YEAR)]
    assert not any("No stage 1 responses were sent" in text for text in texts)
