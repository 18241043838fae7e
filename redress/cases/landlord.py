"""The landlord's calendar and regime, from settings, built once per process."""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from redress.code.calendars import WorkingDayCalendar, calendar_for
from redress.code.regimes import Regime, regime_for
from redress.record import checks


def calendar() -> WorkingDayCalendar:
    closures = tuple(sorted(getattr(settings, "REDRESS_CLOSURE_DAYS", ())))
    return calendar_for(settings.REDRESS_CALENDAR, closures)


def regime(key: str | None = None) -> Regime:
    return regime_for(key or settings.REDRESS_REGIME)


def today() -> dt.date:
    """Today's date in London, whatever the server's clock zone."""
    return checks.today()
