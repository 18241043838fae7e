"""The sweep chases nobody who has left about a remedy or outstanding action: a leaver's are
the complaints officers' instead, saying why (issue 19, item 3). Moved here from the
remedies sweep's tests when its reminders became the one sweep's (issue 20, item 2)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from redress.cases.models import Contractor, OutstandingAction
from redress.notifications.models import Kind, Notification
from redress.notifications.sweep import sweep
from redress.remedies.services import agree_action_updates
from redress.remedies.tests.conftest import THURSDAY, make_case
from redress.staff.models import Team

pytestmark = pytest.mark.django_db
LEFT = "It was for Hana, who has left (their account is deactivated): it comes to you instead."


@pytest.fixture
def case(handler):
    return make_case(handler)


def leave(user) -> None:
    user.is_active = False
    user.save()


def test_a_leavers_reminders_go_to_the_complaints_officers(case, handler, complaints_officer):
    leave(handler)
    assert sweep(THURSDAY).written[Kind.REMEDY_DUE_SOON] == 2
    notices = Notification.objects.filter(kind=Kind.REMEDY_DUE_SOON)
    assert {n.recipient for n in notices} == {complaints_officer}
    assert all(n.reason.endswith(LEFT) for n in notices)
    [digest] = mail.outbox
    assert digest.to == [complaints_officer.email] and LEFT in digest.body


def test_a_contractors_item_on_a_leavers_case_goes_to_the_officers(handler, complaints_officer):
    contractor = Contractor.objects.create(name="Damp Ltd")
    case = make_case(handler, remedies=[])
    case.outstanding_actions.update(owner_user=None, owner_contractor=contractor)
    leave(handler)
    sweep(THURSDAY)
    [sent] = mail.outbox
    assert sent.to == [complaints_officer.email] and LEFT in sent.body


def test_a_team_with_nobody_left_in_it_is_chased_through_the_officers(handler, complaints_officer):
    team = Team.objects.create(name="Repairs")
    team.members.add(handler)
    case = make_case(handler, remedies=[])
    case.outstanding_actions.update(owner_user=None, owner_team=team)
    leave(handler)
    sweep(THURSDAY)
    [sent] = mail.outbox
    assert sent.to == [complaints_officer.email]


def test_an_active_owner_is_still_chased_themselves(case, handler, complaints_officer):
    sweep(THURSDAY)
    assert {m.to[0] for m in mail.outbox} == {handler.email}
    assert not any(LEFT in m.body for m in mail.outbox)


def test_an_update_owed_on_a_leavers_action_is_a_notice_to_the_officers(
    case, handler, complaints_officer
):
    action = OutstandingAction.objects.get(complaint=case)
    agree_action_updates(action.pk, actor=handler, update_every=5)
    leave(handler)
    assert sweep(dt.date(2026, 5, 19)).written[Kind.UPDATE_DUE] == 1
    [notice] = Notification.objects.filter(kind=Kind.UPDATE_DUE)
    assert notice.recipient == complaints_officer
    assert notice.reason.endswith(LEFT)
