"""The record that the MRC or the governing body received the dashboard (9.7's evidence).

The self-assessment reads these events to show that those responsible for
complaints at board level were given the figures. One event per person per
London day is enough for that, however often the page is opened.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from redress.code.london import LONDON, london_date
from redress.code.periods import Period
from redress.record.models import Event
from redress.record.services import record_event
from redress.staff import roles

# Whose opening of the dashboard counts as the report being received.
RECEIVERS = (roles.MRC, roles.GOVERNING_BODY)
SUBJECT = ("oversight", 0)
ACTION = "report.received"


def _london_day(moment: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    start = dt.datetime.combine(london_date(moment), dt.time(), LONDON)
    following = dt.datetime.combine(start.date() + dt.timedelta(days=1), dt.time(), LONDON)
    return start, following


def record_received(user, period: Period) -> Event | None:
    """Record that `user` received the dashboard for `period`, unless they hold neither
    role or already did today (London time); returns the new event, if any."""
    if not roles.has_any(user, RECEIVERS):
        return None
    now = timezone.now()
    start, following = _london_day(now)
    with transaction.atomic():
        already = Event.objects.filter(
            subject_kind=SUBJECT[0],
            subject_id=SUBJECT[1],
            action=ACTION,
            actor=user,
            occurred_at__gte=start,
            occurred_at__lt=following,
        ).exists()
        if already:
            return None
        return record_event(
            *SUBJECT,
            ACTION,
            actor=user,
            occurred_at=now,
            payload={
                "report": "dashboard",
                "from": period.first_day.isoformat(),
                "to": period.last_day.isoformat(),
            },
        )
