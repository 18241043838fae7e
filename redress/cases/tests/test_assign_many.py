"""Assigning several cases at once (`services.assign_many`): all of them, or none."""

from __future__ import annotations

import pytest

from redress.cases import services
from redress.cases.models import Complaint
from redress.intake.services import create_resident
from redress.record.models import Event

pytestmark = pytest.mark.django_db


def _cases(officer, *summaries) -> list[str]:
    resident = create_resident(actor=officer, name="Ada")
    return [
        services.open_complaint(actor=officer, resident=resident, summary=s).reference
        for s in summaries
    ]


def test_every_case_is_assigned_each_with_its_event(make_staff):
    officer, handler = make_staff("olive", "complaints officer"), make_staff("hana", "handler")
    refs = _cases(officer, "Damp", "Noise")
    assigned = services.assign_many(refs, actor=officer, handler_id=handler.pk)
    assert [c.reference for c in assigned] == refs
    for ref in refs:
        complaint = Complaint.objects.get(reference=ref)
        assert complaint.handler == handler
        [event] = Event.objects.for_subject("complaint", complaint.pk).filter(action="assigned")
        assert event.actor == officer and event.payload == {"handler": handler.pk}


def test_one_refused_case_refuses_them_all_naming_each(make_staff):
    officer, handler = make_staff("olive", "complaints officer"), make_staff("hana", "handler")
    refs = _cases(officer, "Damp", "Noise", "Rats")
    services.refuse(
        refs[1], actor=officer, exclusion="legal_proceedings", reason="In court already"
    )
    before = Event.objects.count()
    with pytest.raises(services.Refusals) as refused:
        services.assign_many([*refs, "CMP-1999-000001"], actor=officer, handler_id=handler.pk)
    assert [ref for ref, _ in refused.value.each] == [refs[1], "CMP-1999-000001"]
    assert "no handler to assign" in refused.value.each[0][1].message
    assert refused.value.each[1][1].field == "reference"
    assert Event.objects.count() == before
    assert not Complaint.objects.filter(handler__isnull=False).exists()
