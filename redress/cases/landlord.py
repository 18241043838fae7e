"""The landlord's calendar and regime: settings plus the administrator's closure days."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

from redress.administration.models import ClosureDay
from redress.code.calendars import WorkingDayCalendar, calendar_for
from redress.code.regimes import Regime, regime_for
from redress.record import checks

_pinned: ContextVar[WorkingDayCalendar | None] = ContextVar("pinned_calendar", default=None)


def calendar() -> WorkingDayCalendar:
    """Bank holidays, less the deployment's closure days and the active ClosureDay rows.

    One small query; the calendar itself is built once per distinct set of closures.
    """
    pinned = _pinned.get()
    if pinned is not None:
        return pinned
    active = ClosureDay.objects.filter(withdrawn_at__isnull=True).values_list("date", flat=True)
    closures = {*getattr(settings, "REDRESS_CLOSURE_DAYS", ()), *active}
    return calendar_for(settings.REDRESS_CALENDAR, closures)


@contextmanager
def pinned_calendar() -> Iterator[WorkingDayCalendar]:
    """Read the calendar once for a block that clocks many complaints, not once each."""
    token = _pinned.set(calendar())
    try:
        yield _pinned.get()
    finally:
        _pinned.reset(token)


def regime(key: str | None = None) -> Regime:
    return regime_for(key or settings.REDRESS_REGIME)


def today() -> dt.date:
    """Today's date in London, whatever the server's clock zone."""
    return checks.today()
