"""A letter's PDF is rendered with no row locked, and issued only from the facts it shows.

These tests commit as they go (transaction=True), so "no transaction open" is what it
says: a row lock lives only as long as its transaction, so a renderer that finds no
transaction open holds no lock on the complaint, nor makes anyone wait on it.
"""

from __future__ import annotations

import pytest
from django.db import connection

from redress.cases.models import Complaint
from redress.cases.tests.factories import POINT, TODAY, case_in, row_counts
from redress.intake.models import Resident
from redress.letters import answers, formats, services
from redress.letters.models import Letter
from redress.record.errors import Refused
from redress.record.models import Event

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.today(TODAY)]

BY_POST = {"how": "issue", "delivery": "post"}


class Renders(list):
    """Each PDF rendered: whether a transaction was open while it ran. `during`, when set,
    runs while the PDF renders (another person changing the case)."""

    during = None


@pytest.fixture
def renders(monkeypatch):
    real = formats.to_pdf
    seen = Renders()

    def watched(document, branding):
        seen.append("in a transaction" if connection.in_atomic_block else "no transaction")
        if seen.during:
            seen.during()
        return real(document, branding)

    monkeypatch.setattr(formats, "to_pdf", watched)
    return seen


def _issue(officer, ref):
    return services.issue_letter(
        ref,
        actor=officer.user,
        kind="stage_response",
        delivery="post",
        no_remedy=True,
        no_outstanding_actions=True,
    )


def _respond(officer, ref):
    return answers.respond(
        ref,
        actor=officer.user,
        communication=BY_POST,
        decisions=[{"point": POINT, "decision": "upheld"}],
        reasons="The repair was missed",
        no_remedy=True,
        no_outstanding_actions=True,
    )


def _acknowledge(officer, ref):
    return answers.acknowledge(
        ref,
        actor=officer.user,
        communication=BY_POST,
        points=[POINT],
        outcomes_sought=["Fix the damp"],
        responsible_for_all=True,
    )


def test_a_letter_issued_on_its_own_is_rendered_before_the_complaint_is_locked(officer, renders):
    ref = case_in("stage1_responded", officer)
    letter = _issue(officer, ref)
    assert renders == ["no transaction"]
    assert bytes(letter.pdf).startswith(b"%PDF")


@pytest.mark.parametrize(
    ("state", "step", "kind"),
    [
        ("stage1_accepted", _acknowledge, "acknowledgement"),
        ("stage1_acknowledged", _respond, "stage_response"),
    ],
)
def test_the_letter_of_an_acknowledgement_or_response_is_rendered_outside_the_command(
    officer, renders, state, step, kind
):
    ref = case_in(state, officer)
    step(officer, ref)
    assert renders == ["no transaction"]
    letter = Letter.objects.get(complaint__reference=ref)
    assert letter.kind == kind and bytes(letter.pdf).startswith(b"%PDF")


def _rename_resident(ref):
    def rename():
        resident = Complaint.objects.get(reference=ref).resident
        Resident.objects.filter(pk=resident.pk).update(name="Ada Renamed")

    return rename


@pytest.mark.parametrize(
    ("state", "step"), [("stage1_responded", _issue), ("stage1_acknowledged", _respond)]
)
def test_a_case_changed_while_its_letter_renders_is_refused_and_nothing_written(
    officer, renders, state, step
):
    """The letter would name the resident as they were: it is not issued, and trying
    again makes it from the case as it now is."""
    ref = case_in(state, officer)
    before = row_counts()
    renders.during = _rename_resident(ref)
    with pytest.raises(Refused) as refused:
        step(officer, ref)
    assert refused.value.message == services.CHANGED
    assert (refused.value.field, refused.value.rule) == (None, None)
    assert row_counts() == before
    assert not Event.objects.filter(action="letter_issued").exists()
    assert Complaint.objects.get(reference=ref).status == state

    renders.during = None
    step(officer, ref)
    assert "Ada Renamed" in Letter.objects.get(complaint__reference=ref).html
