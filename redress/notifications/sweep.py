"""The notices `redress sweep` writes about complaints', remedies' and outstanding actions'
dates, then the day's emails: the one sweep, so nothing depends on what ran before it.

Cheap at a million complaints: the due and overdue duties come from one range read
of the work queue's index (`next_due` within a window: from LOOKBACK_DAYS ago to two
working days ahead) and of the open remedies' and actions' `due_on` indexes over the same
window, the notices already written from one read of the `on` index,
and the new ones go in with a bulk insert that skips any the unique key already
holds. Nothing is "due today" on a day that is not a working day, and no digest goes
on one: on those days the sweep only hands the worker any emails due a retry.

Each duty earns each notice once: its subject names the duty and its due date.
An overdue alert goes once to the handler and once to every complaints officer and
manager (an overdue remedy or action: to its owner and the complaints officers); the
weekly summary keeps listing what stays late. Nothing goes to an inactive
account: what was meant for someone who has left goes to the complaints officers.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from redress.administration import deployment
from redress.cases.models import Complaint
from redress.code.london import long_date
from redress.code.remedies import DUE_SOON_WORKING_DAYS

from . import delivery, remedy_duties, reviews
from .channels import preferred_channel
from .models import Kind, Notification
from .services import build, email_refused, instead_of_leavers, oversight_ids, save_new

# How far back an overdue date is still news: a sweep that missed a few days catches up;
# older lateness is the weekly summary's (and the work queue's) to show.
LOOKBACK_DAYS = 14
DUTY_WORDS = {"acknowledge": "Acknowledgement", "respond": "Response"}


@dataclass
class Result:
    written: Counter = field(default_factory=Counter)
    digests: int = 0
    weekly: int = 0
    handed: int = 0


def _day(day: dt.date) -> str:
    return f"{day:%A} {long_date(day)}"


def duty_notices(today: dt.date, soon_until: dt.date) -> list[Notification]:
    """Reminders (due soon, due today) and overdue alerts for complaints' next duties."""
    rows = (
        Complaint.objects.filter(
            next_due__gte=today - dt.timedelta(days=LOOKBACK_DAYS), next_due__lte=soon_until
        )
        .order_by()
        .values_list("pk", "reference", "handler_id", "next_due", "next_action")
    )
    oversight = oversight_ids()
    wanted: list[tuple] = []  # (recipient ids, kind, subject, reason, complaint id)
    for pk, reference, handler_id, due, action in rows:
        what = DUTY_WORDS.get(action, action.capitalize())
        subject = f"{action}:{pk}:{due.isoformat()}"
        handler = [handler_id] if handler_id else []
        if due < today:
            reason = f"{what} on complaint {reference} is overdue: it was due {_day(due)}."
            wanted.append((handler, Kind.OVERDUE, subject, reason, pk))
            others = [u for u in oversight if u != handler_id]
            wanted.append((others, Kind.OVERDUE_OVERSIGHT, subject, reason, pk))
        elif due == today:
            reason = f"{what} on complaint {reference} is due today."
            wanted.append((handler, Kind.DUE_TODAY, subject, reason, pk))
        else:
            reason = f"{what} on complaint {reference} is due by {_day(due)}."
            wanted.append((handler, Kind.DUE_SOON, subject, reason, pk))
    return _unwritten(wanted, today)


def remedy_notices(today: dt.date, soon_until: dt.date) -> list[Notification]:
    """Reminders and escalations of remedies' and outstanding actions' due dates, and of the
    updates owed to residents on them (`remedy_duties`), once per due date."""
    since = today - dt.timedelta(days=LOOKBACK_DAYS)
    wanted = remedy_duties.due_dates(today, since, soon_until, _day)
    return _unwritten(wanted + remedy_duties.updates(today, since, _day), today)


def case_update_notices(today: dt.date) -> list[Notification]:
    """Reminders of the updates due to residents at the interval agreed on the case (5.9):
    to the handler (or, with none, the complaints officers and managers), once per due
    date. Sending the resident a letter, email or call moves the date on, so a reminder
    goes only when the update is due and not yet sent."""
    complaints = Complaint.objects.filter(
        update_due__gte=today - dt.timedelta(days=LOOKBACK_DAYS), update_due__lte=today
    ).select_related("resident", "representative")
    oversight = None
    wanted = []
    for complaint in complaints:
        due = complaint.update_due
        when = "today" if due == today else f"since {_day(due)}"
        reason = (
            f"The resident on complaint {complaint.reference} is owed an update {when}, at "
            f"the interval agreed with them (every {complaint.update_every} working days): "
            f"they prefer to hear {preferred_channel(complaint)}."
        )
        if complaint.handler_id:
            recipients = [complaint.handler_id]
        else:  # read once, and only when an unassigned complaint needs them
            if oversight is None:
                oversight = oversight_ids()
            recipients = oversight
        subject = f"case-update:{complaint.pk}:{due.isoformat()}"
        wanted.append((recipients, Kind.UPDATE_DUE, subject, reason, complaint.pk))
    return _unwritten(wanted, today)


def review_notices(today: dt.date) -> list[Notification]:
    """Reminders of the adjustments and restrictions due for review (5.10, 5.14), once per
    review date, to the case's handler or the complaints officers (`reviews.reminders`)."""
    since = today - dt.timedelta(days=LOOKBACK_DAYS)
    return _unwritten(reviews.reminders(today, since, _day), today)


def _unwritten(wanted: list[tuple], today: dt.date) -> list[Notification]:
    wanted = instead_of_leavers(wanted)
    kinds = {kind for _, kind, *_ in wanted}
    if not kinds:
        return []
    since = today - dt.timedelta(days=LOOKBACK_DAYS + 7)
    known = set(
        Notification.objects.filter(on__gte=since, kind__in=kinds).values_list(
            "recipient_id", "kind", "subject"
        )
    )
    recipients = {pk for ids, *_ in wanted for pk in ids}
    refused = {kind: email_refused(kind, recipients) for kind in kinds}
    fresh = []
    for ids, kind, subject, reason, complaint_id in wanted:
        new = [pk for pk in ids if (pk, kind, subject) not in known]
        fresh += build(
            new, kind, subject, reason, complaint_id=complaint_id, on=today, refused=refused[kind]
        )
    return fresh


def sweep(today: dt.date | None = None) -> Result:
    """Write today's notices, the digests and (first working day of the week) the summary,
    then hand the worker every email due a try."""
    today = today or deployment.today()
    calendar = deployment.calendar()
    result = Result()
    if calendar.is_working_day(today):
        soon_until = calendar.add_working_days(today, DUE_SOON_WORKING_DAYS)
        for fresh in (
            duty_notices(today, soon_until),
            remedy_notices(today, soon_until),
            case_update_notices(today),
            review_notices(today),
        ):
            save_new(fresh)
            result.written.update(n.kind for n in fresh)
        result.digests = delivery.daily_digests(today)
        if delivery.first_working_day_of_week(calendar, today):
            result.weekly = delivery.weekly_summaries(today)
    result.handed = delivery.send_due()
    return result
