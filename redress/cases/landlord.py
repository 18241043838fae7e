"""The landlord's calendar and regime: settings plus the administrator's closure days."""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from redress.administration.models import ClosureDay
from redress.code.calendars import WorkingDayCalendar, calendar_for
from redress.code.regimes import Regime, regime_for
from redress.record import checks


def calendar() -> WorkingDayCalendar:
    """Bank holidays, less the deployment's closure days and the active ClosureDay rows.

    One small query; the calendar itself is built once per distinct set of closures.
    """
    active = ClosureDay.objects.filter(withdrawn_at__isnull=True).values_list("date", flat=True)
    closures = {*getattr(settings, "REDRESS_CLOSURE_DAYS", ()), *active}
    return calendar_for(settings.REDRESS_CALENDAR, closures)


def regime(key: str | None = None) -> Regime:
    return regime_for(key or settings.REDRESS_REGIME)


def today() -> dt.date:
    """Today's date in London, whatever the server's clock zone."""
    return checks.today()
