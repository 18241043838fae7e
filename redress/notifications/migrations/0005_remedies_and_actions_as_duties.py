"""Remedies and outstanding actions become duties of the one sweep: their kinds, and the
remedies sweep's `Notice` rows carried into notices here.

Each emailed `Notice` becomes a notice to each person holding an address it went to, with
the subject the sweep now gives its item's due date (`remedy:7:2026-05-22`; for an update
owed, `action-update:3:2026-05-19`), marked emailed when it was: so the sweep, which writes
each subject once, does not send again what went already. The remedies sweep wrote one a
day, the sweep writes one per due date: the days after the first collapse into it. A
`Notice` never sent (it failed, or its task had not run) is not carried: nothing went, and
the sweep writes what is still due; its failures stay in the record as `notice_failed`
events, as every email sent stays as a `notice_sent` event. `remedies` 0003 then drops the
table. Remedies' and actions' due dates never change once set, so the due date in force is
the one the notice was about; an update's due date is worked out from the last update and
the interval (bank holidays and closure days, as the calendar holds them now).
"""

import datetime as dt

from django.conf import settings
from django.db import migrations, models

from redress.code.calendars import calendar_for

WORDS = {"reminder": "Due soon", "escalation": "Overdue", "update": "Update due to the resident"}


def _calendar(apps):
    ClosureDay = apps.get_model("administration", "ClosureDay")
    closed = ClosureDay.objects.filter(withdrawn_at__isnull=True).values_list("date", flat=True)
    return calendar_for(settings.REDRESS_CALENDAR, [*settings.REDRESS_CLOSURE_DAYS, *closed])


def _owners(apps, item) -> set[int]:
    if item.owner_team_id:
        Team = apps.get_model("staff", "Team")
        return set(Team.members.through.objects.filter(team_id=item.owner_team_id).values_list(
            "user_id", flat=True
        ))
    if item.owner_user_id:
        return {item.owner_user_id}
    return {item.complaint.handler_id} if item.owner_contractor_id else set()


def _update_due(apps, item, is_remedy: bool, on: dt.date, calendar) -> dt.date:
    """The due date of the update a notice of `on` was about: the one in force, or (when an
    update went since) `on` itself, the latest it can have been."""
    since = item.last_update_on
    if since is None and is_remedy:
        since = item.offered_on
    if since is None:
        Stage = apps.get_model("cases", "Stage")
        stage = Stage.objects.filter(complaint_id=item.complaint_id, number=item.stage).first()
        since = stage and stage.responded_on
    due = since and item.update_every and calendar().add_working_days(since, item.update_every)
    return due if due and due <= on else on


def _kinds(notice, item, users: list[int], owners: set[int]) -> list[tuple[int, str]]:
    if notice.kind == "update":
        return [(pk, "update_due") for pk in users]
    if notice.kind == "reminder":
        kind = "remedy_due_today" if notice.on >= item.due_on else "remedy_due_soon"
        return [(pk, kind) for pk in users]
    return [(pk, "remedy_overdue" if pk in owners else "remedy_escalated") for pk in users]


def carry(apps, schema_editor):
    Notice = apps.get_model("remedies", "Notice")
    Notification = apps.get_model("notifications", "Notification")
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    sent = Notice.objects.filter(sent_at__isnull=False).select_related(
        "remedy", "action", "complaint"
    )
    by_email: dict[str, list[int]] = {}
    for pk, email in User.objects.exclude(email="").values_list("pk", "email"):
        by_email.setdefault(email, []).append(pk)
    calendar = _calendar_once(apps)
    written, seen = [], set()
    for notice in sent.order_by("sent_at", "id").iterator():
        is_remedy = notice.remedy_id is not None
        item, prefix = (notice.remedy, "remedy") if is_remedy else (notice.action, "action")
        if notice.kind == "update":
            due = _update_due(apps, item, is_remedy, notice.on, calendar)
            subject = f"{prefix}-update:{item.pk}:{due.isoformat()}"
        else:
            subject = f"{prefix}:{item.pk}:{item.due_on.isoformat()}"
        users = sorted({pk for email in notice.recipients for pk in by_email.get(email, ())})
        what = "a remedy" if is_remedy else "an outstanding action"
        reason = (
            f"{WORDS[notice.kind]}: {what} on complaint {notice.complaint.reference} "
            f'("{item.description[:80]}"), emailed on {notice.on:%d %B %Y} by the remedies '
            "sweep, before its reminders became this one's."
        )
        for pk, kind in _kinds(notice, item, users, _owners(apps, item)):
            if (pk, kind, subject) in seen:
                continue  # a later day's email of the same: the first stands for them
            seen.add((pk, kind, subject))
            written.append(
                Notification(
                    recipient_id=pk,
                    kind=kind,
                    subject=subject,
                    complaint_id=notice.complaint_id,
                    reason=reason,
                    on=notice.on,
                    created_at=notice.created_at,
                    email_state="sent",
                    sent_at=notice.sent_at,
                )
            )
    Notification.objects.bulk_create(written, batch_size=2000, ignore_conflicts=True)


def _calendar_once(apps):
    """The calendar, built only if an update's notice needs it."""
    built = []

    def calendar():
        if not built:
            built.append(_calendar(apps))
        return built[0]

    return calendar


class Migration(migrations.Migration):

    dependencies = [
        ('notifications', '0004_reply_notices'),
        ('remedies', '0002_default_bands'),
        ('cases', '0015_queue_reference_index'),
        ('staff', '0004_shared_cache_table'),
        ('administration', '0003_closure_history'),
    ]

    operations = [
        migrations.AlterField(
            model_name='notification',
            name='kind',
            field=models.CharField(choices=[('assigned', 'A complaint assigned to you'), ('due_soon', 'An acknowledgement or response due within two working days'), ('due_today', 'An acknowledgement or response due today'), ('overdue', 'An acknowledgement or response overdue on your case'), ('overdue_oversight', 'Any complaint gone overdue (officers and managers)'), ('extension', "An extension beyond the Code's limit"), ('update_due', 'An update owed to the resident at the agreed interval'), ('leaver', "A leaver's open cases, to hand on (complaints officers)"), ('support_review', 'A reasonable adjustment or restriction due for review'), ('reply', "A resident's reply on a complaint"), ('remedy_due_soon', 'A remedy or action you own due within two working days'), ('remedy_due_today', 'A remedy or action you own due today'), ('remedy_overdue', 'A remedy or action you own overdue'), ('remedy_escalated', 'Any remedy or action gone overdue (complaints officers)')], max_length=20),
        ),
        migrations.AlterField(
            model_name='preference',
            name='kind',
            field=models.CharField(choices=[('assigned', 'A complaint assigned to you'), ('due_soon', 'An acknowledgement or response due within two working days'), ('due_today', 'An acknowledgement or response due today'), ('overdue', 'An acknowledgement or response overdue on your case'), ('overdue_oversight', 'Any complaint gone overdue (officers and managers)'), ('extension', "An extension beyond the Code's limit"), ('update_due', 'An update owed to the resident at the agreed interval'), ('leaver', "A leaver's open cases, to hand on (complaints officers)"), ('support_review', 'A reasonable adjustment or restriction due for review'), ('reply', "A resident's reply on a complaint"), ('remedy_due_soon', 'A remedy or action you own due within two working days'), ('remedy_due_today', 'A remedy or action you own due today'), ('remedy_overdue', 'A remedy or action you own overdue'), ('remedy_escalated', 'Any remedy or action gone overdue (complaints officers)')], max_length=20),
        ),
        migrations.RunPython(carry, migrations.RunPython.noop),
    ]
