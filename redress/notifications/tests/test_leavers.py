"""No notice, reminder or digest goes to an inactive account: what was meant for someone
who has left goes to the complaints officers, saying so (issue 19, item 3)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from redress.cases import services
from redress.cases.models import Complaint
from redress.cases.tests.factories import by_letter
from redress.notifications import delivery
from redress.notifications.models import Delivery, EmailState, Kind, Notification
from redress.notifications.services import notify
from redress.notifications.sweep import sweep

from .conftest import DUE, THURSDAY_BEFORE, WEDNESDAY_AFTER

pytestmark = pytest.mark.django_db
LEFT = "It was for Hana, who has left (their account is deactivated): it comes to you instead."


def leave(user) -> None:
    user.is_active = False
    user.save()


def notices(user) -> list[tuple[str, str]]:
    found = Notification.objects.filter(recipient=user).order_by("kind")
    return list(found.values_list("kind", "reason"))


def mailed_to(user) -> list:
    return [m for m in mail.outbox if user.email in m.to]


def test_a_leavers_reminder_goes_to_the_officers_and_nothing_to_them(
    case, handler, complaints_officer, boss
):
    leave(handler)
    assert sweep(THURSDAY_BEFORE).written == {Kind.DUE_SOON: 1}
    due = f"Acknowledgement on complaint {case.reference} is due by Tuesday 1 September 2026."
    assert notices(complaints_officer) == [(Kind.DUE_SOON, f"{due} {LEFT}")]
    assert notices(boss) == []  # managers hear of lateness, not of every reminder
    # The notice of the assignment, written while they were here, is not emailed either.
    [assigned] = Notification.objects.filter(recipient=handler)
    assert (assigned.kind, assigned.email_state) == (Kind.ASSIGNED, EmailState.LEFT)
    assert mailed_to(handler) == [] and not Delivery.objects.filter(recipient=handler).exists()
    [digest] = mailed_to(complaints_officer)
    assert LEFT in digest.body


def test_a_leavers_overdue_alert_goes_to_the_officers(case, handler, complaints_officer, boss):
    leave(handler)
    assert sweep(WEDNESDAY_AFTER).written == {Kind.OVERDUE: 1, Kind.OVERDUE_OVERSIGHT: 2}
    assert [kind for kind, _ in notices(complaints_officer)] == [
        Kind.OVERDUE,
        Kind.OVERDUE_OVERSIGHT,
    ]
    assert [kind for kind, _ in notices(boss)] == [Kind.OVERDUE_OVERSIGHT]
    assert [kind for kind, _ in notices(handler)] == [Kind.ASSIGNED]  # from before they left
    assert mailed_to(handler) == []
    # The next sweep writes nothing new, to anyone.
    assert sweep(WEDNESDAY_AFTER).written == {}


def test_an_update_owed_on_a_leavers_case_goes_to_the_officers(case, handler, complaints_officer):
    at = dt.datetime(2026, 9, 1, 9, 0, tzinfo=dt.UTC)
    ref = case.reference
    services.accept(ref, actor=handler, occurred_at=at)
    services.acknowledge(
        ref,
        actor=handler,
        points=["Damp"],
        outcomes_sought=["Fix"],
        responsible_for_all=True,
        communication=by_letter(at),
    )
    services.agree_update_interval(
        ref, actor=handler, every_working_days=3, agreed_on=dt.date(2026, 9, 1), occurred_at=at
    )
    leave(handler)
    assert sweep(dt.date(2026, 9, 4)).written[Kind.UPDATE_DUE] == 1
    [(kind, reason)] = [n for n in notices(complaints_officer) if n[0] == Kind.UPDATE_DUE]
    assert reason.startswith(f"The resident on complaint {ref} is owed an update today")
    assert reason.endswith(LEFT)
    assert not Notification.objects.filter(recipient=handler, kind=Kind.UPDATE_DUE).exists()


def test_a_notice_from_the_case_pages_to_a_leaver_goes_to_the_officers(
    case, handler, complaints_officer
):
    leave(handler)
    notify([handler.pk], Kind.ASSIGNED, "reply:1", "The resident replied.", complaint=case)
    assert notices(complaints_officer) == [(Kind.ASSIGNED, f"The resident replied. {LEFT}")]
    assert not Notification.objects.filter(recipient=handler, subject="reply:1").exists()


def test_the_weekly_summary_names_a_leaver_with_late_cases(case, handler, complaints_officer):
    Complaint.objects.filter(pk=case.pk).update(next_due=dt.date(2026, 8, 28))
    leave(handler)
    sweep(DUE)
    [weekly] = [m for m in mailed_to(complaints_officer) if "late complaint" in m.subject]
    assert "- Hana (has left: reassign their cases): 1 late" in weekly.body


def test_an_email_written_before_they_left_is_not_sent(case, handler):
    written = Delivery.objects.create(
        recipient=handler, kind=Delivery.Kind.DAILY, on=DUE, subject="Redress", body="Hello"
    )
    leave(handler)
    delivery.send_delivery.enqueue(written.pk)
    written.refresh_from_db()
    assert (written.state, written.last_error) == (
        Delivery.State.ABANDONED,
        "NoAddress: the account is deactivated",
    )
    assert mail.outbox == []


def test_with_no_complaints_officer_the_managers_hear_instead(
    case, handler, complaints_officer, boss
):
    leave(handler)
    leave(complaints_officer)
    sweep(THURSDAY_BEFORE)
    due = f"Acknowledgement on complaint {case.reference} is due by Tuesday 1 September 2026."
    assert notices(boss) == [(Kind.DUE_SOON, f"{due} {LEFT}")]
