"""Remedies' and outstanding actions' dates as duties of the one sweep, around the spring bank
holiday of 2026 (issue 20, item 2): once per due date, in the daily digest, nothing on a
day that is not a working day, an overdue item escalated once, and no other sweep to run
first. Moved here from the remedies sweep's tests, whose daily emails these replace."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from redress.cases.models import OutstandingAction
from redress.cli import main
from redress.notifications.models import EmailState, Kind, Notification
from redress.notifications.sweep import remedy_notices, sweep
from redress.remedies import services
from redress.remedies.tests.conftest import DUE, HOLIDAY, THURSDAY, TUESDAY, make_case
from redress.staff.models import Team

pytestmark = pytest.mark.django_db
WEDNESDAY = TUESDAY + dt.timedelta(days=1)
DUE_SOON, DUE_TODAY = Kind.REMEDY_DUE_SOON, Kind.REMEDY_DUE_TODAY
OVERDUE, ESCALATED = Kind.REMEDY_OVERDUE, Kind.REMEDY_ESCALATED


@pytest.fixture
def case(handler):
    """Responded Tuesday 12 May 2026 with a remedy and an action, both due Friday 22 May."""
    return make_case(handler)


def written(day: dt.date) -> dict:
    """What the sweep wrote about remedies and actions that day, by kind."""
    found = sweep(day).written
    return {kind: n for kind, n in found.items() if kind.startswith("remedy_") and n}


def to(user) -> list[str]:
    return sorted(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def mailed(user) -> list:
    """The daily digests sent to this person (not the weekly summary)."""
    return [m for m in mail.outbox if m.to == [user.email] and "late complaint" not in m.subject]


def test_run_twice_the_same_day_it_reminds_once_in_one_digest(case, handler):
    assert written(THURSDAY) == {DUE_SOON: 2}
    assert written(THURSDAY) == {}
    [digest] = mailed(handler)
    assert digest.subject == "Redress: 2 notices for Thursday 21 May 2026"
    assert f'A remedy on complaint {case.reference} ("We apologise") is due by Friday 22 May' in (
        digest.body
    )
    assert f'An outstanding action on complaint {case.reference} ("Treat the damp")' in digest.body


def test_each_due_date_earns_each_reminder_once(case, handler, complaints_officer):
    """Due soon (Thursday), due today (Friday), overdue (Tuesday, after the bank holiday):
    once each, however many days the sweep runs."""
    assert written(THURSDAY) == {DUE_SOON: 2}
    assert written(DUE) == {DUE_TODAY: 2}
    assert written(DUE) == {}
    assert written(TUESDAY) == {OVERDUE: 2, ESCALATED: 2}
    assert to(handler) == [DUE_SOON, DUE_SOON, DUE_TODAY, DUE_TODAY, OVERDUE, OVERDUE]
    assert to(complaints_officer) == [ESCALATED, ESCALATED]


def test_nothing_on_the_bank_holiday(case, handler, complaints_officer):
    """The ADR's rule: no reminder, due-today notice or digest on a day that is not a working
    day. (The remedies sweep used to remind on the bank holiday and on weekends.)"""
    for day in (DUE + dt.timedelta(days=1), DUE + dt.timedelta(days=2), HOLIDAY):
        assert sweep(day).written == {}
    assert not Notification.objects.filter(kind__startswith="remedy_").exists()
    assert mail.outbox == []


def test_an_overdue_remedy_is_not_escalated_again_each_day(case, handler, complaints_officer):
    assert written(TUESDAY) == {OVERDUE: 2, ESCALATED: 2}
    for day in (WEDNESDAY, WEDNESDAY + dt.timedelta(days=1), WEDNESDAY + dt.timedelta(days=7)):
        assert written(day) == {}
    [alert] = mailed(complaints_officer)
    assert "is overdue: it was due Friday 22 May 2026." in alert.body
    assert len(mailed(handler)) == 1


def test_overdue_on_the_tuesday_escalates_to_the_complaints_officer(case, complaints_officer):
    assert written(TUESDAY) == {OVERDUE: 2, ESCALATED: 2}
    escalated = Notification.objects.filter(recipient=complaints_officer)
    assert {n.kind for n in escalated} == {ESCALATED}
    assert escalated.first().email_state == EmailState.SENT


def test_done_items_are_not_chased(case, handler):
    services.complete_action(case.outstanding_actions.get().pk, actor=handler, evidence="Done")
    assert written(TUESDAY) == {OVERDUE: 1}


def test_a_team_owned_item_goes_to_each_member(case, handler, make_staff):
    mate = make_staff("tom", "handler")
    mate.email = "tom@example.org"
    mate.save()
    team = Team.objects.create(name="Repairs")
    team.members.add(handler, mate)
    case.outstanding_actions.update(owner_user=None, owner_team=team)
    assert written(THURSDAY) == {DUE_SOON: 3}
    assert to(mate) == [DUE_SOON]
    assert sorted(m.to[0] for m in mail.outbox) == ["hana@example.org", "tom@example.org"]


def test_an_item_nobody_owns_goes_to_the_complaints_officers(case, complaints_officer):
    case.outstanding_actions.update(owner_user=None)
    written(THURSDAY)
    [notice] = Notification.objects.filter(recipient=complaints_officer)
    assert notice.kind == DUE_SOON and "Treat the damp" in notice.reason


def test_an_update_owed_needs_no_other_sweep_first(case, handler):
    """An update agreed on an action is a reminder the sweep finds itself, in the digest of
    the same run: nothing depends on another sweep having run before it that day."""
    action = OutstandingAction.objects.get(complaint=case)
    services.agree_action_updates(action.pk, actor=handler, update_every=5)
    # Responded Tue 12 May; 5 working days on is Tue 19 May: an update is due.
    day = dt.date(2026, 5, 19)
    assert sweep(day).written[Kind.UPDATE_DUE] == 1
    [notice] = Notification.objects.filter(kind=Kind.UPDATE_DUE)
    assert notice.recipient == handler and notice.subject == f"action-update:{action.pk}:{day}"
    assert notice.reason == (
        f"The resident is owed an update on an outstanding action on complaint {case.reference} "
        '("Treat the damp") today, at the interval agreed with them (every 5 working days): '
        "they prefer to hear by letter."
    )
    assert "owed an update" in mailed(handler)[0].body
    assert sweep(day + dt.timedelta(days=1)).written[Kind.UPDATE_DUE] == 0  # once per date


def test_an_agreed_update_interval_is_chased_until_an_update_letter_goes(case, handler):
    from redress.letters.services import issue_letter

    action = OutstandingAction.objects.get(complaint=case)
    services.agree_action_updates(action.pk, actor=handler, update_every=5)
    assert sweep(dt.date(2026, 5, 19)).written[Kind.UPDATE_DUE] == 1
    issue_letter(case.reference, actor=handler, kind="action_update", delivery="post")
    action.refresh_from_db()
    assert action.last_update_on is not None  # the letter was the update
    assert sweep(action.last_update_on).written[Kind.UPDATE_DUE] == 0


def test_the_sweep_reads_remedies_with_a_few_queries(case, handler, django_assert_max_num_queries):
    for _ in range(5):
        make_case(handler)
    # Reads only, however many items: the two due ranges, the officers, the calendar, the
    # two ranges with an update interval, the leavers, what was written lately, and the
    # email choices per kind.
    with django_assert_max_num_queries(9):
        assert len(remedy_notices(TUESDAY, TUESDAY + dt.timedelta(days=2))) == 12


def test_the_command_runs_twice_quietly(case, capsys):
    assert main(["sweep", "--as-of", THURSDAY.isoformat()]) == 0
    assert main(["sweep", "--as-of", THURSDAY.isoformat()]) == 0
    out = capsys.readouterr()
    assert out.out.splitlines() == [
        "notified 2 (2 remedy_due_soon); 1 daily digests, 0 weekly summaries, "
        "0 emails handed to the worker",
        "notified 0 (none); 0 daily digests, 0 weekly summaries, 0 emails handed to the worker",
    ]
    assert out.err == "" and len(mail.outbox) == 1
