"""The landlord's calendar and regime: settings plus the administrator's closure days."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from redress.administration.models import ClosureDay, DeploymentCalendar
from redress.code import calendars
from redress.code.london import london_date
from redress.code.regimes import Regime, regime_for
from redress.record import checks

_pinned: ContextVar[calendars.Calendar | None] = ContextVar("pinned_calendar", default=None)


def deployment_calendar() -> tuple[str, list[str]]:
    """The deployment's own calendar settings: its nation and closure days (ISO, sorted)."""
    days = sorted({day.isoformat() for day in getattr(settings, "REDRESS_CLOSURE_DAYS", ())})
    return settings.REDRESS_CALENDAR, days


def calendar() -> calendars.Calendar:
    """Bank holidays, less the deployment's closure days and the ClosureDay rows, with
    the history of each (see redress.code.calendars: the past stays as it was).

    Two small queries; the calendar itself is built once per distinct history.
    """
    pinned = _pinned.get()
    if pinned is not None:
        return pinned
    closures = [
        calendars.ClosureRecord(day, london_date(added), withdrawn and london_date(withdrawn))
        for day, added, withdrawn in ClosureDay.objects.values_list(
            "date", "created_at", "withdrawn_at"
        )
    ]
    return calendars.calendar_history(_deployments(), closures)


def _deployments() -> list[calendars.DeploymentCalendar]:
    """The recorded settings; a deployment whose settings changed since is refused (its
    change would otherwise apply to the past), until `migrate` records it from that day."""
    nation, days = deployment_calendar()
    recorded = [
        calendars.DeploymentCalendar(
            london_date(at), name, frozenset(map(dt.date.fromisoformat, closure_days))
        )
        for at, name, closure_days in DeploymentCalendar.objects.values_list(
            "recorded_at", "nation", "closure_days"
        )
    ]
    if not recorded:  # nothing recorded yet: the settings as they are have always applied
        return [
            calendars.DeploymentCalendar(today(), nation, frozenset(settings.REDRESS_CLOSURE_DAYS))
        ]
    latest = recorded[-1]
    if (latest.nation, sorted(d.isoformat() for d in latest.closures)) != (nation, days):
        raise ImproperlyConfigured(
            "REDRESS_CALENDAR or REDRESS_CLOSURE_DAYS changed since they were recorded; "
            "run `manage.py migrate` to record the change, which then counts from that day "
            "on (due dates already passed keep their dates)"
        )
    return recorded


@contextmanager
def pinned_calendar() -> Iterator[calendars.Calendar]:
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
