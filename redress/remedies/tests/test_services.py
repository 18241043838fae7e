"""Remedies as rows: made by a response, added with their parts, followed to completion."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from redress.record.errors import Refused
from redress.record.models import Event
from redress.remedies import services
from redress.remedies.models import Remedy, RemedyBand

from .conftest import DUE, make_case

pytestmark = pytest.mark.django_db


def test_the_default_bands_are_the_ombudsman_guidance():
    bands = [(b.key, b.low, b.high) for b in RemedyBand.objects.all()]
    assert bands == [
        ("minor", Decimal("0"), Decimal("100")),
        ("adverse", Decimal("100"), Decimal("600")),
        ("significant", Decimal("600"), Decimal("1000")),
        ("serious", Decimal("1000"), None),
    ]


def test_a_response_makes_a_remedy_row_the_one_home_of_the_remedy(handler):
    complaint = make_case(
        handler,
        remedies=[
            {
                "kind": "financial",
                "description": "Compensation",
                "amount": "150.00",
                "due_on": dt.date(2026, 5, 26),
            }
        ],
    )
    remedy = Remedy.objects.get(complaint=complaint)
    assert (remedy.kind, remedy.amount, remedy.owner_user, remedy.status) == (
        "financial",
        Decimal("150.00"),
        handler,
        "offered",
    )
    assert remedy.offered_on == dt.date(2026, 5, 12)
    assert remedy.due_on == dt.date(2026, 5, 26)
    # No copy on the stage: letters and pages read the row.
    assert set(complaint.stages.get(number=1).response) == {"decisions", "reasons"}
    assert complaint.outstanding_actions.get().owner_user == handler


def test_a_response_with_an_unknown_remedy_kind_is_refused_whole(handler):
    with pytest.raises(Refused) as refused:
        make_case(handler, remedies=[{"kind": "voucher", "description": "A voucher"}])
    assert refused.value.field == "remedies.0.kind"
    assert not Remedy.objects.exists()


@pytest.mark.parametrize(
    ("due_on", "message"),
    [(None, "enter when the remedy will be done"), (dt.date(2026, 5, 11), "before the response")],
)
def test_a_remedy_in_a_response_says_by_when_on_or_after_it(handler, due_on, message):
    """7.3: a remedy says what happens and by when; not before the response offering it."""
    with pytest.raises(Refused) as refused:
        make_case(handler, remedies=[{"description": "An apology", "due_on": due_on}])
    assert (refused.value.field, refused.value.rule) == ("remedies.0.due_on", "7.3")
    assert message in refused.value.message
    assert not Remedy.objects.exists()


def financial(complaint, handler, **parts):
    return services.add_remedy(
        complaint.reference,
        actor=handler,
        kind="financial",
        description="Compensation for the delay",
        due_on=dt.date(2026, 6, 1),
        owner_user_id=handler.pk,
        finding="maladministration",
        impact="adverse",
        offered_on=dt.date(2026, 5, 20),
        **parts,
    )


def test_a_financial_remedy_is_the_sum_of_its_parts_in_the_suggested_band(case, handler):
    remedy = financial(case, handler, actual_loss="40", time_and_trouble="60", distress="100")
    assert remedy.amount == Decimal("200.00")
    assert remedy.band_key == "adverse"
    event = Event.objects.filter(subject_id=case.pk, action="remedy_offered").get()
    assert event.payload["amount"] == "200.00"
    assert event.payload["outside_band"] == ""


def test_an_amount_outside_the_band_is_warned_not_blocked(case, handler):
    remedy = financial(case, handler, distress="750")
    assert remedy.pk
    assert "above the suggested band" in services.band_words(remedy)["outside_band"]


def test_the_administrators_bands_are_the_ones_used(case, handler, make_staff):
    admin = make_staff("ada", "administrator")
    services.change_band(
        "adverse", actor=admin, label="Adverse", low="100", high="900", impact="adverse"
    )
    assert services.band_words(financial(case, handler, distress="750"))["outside_band"] == ""


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"kind": "voucher"}, "kind"),
        ({"description": " "}, "description"),
        ({"owner_user_id": None}, "owner"),
        ({"owner_team_id": 1}, "owner"),
        ({"due_on": None}, "due_on"),
        ({"due_on": dt.date(2026, 5, 1)}, "due_on"),
        ({"finding": ""}, "finding"),
        ({"distress": "-5"}, "distress"),
        ({"distress": None}, "actual_loss"),
    ],
)
def test_a_refused_remedy_writes_nothing(case, handler, changes, field):
    arguments = {
        "actor": handler,
        "kind": "financial",
        "description": "Compensation",
        "due_on": dt.date(2026, 6, 1),
        "owner_user_id": handler.pk,
        "finding": "service_failure",
        "impact": "minor",
        "distress": "50",
        "offered_on": dt.date(2026, 5, 20),
        **changes,
    }
    before = Event.objects.count(), Remedy.objects.count()
    with pytest.raises(Refused) as refused:
        services.add_remedy(case.reference, **arguments)
    assert refused.value.field == field
    assert (Event.objects.count(), Remedy.objects.count()) == before


def test_accepted_then_paid_with_evidence(case, handler):
    remedy = financial(case, handler, distress="250")
    services.change_remedy_status(
        remedy.pk, actor=handler, status="accepted", on=dt.date(2026, 5, 21)
    )
    with pytest.raises(Refused) as refused:
        services.change_remedy_status(remedy.pk, actor=handler, status="completed")
    assert refused.value.field == "evidence"
    services.change_remedy_status(
        remedy.pk, actor=handler, status="completed", evidence="BACS ref 123"
    )
    remedy.refresh_from_db()
    assert (remedy.status, remedy.accepted_on, remedy.evidence) == (
        "completed",
        dt.date(2026, 5, 21),
        "BACS ref 123",
    )
    actions = list(Event.objects.filter(subject_id=case.pk).values_list("action", flat=True))
    assert "remedy_accepted" in actions and "remedy_completed" in actions


def test_a_declined_remedy_cannot_be_accepted(case, handler):
    remedy = Remedy.objects.get(complaint=case)
    services.change_remedy_status(remedy.pk, actor=handler, status="declined")
    with pytest.raises(Refused):
        services.change_remedy_status(remedy.pk, actor=handler, status="accepted")


def test_an_action_is_completed_once_with_evidence(case, handler):
    action = case.outstanding_actions.get()
    services.complete_action(action.pk, actor=handler, evidence="Job 42 signed off")
    action.refresh_from_db()
    assert action.completed_on and action.evidence == "Job 42 signed off"
    with pytest.raises(Refused):
        services.complete_action(action.pk, actor=handler, evidence="again")
    assert action.due_on == DUE
