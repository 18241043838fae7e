"""Existing data through the stage communication migrations (0009, 0010), migrated.

The check constraints that follow (0011) forbid a dated stage without its communication,
so the rows the migrations (0009, 0010) meet can only be made at the schema before it. The test
migrates back to there, makes them with the historical models, migrates forward, and
reads what the migration made of them.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from redress.record.services import record_event

BEFORE = [("cases", "0008_regime_from_the_deployment")]
AFTER = [("cases", "0011_stage_communication_checks")]

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def at_the_old_schema(migrated):
    return migrated(BEFORE)


def test_existing_stages_get_their_communications_and_remedies_become_rows(
    at_the_old_schema, migrated
):
    apps = at_the_old_schema
    User = apps.get_model("auth", "User")
    Complaint = apps.get_model("cases", "Complaint")
    Stage = apps.get_model("cases", "Stage")
    Correspondence = apps.get_model("cases", "Correspondence")
    handler = User.objects.create(username="handler")
    complaint = Complaint.objects.create(
        reference="CMP-MIG-1", received_on=dt.date(2026, 9, 1), status="stage1_responded"
    )
    stage = Stage.objects.create(
        complaint=complaint,
        number=1,
        requested_on=dt.date(2026, 9, 1),
        acknowledged_on=dt.date(2026, 9, 2),
        responded_on=dt.date(2026, 9, 10),
        handler=handler,
        responded_by=handler,
        response={
            "decisions": [{"point": "Damp", "decision": "upheld"}],
            "reasons": "Late",
            "remedies": [{"description": "£150 for the carpet", "amount": "150.00"}],
            "outstanding_actions": [
                {"description": "Treat the mould", "due_on": "2026-10-01", "update_every": None}
            ],
        },
    )
    # The stage 1 response went as a letter Redress issued: its correspondence is named by
    # the `letter_issued` event; the acknowledgement has no letter behind it.
    sent = Correspondence.objects.create(
        complaint=complaint,
        kind="letter",
        direction="outgoing",
        title="Our stage 1 answer",
        occurred_at=dt.datetime(2026, 9, 10, 11, tzinfo=dt.UTC),
    )
    record_event(
        "complaint",
        complaint.pk,
        "letter_issued",
        actor_label="test",
        payload={"kind": "stage_response", "stage": 1, "correspondence": sent.pk},
    )

    apps = migrated(AFTER)

    Stage = apps.get_model("cases", "Stage")
    stage = Stage.objects.select_related("acknowledgement_sent", "response_sent").get(pk=stage.pk)
    assert stage.response_sent_id == sent.pk
    placeholder = stage.acknowledgement_sent
    assert (placeholder.kind, placeholder.direction) == ("other", "outgoing")
    assert placeholder.title == "Stage 1 acknowledgement, recorded before Redress kept a copy"
    assert placeholder.occurred_at.date() == dt.date(2026, 9, 2)
    # The dates stay as they were recorded; the JSON keeps only decisions and reasons.
    assert (stage.acknowledged_on, stage.responded_on) == (
        dt.date(2026, 9, 2),
        dt.date(2026, 9, 10),
    )
    assert set(stage.response) == {"decisions", "reasons"}
    remedy = apps.get_model("remedies", "Remedy").objects.get(complaint_id=complaint.pk)
    assert (remedy.description, remedy.amount) == ("£150 for the carpet", Decimal("150.00"))
    assert (remedy.offered_on, remedy.owner_user_id) == (dt.date(2026, 9, 10), handler.pk)
    action = apps.get_model("cases", "OutstandingAction").objects.get(complaint_id=complaint.pk)
    assert (action.description, action.due_on) == ("Treat the mould", dt.date(2026, 10, 1))
