"""The landlord's calendar and regime, from settings, built once per process."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone

from redress.code.calendars import WorkingDayCalendar, calendar_for
from redress.code.london import london_date
from redress.code.regimes import Regime, regime_for


def calendar() -> WorkingDayCalendar:
    closures = tuple(sorted(getattr(settings, "REDRESS_CLOSURE_DAYS", ())))
    return calendar_for(settings.REDRESS_CALENDAR, closures)


def regime(key: str | None = None) -> Regime:
    return regime_for(key or settings.REDRESS_REGIME)


def today() -> dt.date:
    """Today's date in London, whatever the server's clock zone."""
    return london_date(timezone.now())
