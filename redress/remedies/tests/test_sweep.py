"""`redress sweep`: reminders and escalations, once a day, across a bank-holiday weekend."""

from __future__ import annotations

import pytest
from django.core import mail

from redress.cli import main
from redress.record.models import Event
from redress.remedies.models import Notice
from redress.remedies.sweep import sweep

from .conftest import HOLIDAY, THURSDAY, TUESDAY

pytestmark = pytest.mark.django_db


def test_run_twice_the_same_day_it_sends_one_reminder_each(case, handler):
    first = sweep(THURSDAY)
    second = sweep(THURSDAY)
    # One remedy and one action, due tomorrow: a reminder each, once.
    assert first.enqueued == {"reminder": 2}
    assert (second.total, second.already) == (0, 2)
    assert len(mail.outbox) == 2
    assert {m.to[0] for m in mail.outbox} == {handler.email}
    assert Notice.objects.filter(sent_at__isnull=False).count() == 2
    assert Event.objects.filter(subject_id=case.pk, action="notice_sent").count() == 2


def test_nothing_is_overdue_on_the_bank_holiday(case, complaints_officer):
    assert sweep(HOLIDAY).enqueued == {"reminder": 2}
    assert not any(complaints_officer.email in m.to for m in mail.outbox)


def test_overdue_on_the_tuesday_escalates_to_the_complaints_officer(case, complaints_officer):
    assert sweep(TUESDAY).enqueued == {"escalation": 2}
    assert all(complaints_officer.email in m.to for m in mail.outbox)
    assert mail.outbox[0].subject.startswith("Overdue")


def test_done_items_are_not_chased(case, handler):
    from redress.remedies import services

    services.complete_action(case.outstanding_actions.get().pk, actor=handler, evidence="Done")
    assert sweep(TUESDAY).enqueued == {"escalation": 1}


def test_a_team_owned_item_goes_to_each_member(case, handler, make_staff):
    from redress.staff.models import Team

    mate = make_staff("tom", "handler")
    mate.email = "tom@example.org"
    mate.save()
    team = Team.objects.create(name="Repairs")
    team.members.add(handler, mate)
    case.outstanding_actions.update(owner_user=None, owner_team=team)
    sweep(THURSDAY)
    to = sorted(address for m in mail.outbox for address in m.to)
    assert to == ["hana@example.org", "hana@example.org", "tom@example.org"]


def test_a_failing_mail_server_is_recorded(case, settings):
    settings.EMAIL_BACKEND = "redress.remedies.tests.mailers.Unreachable"
    sweep(THURSDAY)
    failed = Event.objects.filter(subject_id=case.pk, action="notice_failed")
    assert failed.count() == 2
    assert "SMTPConnectError" in failed.first().payload["reason"]
    assert not Notice.objects.filter(sent_at__isnull=False).exists()
    assert Notice.objects.exclude(failure="").count() == 2


def test_the_sweep_reads_with_a_few_queries(case, handler, django_assert_max_num_queries):
    for _ in range(5):
        from .conftest import make_case

        make_case(handler)
    Notice.objects.all().delete()
    with django_assert_max_num_queries(12):
        # Reads only (enqueueing writes are per notice): run it for a day with nothing due.
        sweep(TUESDAY.replace(month=4))


def test_the_command_runs_twice_quietly(case, capsys):
    assert main(["sweep", "--as-of", THURSDAY.isoformat()]) == 0
    assert main(["sweep", "--as-of", THURSDAY.isoformat()]) == 0
    out = capsys.readouterr()
    # Each run prints the remedies' line, then the staff notifications' (their own tests).
    assert out.out.splitlines()[::2] == [
        "enqueued 2 notices (2 reminder); 0 already sent today",
        "enqueued 0 notices (none); 2 already sent today",
    ]
    assert out.err == ""
    assert len(mail.outbox) == 2


def test_the_database_backend_queues_for_the_worker(case, settings):
    from django_tasks_db.models import DBTaskResult

    from redress.remedies.tasks import send_notice

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    sweep(THURSDAY)
    assert mail.outbox == []
    queued = DBTaskResult.objects.filter(task_path="redress.remedies.tasks.send_notice")
    assert sorted(r.args_kwargs["args"][0] for r in queued) == sorted(
        Notice.objects.values_list("pk", flat=True)
    )
    # What the worker (manage.py db_worker) does with each one:
    for row in queued:
        send_notice.call(*row.args_kwargs["args"])
    assert len(mail.outbox) == 2


def test_an_agreed_update_interval_is_chased_until_an_update_letter_goes(case, handler):
    import datetime as dt

    from redress.cases.models import OutstandingAction
    from redress.letters.services import issue_letter
    from redress.remedies.services import agree_action_updates

    action = OutstandingAction.objects.get(complaint=case)
    agree_action_updates(action.pk, actor=handler, update_every=5)
    # Responded Tue 12 May; 5 working days on is Tue 19 May: an update is due.
    due = sweep(dt.date(2026, 5, 19))
    assert due.enqueued.get("update") == 1
    issue_letter(case.reference, actor=handler, kind="action_update", delivery="post")
    action.refresh_from_db()
    assert action.last_update_on is not None  # the letter was the update
    assert "update" not in sweep(action.last_update_on).enqueued


def test_a_failing_mail_server_is_tried_again_until_the_last_try(case, settings, queued_tasks):
    import datetime as dt

    import time_machine
    from django.utils import timezone

    from redress.remedies.tasks import ATTEMPTS

    settings.EMAIL_BACKEND = "redress.remedies.tests.mailers.Unreachable"
    sweep(THURSDAY)
    started = timezone.now()
    for attempt in range(1, ATTEMPTS + 1):
        with time_machine.travel(started + dt.timedelta(hours=7 * attempt)):
            runs = queued_tasks()
        assert [r.status for r in runs] == ["FAILED", "FAILED"]  # the worker's log says why
    assert queued_tasks() == []
    failed = Event.objects.filter(subject_id=case.pk, action="notice_failed")
    assert failed.count() == 2 * ATTEMPTS
    last = [e.payload for e in failed if e.payload["attempt"] == ATTEMPTS]
    assert len(last) == 2 and all(p["next_attempt_at"] is None for p in last)
    assert not Notice.objects.filter(sent_at__isnull=False).exists()
