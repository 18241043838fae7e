"""The sweep's notices about due dates, across the August bank-holiday weekend of 2026,
the digest and the weekly summary, and that a sweep run twice (or killed halfway and run
again) sends nothing twice."""

from __future__ import annotations

import pytest
from django.core import mail

from redress.cases.tests.factories import by_letter
from redress.cli import main
from redress.notifications import delivery
from redress.notifications.models import Delivery, EmailState, Kind, Notification
from redress.notifications.sweep import sweep

from .conftest import (
    DUE,
    HOLIDAY,
    SUNDAY,
    THURSDAY_BEFORE,
    WEDNESDAY_AFTER,
    WEDNESDAY_BEFORE,
)

pytestmark = pytest.mark.django_db


def kinds(user) -> list[str]:
    return sorted(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def test_reminders_across_the_bank_holiday_weekend(case, handler, complaints_officer, boss):
    # Wednesday: Tuesday is three working days away (Thu, Fri, Tue): nothing yet.
    assert sweep(WEDNESDAY_BEFORE).written == {}
    # Thursday: within two working days (Friday, then Tuesday after the bank holiday).
    assert sweep(THURSDAY_BEFORE).written == {Kind.DUE_SOON: 1}
    # Sunday and the bank holiday: nothing is due today, nothing is written, no digest.
    outbox = len(mail.outbox)
    assert sweep(SUNDAY).written == {} and sweep(HOLIDAY).written == {}
    assert len(mail.outbox) == outbox
    # Tuesday: due today. Wednesday: overdue, to the handler, the officer and the manager.
    assert sweep(DUE).written == {Kind.DUE_TODAY: 1}
    assert sweep(WEDNESDAY_AFTER).written == {Kind.OVERDUE: 1, Kind.OVERDUE_OVERSIGHT: 2}
    assert kinds(handler) == ["assigned", "due_soon", "due_today", "overdue"]
    assert kinds(complaints_officer) == kinds(boss) == ["overdue_oversight"]
    reason = Notification.objects.get(recipient=boss).reason
    assert reason == (
        f"Acknowledgement on complaint {case.reference} is overdue: "
        "it was due Tuesday 1 September 2026."
    )


def test_the_daily_digest_holds_the_notices_since_the_last(case, handler):
    sweep(THURSDAY_BEFORE)
    [digest] = [m for m in mail.outbox if m.to == [handler.email]]
    assert digest.subject == "Redress: 2 notices for Thursday 27 August 2026"
    assert f"A complaint assigned to you ({case.reference})" in digest.body
    assert f"Complaint {case.reference} was assigned to you by Otto." in digest.body
    due = f"Acknowledgement on complaint {case.reference} is due by Tuesday 1 September 2026."
    assert due in digest.body
    assert "http://127.0.0.1:8000/notifications/preferences/" in digest.body
    mail.outbox.clear()
    sweep(DUE)
    [digest] = [m for m in mail.outbox if m.to == [handler.email]]
    # Only what is new since the last digest.
    assert digest.subject == "Redress: 1 notice for Tuesday 1 September 2026"
    assert "assigned" not in digest.body and "is due today" in digest.body
    assert set(Notification.objects.values_list("email_state", flat=True)) == {EmailState.SENT}


def test_a_notice_read_in_the_app_first_is_not_emailed(case, handler):
    Notification.objects.update(read_at="2026-08-25T09:00:00Z")
    sweep(WEDNESDAY_BEFORE)
    assert mail.outbox == []
    assert Notification.objects.get().email_state == EmailState.READ_FIRST


def test_the_weekly_summary_goes_on_the_first_working_day_of_the_week(
    case, handler, complaints_officer, boss
):
    from redress.cases.models import Complaint

    Complaint.objects.filter(pk=case.pk).update(next_due=HOLIDAY.replace(day=28))  # late
    # Tuesday 1 September is the week's first working day (Monday is a bank holiday).
    assert sweep(DUE).weekly == 2
    weekly = [m for m in mail.outbox if m.subject.startswith("Redress: 1 late complaint")]
    assert sorted(m.to[0] for m in weekly) == [boss.email, complaints_officer.email]
    assert weekly[0].subject == "Redress: 1 late complaint, week of 31 August 2026"
    assert "- Hana: 1 late, the oldest due 28 August 2026" in weekly[0].body
    assert f"- {case.reference}: acknowledge due 28 August 2026" in weekly[0].body
    assert sweep(DUE).weekly == 0 and sweep(WEDNESDAY_AFTER).weekly == 0


def test_run_twice_one_email_each(case, handler, complaints_officer, boss):
    first, second = sweep(WEDNESDAY_AFTER), sweep(WEDNESDAY_AFTER)
    assert first.digests == 3 and second.written == {} and second.digests == 0
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [handler.email, complaints_officer.email, boss.email]
    )


def test_a_sweep_killed_halfway_sends_nothing_twice_when_run_again(
    case, handler, complaints_officer, boss, monkeypatch
):
    real, done = delivery._digest, []

    def killed_after_the_first(*args):
        if done:
            raise RuntimeError("killed")
        done.append(real(*args))
        return done[-1]

    monkeypatch.setattr(delivery, "_digest", killed_after_the_first)
    with pytest.raises(RuntimeError):
        sweep(WEDNESDAY_AFTER)
    assert len(mail.outbox) == 1
    monkeypatch.undo()
    again = sweep(WEDNESDAY_AFTER)
    assert again.written == {} and again.digests == 2
    to = sorted(m.to[0] for m in mail.outbox)
    assert to == sorted([handler.email, complaints_officer.email, boss.email])
    assert Delivery.objects.filter(state=Delivery.State.SENT).count() == 3


def test_an_extension_beyond_the_limit_alerts_the_officer(case, handler, complaints_officer, boss):
    import datetime as dt

    from redress.cases import services

    ref = case.reference
    at = dt.datetime(2026, 9, 1, 9, 0, tzinfo=dt.UTC)
    services.accept(ref, actor=handler, occurred_at=at)
    services.acknowledge(
        ref,
        actor=handler,
        points=["Damp"],
        outcomes_sought=["Fix"],
        responsible_for_all=True,
        communication=by_letter(at),
    )
    services.extend(
        ref,
        actor=boss,
        working_days=15,
        reason="Specialist survey",
        told_resident_on=dt.date(2026, 9, 2),
    )
    [alert] = Notification.objects.filter(kind=Kind.EXTENSION)
    assert alert.recipient == complaints_officer  # not the manager who recorded it
    assert "beyond the Code's limit of 10" in alert.reason


def test_the_command_prints_what_it_did(case, boss, capsys):
    assert main(["sweep", "--as-of", WEDNESDAY_AFTER.isoformat()]) == 0
    assert main(["sweep", "--as-of", WEDNESDAY_AFTER.isoformat()]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == (
        "notified 3 (1 overdue, 2 overdue_oversight); 3 daily digests, 0 weekly summaries, "
        "0 emails handed to the worker"
    )
    assert lines[1].startswith("notified 0 (none); 0 daily digests")
    assert main(["send-notifications"]) == 0


def test_updates_at_the_interval_agreed_on_the_case(case, handler):
    """5.9: the handler is reminded when an update agreed with the resident is due and
    not yet sent; sending one moves the date on; once the response is sent, none."""
    import datetime as dt

    from redress.cases import services

    ref = case.reference
    at = dt.datetime(2026, 9, 1, 9, 0, tzinfo=dt.UTC)
    services.accept(ref, actor=handler, occurred_at=at)
    services.acknowledge(
        ref,
        actor=handler,
        points=["Damp"],
        outcomes_sought=["Fix"],
        responsible_for_all=True,
        communication=by_letter(at),
    )
    # Agreed on Tuesday 1 September: every 3 working days, so next due Friday 4 September.
    services.agree_update_interval(
        ref, actor=handler, every_working_days=3, agreed_on=dt.date(2026, 9, 1), occurred_at=at
    )

    def reminders(day):
        return sweep(day).written[Kind.UPDATE_DUE]

    assert reminders(dt.date(2026, 9, 3)) == 0
    assert reminders(dt.date(2026, 9, 4)) == 1
    assert reminders(dt.date(2026, 9, 4)) == 0  # the same due date earns one reminder
    [notice] = Notification.objects.filter(kind=Kind.UPDATE_DUE)
    assert notice.recipient == handler and notice.complaint_id == case.pk
    assert notice.reason == (
        f"The resident on complaint {ref} is owed an update today, at the interval agreed "
        "with them (every 3 working days): they prefer to hear by phone."
    )
    # A call to the resident on Friday: the next update is due three working days on.
    services.attach(
        ref,
        actor=handler,
        kind="call_note",
        direction="outgoing",
        title="Called Ms Jones",
        body="Told her the survey is booked",
        occurred_at=dt.datetime(2026, 9, 4, 15, 0, tzinfo=dt.UTC),
    )
    assert reminders(dt.date(2026, 9, 8)) == 0
    assert reminders(dt.date(2026, 9, 9)) == 1
    # An incoming email does not count as an update sent.
    services.attach(
        ref,
        actor=handler,
        kind="email",
        direction="incoming",
        title="Any news?",
        body="Is anyone coming?",
        occurred_at=dt.datetime(2026, 9, 9, 15, 0, tzinfo=dt.UTC),
    )
    case.refresh_from_db()
    assert case.update_due == dt.date(2026, 9, 9)  # still owed since Wednesday
    # An update letter, issued today, moves it on from today.
    from redress.administration import deployment
    from redress.letters.services import issue_letter

    issue_letter(
        ref, actor=handler, kind="update", delivery="post", update_text="The survey is booked."
    )
    case.refresh_from_db()
    today = deployment.today()
    assert case.update_due == deployment.calendar().add_working_days(today, 3)
    services.respond(
        ref,
        actor=handler,
        decisions=[{"point": "Damp", "decision": "upheld"}],
        reasons="The repair was missed",
        communication=by_letter(dt.datetime(2026, 9, 11, 9, 0, tzinfo=dt.UTC)),
    )
    case.refresh_from_db()
    assert (case.update_every, case.update_due) == (None, None)
