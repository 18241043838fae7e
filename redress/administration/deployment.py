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

    One small query (the recorded deployment settings are read once per process); the
    calendar itself is built once per distinct history.
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


# The recorded deployment settings, read once per process for the settings it runs with:
# only `migrate` records them (and forgets this), and app servers restart after it.
_recorded: dict[tuple[str, tuple[str, ...]], list[calendars.DeploymentCalendar]] = {}


def _deployments() -> list[calendars.DeploymentCalendar]:
    nation, days = deployment_calendar()
    key = (nation, tuple(days))
    found = _recorded.get(key)
    if found is None:
        found = _read_deployments(nation, days)
        _recorded.clear()
        _recorded[key] = found
    return found


def forget_recorded_deployments() -> None:
    """After recording a change, or when a test changes the settings."""
    _recorded.clear()


def _read_deployments(nation: str, days: list[str]) -> list[calendars.DeploymentCalendar]:
    """The recorded settings; a deployment whose settings changed since is refused (its
    change would otherwise apply to the past), until `migrate` records it from that day."""
    recorded = [
        calendars.DeploymentCalendar(
            london_date(at), name, frozenset(map(dt.date.fromisoformat, closure_days))
        )
        for at, name, closure_days in DeploymentCalendar.objects.values_list(
            "recorded_at", "nation", "closure_days"
        )
    ]
    if not recorded:  # nothing recorded yet: the settings as they are have always applied
        closures = frozenset(map(dt.date.fromisoformat, days))
        return [calendars.DeploymentCalendar(today(), nation, closures)]
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
