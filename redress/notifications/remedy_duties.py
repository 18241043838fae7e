"""Remedies (7.1) and outstanding actions as duties of the sweep: what to write about their
due dates and about the updates owed to residents on them (5.9).

The same rules as a complaint's duties: the subject names the item and its due date
(`remedy:7:2026-05-22`, `action-update:3:2026-05-19`), so each date earns a reminder
once, an overdue item is escalated once, and a date moved on earns new ones. The owner
is reminded (a team's active members; for a contractor's item, the case's handler), or the
complaints officers when nobody owns it; an overdue item is escalated to the complaints
officers too. The items are read through `redress.remedies.selectors`.
"""

from __future__ import annotations

import datetime as dt

from redress.cases.models import Complaint
from redress.remedies.selectors import Dated, dated_items, updates_owed

from .channels import preferred_channel
from .models import Kind
from .services import officer_ids

WHAT = {"remedy": "a remedy", "action": "an outstanding action"}
LONGEST = 80  # characters of the item's description quoted in the notice


def _named(item: Dated) -> str:
    words = " ".join(item.description.split())
    if len(words) > LONGEST:
        words = words[: LONGEST - 1].rstrip() + "…"
    return f'{WHAT[item.kind]} on complaint {item.reference} ("{words}")'


def _opening(item: Dated) -> str:
    named = _named(item)
    return named[0].upper() + named[1:]


def due_dates(today: dt.date, since: dt.date, until: dt.date, day_words) -> list[tuple]:
    """(recipient ids, kind, subject, reason, complaint id) for each open item due from
    `since` to `until`: due soon or today to its owner; overdue to its owner, and escalated
    to the complaints officers."""
    items = dated_items(since, until)
    officers = officer_ids() if items else []
    wanted = []
    for item in items:
        owners = list(item.owners)
        subject = f"{item.kind}:{item.pk}:{item.due.isoformat()}"
        if item.due < today:
            reason = f"{_opening(item)} is overdue: it was due {day_words(item.due)}."
            wanted.append((owners, Kind.REMEDY_OVERDUE, subject, reason, item.complaint_id))
            others = [pk for pk in officers if pk not in owners]
            wanted.append((others, Kind.REMEDY_ESCALATED, subject, reason, item.complaint_id))
            continue
        if item.due == today:
            kind, reason = Kind.REMEDY_DUE_TODAY, f"{_opening(item)} is due today."
        else:
            kind, reason = (
                Kind.REMEDY_DUE_SOON,
                f"{_opening(item)} is due by {day_words(item.due)}.",
            )
        wanted.append((owners or officers, kind, subject, reason, item.complaint_id))
    return wanted


def updates(today: dt.date, since: dt.date, day_words) -> list[tuple]:
    """(recipient ids, kind, subject, reason, complaint id) for each update owed to a
    resident on an item, due from `since` to today, to its owner (or the complaints
    officers), saying how the resident prefers to hear."""
    items = updates_owed(since, today)
    if not items:
        return []
    complaints = Complaint.objects.select_related("resident", "representative").in_bulk(
        {item.complaint_id for item in items}
    )
    officers = officer_ids()
    wanted = []
    for item in items:
        when = "today" if item.due == today else f"since {day_words(item.due)}"
        reason = (
            f"The resident is owed an update on {_named(item)} "
            f"{when}, at the interval agreed with them (every {item.every} working days): "
            f"they prefer to hear {preferred_channel(complaints[item.complaint_id])}."
        )
        subject = f"{item.kind}-update:{item.pk}:{item.due.isoformat()}"
        recipients = list(item.owners) or officers
        wanted.append((recipients, Kind.UPDATE_DUE, subject, reason, item.complaint_id))
    return wanted
