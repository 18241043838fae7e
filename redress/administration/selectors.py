"""Reads for the administration pages, and the landlord's settings every page uses."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import holidays
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Prefetch, QuerySet

from redress.code.calendars import NATIONS, bank_holidays
from redress.staff.models import Team

from . import deployment
from .models import SETTINGS_PK, ClosureDay, LandlordSettings

# Cached on the request so the context processor and the views share one query.
REQUEST_ATTRIBUTE = "_redress_landlord"


@dataclass(frozen=True)
class Landlord:
    """What pages show about the landlord; contact fields are blank until an administrator
    sets them, and then the public pages use them."""

    name: str
    brand: dict[str, str]
    logo_version: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    help_text: str = ""
    jargon: tuple[str, ...] = ()
    has_contact: bool = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "has_contact", bool(self.phone or self.email or self.address))


def _from_settings() -> Landlord:
    return Landlord(name=settings.REDRESS_LANDLORD_NAME, brand=dict(settings.REDRESS_BRAND))


def landlord(request=None) -> Landlord:
    """The saved settings (without the logo's bytes), or the deployment's settings.

    With a request, the answer is kept on it: one query per request however often asked.
    """
    cached = getattr(request, REQUEST_ATTRIBUTE, None)
    if cached is not None:
        return cached
    row = LandlordSettings.objects.filter(pk=SETTINGS_PK).defer("logo").first()
    found = _from_settings() if row is None else _from_row(row)
    if request is not None:
        setattr(request, REQUEST_ATTRIBUTE, found)
    return found


def _from_row(row: LandlordSettings) -> Landlord:
    return Landlord(
        name=row.name,
        brand={"brand": row.brand, "brand_text": row.brand_text, "accent": row.accent},
        logo_version=str(int(row.updated_at.timestamp())) if row.logo_type else "",
        phone=row.phone,
        email=row.email,
        address=row.address,
        help_text=row.help_text,
        jargon=tuple(t for t in row.jargon.splitlines() if t.strip()),
    )


def logo() -> tuple[bytes, str] | None:
    """The logo's bytes and content type, if one is saved."""
    row = (
        LandlordSettings.objects.filter(pk=SETTINGS_PK)
        .exclude(logo_type="")
        .values_list("logo", "logo_type")
        .first()
    )
    return (bytes(row[0]), row[1]) if row else None


def settings_row() -> LandlordSettings | None:
    return LandlordSettings.objects.filter(pk=SETTINGS_PK).defer("logo").first()


def users() -> QuerySet:
    """Everyone, with their roles and teams fetched in two more queries, not one per row."""
    return (
        get_user_model()
        .objects.order_by("-is_active", "last_name", "first_name", "username")
        .prefetch_related("groups", Prefetch("redress_teams", queryset=Team.objects.all()))
    )


def teams() -> QuerySet[Team]:
    members = get_user_model().objects.order_by("last_name", "first_name", "username")
    return Team.objects.prefetch_related(Prefetch("members", queryset=members))


@dataclass(frozen=True)
class DayOff:
    date: dt.date
    kind: str  # "Bank holiday" or "Closure day"
    reason: str
    closure: ClosureDay | None = None  # withdrawable; None for settings and holidays


def days_off(start: dt.date) -> list[DayOff]:
    """The calendar's bank holidays and closure days in the year from `start`, by date."""
    end = _a_year_after(start)
    calendar = deployment.calendar()
    names = holidays.country_holidays(
        "GB", subdiv=NATIONS[calendar.nation], years=range(start.year, end.year + 1)
    )
    found = [
        DayOff(day, "Bank holiday", names.get(day, "Bank holiday"))
        for day in bank_holidays(calendar.nation)
        if start <= day < end
    ]
    closures = {
        c.date: c
        for c in ClosureDay.objects.filter(withdrawn_at__isnull=True, date__gte=start, date__lt=end)
    }
    found += [DayOff(c.date, "Closure day", c.reason, c) for c in closures.values()]
    found += [
        DayOff(day, "Closure day", "Set in the deployment's settings (REDRESS_CLOSURE_DAYS)")
        for day in calendar.closures
        if start <= day < end and day not in closures
    ]
    return sorted(found, key=lambda d: (d.date, d.kind))


def past_closures(today: dt.date) -> QuerySet[ClosureDay]:
    """Closure days whose date has passed, withdrawn or not, the latest first, with who
    added and withdrew them: the record of the calendar's past, and any late changes."""
    return (
        ClosureDay.objects.filter(date__lt=today)
        .select_related("added_by", "withdrawn_by")
        .order_by("-date", "-id")
    )


def _a_year_after(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return dt.date(day.year + 1, 3, 1)
