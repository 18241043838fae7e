"""The remedies sweep's `Notice` rows, carried into notices (notifications 0005) before the
table goes (remedies 0003): what was emailed is not emailed again by the one sweep.

The test migrates back to before them, writes the rows the remedies sweep wrote (a reminder
on two days, an escalation on two, an update owed, one that failed), migrates forward,
reads what became of them, and runs the sweep."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from redress.staff.roles import COMPLAINTS_OFFICER

BEFORE = [("notifications", "0004_reply_notices"), ("remedies", "0002_default_bands")]
AFTER = [("remedies", "0003_notices_carried_into_notifications")]
THURSDAY, FRIDAY = dt.date(2026, 5, 21), dt.date(2026, 5, 22)
TUESDAY, WEDNESDAY = dt.date(2026, 5, 26), dt.date(2026, 5, 27)
SENT = dt.datetime(2026, 5, 21, 7, 5, tzinfo=dt.UTC)

pytestmark = pytest.mark.django_db(transaction=True)


def every_other_app_as_it_is(targets):
    """The targets, and every other app at its latest: the state the models here need."""
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    apps = {app for app, _ in targets}
    return targets + [leaf for leaf in leaves if leaf[0] not in apps]


@pytest.fixture
def at_the_old_schema(migrated):
    return migrated(every_other_app_as_it_is(BEFORE))


def test_emailed_notices_are_carried_and_not_sent_again(at_the_old_schema, migrated):
    apps = at_the_old_schema
    User = apps.get_model("auth", "User")
    Group = apps.get_model("auth", "Group")
    Complaint = apps.get_model("cases", "Complaint")
    Remedy = apps.get_model("remedies", "Remedy")
    Action = apps.get_model("cases", "OutstandingAction")
    Notice = apps.get_model("remedies", "Notice")
    hana = User.objects.create(username="hana", email="hana@example.org")
    otto = User.objects.create(username="otto", email="otto@example.org")
    otto.groups.add(Group.objects.get_or_create(name=COMPLAINTS_OFFICER)[0])
    complaint = Complaint.objects.create(
        reference="CMP-MIG-2", received_on=dt.date(2026, 5, 1), status="stage1_responded"
    )
    remedy = Remedy.objects.create(
        complaint=complaint,
        stage=1,
        kind="apology",
        description="We apologise",
        owner_user=hana,
        due_on=FRIDAY,
        offered_on=dt.date(2026, 5, 12),
    )
    action = Action.objects.create(
        complaint=complaint,
        stage=1,
        description="Treat the damp",
        owner_user=hana,
        due_on=dt.date(2026, 6, 30),
        update_every=5,
        last_update_on=dt.date(2026, 5, 12),
    )

    def notice(kind, on, recipients, item=remedy, **more):
        which = {"remedy": item} if item is remedy else {"action": item}
        more.setdefault("sent_at", SENT + (on - THURSDAY))
        return Notice.objects.create(
            complaint=complaint, kind=kind, on=on, recipients=recipients, **which, **more
        )

    notice("reminder", THURSDAY, ["hana@example.org"])
    notice("reminder", FRIDAY, ["hana@example.org"])
    notice("escalation", TUESDAY, ["hana@example.org", "otto@example.org"])
    notice("escalation", WEDNESDAY, ["hana@example.org", "otto@example.org"])
    # Tue 12 May and 5 working days: owed since Tue 19 May.
    notice("update", dt.date(2026, 5, 20), ["hana@example.org"], item=action)
    notice("reminder", dt.date(2026, 5, 20), ["gone@example.org"])  # nobody holds it now
    failed = notice("escalation", WEDNESDAY, ["hana@example.org"], item=action, sent_at=None)
    failed.failure = "SMTPConnectError: (421, 'unavailable')"
    failed.save()

    apps = migrated(every_other_app_as_it_is(AFTER))

    Notification = apps.get_model("notifications", "Notification")
    carried = sorted(
        Notification.objects.values_list("recipient__username", "kind", "subject", "on")
    )
    on_remedy = f"remedy:{remedy.pk}:2026-05-22"
    assert carried == [
        ("hana", "remedy_due_soon", on_remedy, THURSDAY),
        ("hana", "remedy_due_today", on_remedy, FRIDAY),
        ("hana", "remedy_overdue", on_remedy, TUESDAY),  # Wednesday's: the same, not again
        ("hana", "update_due", f"action-update:{action.pk}:2026-05-19", dt.date(2026, 5, 20)),
        ("otto", "remedy_escalated", on_remedy, TUESDAY),
    ]
    first = Notification.objects.get(kind="remedy_due_soon")
    assert (first.email_state, first.sent_at) == ("sent", SENT)
    assert first.reason == (
        'Due soon: a remedy on complaint CMP-MIG-2 ("We apologise"), emailed on 21 May 2026 '
        "by the remedies sweep, before its reminders became this one's."
    )
    assert "remedies_notice" not in connection.introspection.table_names()

    # The one sweep, the day after: nothing about the remedy or the update goes again.
    from redress.notifications.sweep import remedy_notices

    fresh = remedy_notices(dt.date(2026, 5, 28), dt.date(2026, 6, 1))
    assert [(n.kind, n.subject) for n in fresh] == []
