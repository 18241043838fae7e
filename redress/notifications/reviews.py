"""Reminders that a resident's reasonable adjustment (5.10) or contact restriction (5.14)
is due for review: who gets one, what it says, where it leads, and whether it is done.

The subject names the adjustment or restriction and its review date
(`support-review:adjustment:12:2026-12-07`), so each due date earns one reminder, and
a review, which moves the date on or ends it, is what makes it done. The reminder says
which kind and which complaint, never what the adjustment or restriction is: those
details are read with a reason (`redress.intake.support_needs`).
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.urls import reverse

from redress.cases.models import Complaint
from redress.code.stages import Status
from redress.code.support_reviews import Need
from redress.intake.reviews import MODELS, WORDS
from redress.staff.roles import COMPLAINTS_OFFICER

from .models import Kind

PREFIX = "support-review"


def subject(need: Need, pk: int, due: dt.date) -> str:
    return f"{PREFIX}:{need.value}:{pk}:{due.isoformat()}"


def _parsed(text: str) -> tuple[Need, int, dt.date] | None:
    prefix, need, pk, due = (text.split(":") + ["", "", "", ""])[:4]
    if prefix != PREFIX:
        return None
    return Need(need), int(pk), dt.date.fromisoformat(due)


def due_reviews(since: dt.date, today: dt.date) -> list[tuple[Need, int, int, dt.date]]:
    """(need, id, resident id, review date) of each one in force due from `since` to today."""
    return [
        (need, *row)
        for need, model in MODELS.items()
        for row in model.objects.filter(
            ended_on=None, review_on__gte=since, review_on__lte=today
        ).values_list("pk", "resident_id", "review_on")
    ]


def cases_for(resident_ids: set[int]) -> dict[int, tuple[int, str, int | None]]:
    """Each resident's case for a reminder: their latest open complaint (else their latest),
    as (complaint id, reference, the handler to remind: an active one of an open case)."""
    rows = (
        Complaint.objects.filter(resident_id__in=resident_ids)
        .order_by()
        .values_list(
            "resident_id",
            "pk",
            "reference",
            "status",
            "received_on",
            "handler_id",
            "handler__is_active",
        )
    )
    best: dict[int, tuple] = {}
    for resident_id, pk, reference, status, received_on, handler_id, active in rows:
        is_open = Status(status).is_open
        rank = (is_open, received_on, pk)
        if resident_id not in best or rank > best[resident_id][0]:
            handler = handler_id if is_open and active else None
            best[resident_id] = (rank, (pk, reference, handler))
    return {resident_id: case for resident_id, (_, case) in best.items()}


def officer_ids() -> list[int]:
    users = get_user_model().objects.filter(is_active=True, groups__name=COMPLAINTS_OFFICER)
    return sorted(set(users.values_list("pk", flat=True)))


def reminders(today: dt.date, since: dt.date, day_words) -> list[tuple]:
    """What to write: (recipient ids, kind, subject, reason, complaint id) for each review
    due, to the case's handler or, with none active, the complaints officers."""
    due = due_reviews(since, today)
    if not due:
        return []
    cases = cases_for({resident_id for _, _, resident_id, _ in due})
    officers = officer_ids()
    wanted = []
    for need, pk, resident_id, review_on in due:
        complaint_id, reference, handler = cases.get(resident_id, (None, "", None))
        whose = (
            f"the resident on complaint {reference}"
            if reference
            else f"resident {resident_id}, who has no complaint,"
        )
        due_words = (
            "is due for review today"
            if review_on == today
            else f"has been due for review since {day_words(review_on)}"
        )
        reason = f"A {WORDS[need]} for {whose} {due_words}."
        recipients = [handler] if handler else officers
        key = subject(need, pk, review_on)
        wanted.append((recipients, Kind.SUPPORT_REVIEW, key, reason, complaint_id))
    return wanted


def follow_ups(notices) -> None:
    """On each review reminder about a complaint: `review_url`, the page to record the review,
    while it is still due, or `review_done` once a review has moved the date or ended it."""
    parsed = {
        n.pk: _parsed(n.subject) for n in notices if n.kind == Kind.SUPPORT_REVIEW and n.complaint
    }
    now = {}
    for need, model in MODELS.items():
        ids = [found[1] for found in parsed.values() if found and found[0] == need]
        for pk, review_on, ended_on in model.objects.filter(pk__in=ids).values_list(
            "pk", "review_on", "ended_on"
        ):
            now[(need, pk)] = (review_on, ended_on)
    for notice in notices:
        found = parsed.get(notice.pk)
        if not found:
            continue
        need, pk, due = found
        review_on, ended_on = now.get((need, pk), (None, None))
        notice.review_done = ended_on is not None or review_on != due
        if not notice.review_done:
            notice.review_url = reverse(
                f"cases:review-{need.value}", args=[notice.complaint.reference, pk]
            )
