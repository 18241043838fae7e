"""The administrator's commands: one transaction each, each writing an event.

Users are never deleted (the record names them as actors): they are deactivated.
An administrator cannot deactivate themselves or give up their own administrator
role, so there is always someone left who can administer.
"""

from __future__ import annotations

import datetime as dt
import re

from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from redress.code.calendars import CalendarError, calendar_for
from redress.code.london import long_date
from redress.record.checks import storable_text
from redress.record.errors import Forbidden, NotFound, Refused
from redress.record.services import record_event
from redress.staff.models import Team
from redress.staff.roles import ADMINISTRATOR, ALL, administers

from . import colours, deployment, ports
from .models import SETTINGS_PK, ClosureDay, DeploymentCalendar, LandlordSettings

# Open complaints are re-clocked in batches of this many rows.
MAX_LOGO_BYTES = 200 * 1024
REASON_LENGTH = ClosureDay._meta.get_field("reason").max_length
LOGO_TYPES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}


# --- users and teams ----------------------------------------------------------


def _teams(team_ids) -> list[Team]:
    ids = {int(i) for i in team_ids}
    teams = list(Team.objects.filter(pk__in=ids))
    if len(teams) != len(ids):
        raise Refused("choose teams from the list", field="teams")
    return teams


def _check_roles(roles) -> list[str]:
    unknown = set(roles) - set(ALL)
    if unknown:
        raise Refused(f"no such role: {', '.join(sorted(unknown))}", field="roles")
    return [r for r in ALL if r in roles]


def _set_roles_and_teams(user, roles: list[str], teams: list[Team]) -> None:
    user.groups.set([Group.objects.get_or_create(name=role)[0] for role in roles])
    user.redress_teams.set(teams)
    user.__dict__.pop("_redress_roles", None)


def _lock_user(user_id: int):
    try:
        return get_user_model().objects.select_for_update().get(pk=user_id)
    except get_user_model().DoesNotExist:
        raise NotFound(f"no user {user_id}", field="user") from None


@transaction.atomic
def create_user(
    *,
    actor,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    password: str,
    roles=(),
    teams=(),
):
    """A staff account with a temporary password (checked by Django's validators)."""
    User = get_user_model()
    username = username.strip()
    if User.objects.filter(username__iexact=username).exists():
        raise Refused(f"the username {username!r} is already taken", field="username")
    roles, chosen = _check_roles(roles), _teams(teams)
    user = User(username=username, first_name=first_name, last_name=last_name, email=email)
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        raise Refused(" ".join(error.messages), field="password") from None
    user.set_password(password)
    user.save()
    _set_roles_and_teams(user, roles, chosen)
    record_event(
        "user",
        user.pk,
        "created",
        actor=actor,
        payload=_user_payload(user, roles, chosen),
    )
    return user


@transaction.atomic
def edit_user(
    user_id: int, *, actor, first_name: str, last_name: str, email: str, roles=(), teams=()
):
    user = _lock_user(user_id)
    roles, chosen = _check_roles(roles), _teams(teams)
    if user.pk == actor.pk and ADMINISTRATOR not in roles:
        raise Refused("you cannot remove your own administrator role", field="roles")
    user.first_name, user.last_name, user.email = first_name, last_name, email
    user.save(update_fields=["first_name", "last_name", "email"])
    _set_roles_and_teams(user, roles, chosen)
    record_event("user", user.pk, "edited", actor=actor, payload=_user_payload(user, roles, chosen))
    return user


@transaction.atomic
def set_active(
    user_id: int,
    *,
    actor,
    active: bool,
    hand_to: int | None = None,
    leave_for_officers: bool = False,
):
    """Deactivate (they can no longer sign in) or reactivate; never delete.

    Someone who still handles open complaints, or owns open remedies or outstanding
    actions, is deactivated only once that work is handed on (`leavers`): all of it to
    `hand_to`, or, with `leave_for_officers`, listed for the complaints officers.
    """
    user = _lock_user(user_id)
    if user.pk == actor.pk and not active:
        raise Refused("you cannot deactivate yourself", field="user")
    if user.is_active == active:
        state = "active" if active else "deactivated"
        raise Refused(f"{user.get_username()} is already {state}", field="user")
    user.is_active = active
    user.save(update_fields=["is_active"])
    payload = {"username": user.username}
    if not active:
        payload |= ports.leavers().hand_on(
            user, actor=actor, hand_to=hand_to, leave=leave_for_officers
        )
    action = "reactivated" if active else "deactivated"
    event = record_event("user", user.pk, action, actor=actor, payload=payload)
    if payload.get("left_for_officers"):
        ports.leavers().tell_officers(user, event)
    return user


def _user_payload(user, roles: list[str], teams: list[Team]) -> dict:
    return {
        "username": user.username,
        "name": user.get_full_name(),
        "email": user.email,
        "roles": roles,
        "teams": sorted(t.name for t in teams),
    }


@transaction.atomic
def create_team(*, actor, name: str) -> Team:
    name = name.strip()
    if not name:
        raise Refused("enter the team's name", field="name")
    if Team.objects.filter(name__iexact=name).exists():
        raise Refused(f"there is already a team called {name!r}", field="name")
    team = Team.objects.create(name=name)
    record_event("team", team.pk, "created", actor=actor, payload={"name": name})
    return team


# --- the calendar -------------------------------------------------------------


def _reason(text: str, field: str, what: str) -> str:
    """The text of a closure's reason, fitting its column (200 characters)."""
    text = storable_text(text, field, what=what).strip()
    if len(text) > REASON_LENGTH:
        raise Refused(f"{what} must be {REASON_LENGTH} characters or fewer", field=field)
    return text


def _passed(day: dt.date, *, actor, reason: str, doing: str, field: str) -> str:
    """For a date already passed: only an administrator, with a reason, may do it.

    Returns the reason to keep (none for a date still to come)."""
    if day >= deployment.today():
        return ""
    if not administers(actor):
        raise Forbidden(
            f"only an administrator can {doing} a closure day for a date that has passed",
            field="date",
            rule="the past stays as it was",
        )
    reason = _reason(reason, field, "the reason")
    if not reason:
        raise Refused(f"{long_date(day)} has passed: enter why you {doing} it now", field=field)
    return reason


@transaction.atomic
def add_closure_day(*, actor, date: dt.date, reason: str, late_reason: str = "") -> ClosureDay:
    """A day the office is closed, counting from today: it moves the due dates not yet
    passed. One for a date already passed needs an administrator and a reason."""
    reason = _reason(reason, "reason", "the reason")
    if not reason:
        raise Refused("enter the reason the office is closed", field="reason")
    try:
        deployment.calendar().is_working_day(date)
    except CalendarError as error:
        raise Refused(str(error), field="date") from None
    late_reason = _passed(date, actor=actor, reason=late_reason, doing="add", field="late_reason")
    if ClosureDay.objects.select_for_update().filter(date=date, withdrawn_at__isnull=True).exists():
        raise Refused(f"{long_date(date)} is already a closure day", field="date")
    day = ClosureDay.objects.create(
        date=date, reason=reason, added_by=_user(actor), late_reason=late_reason
    )
    moved = ports.reclock_open_complaints()
    payload = {"date": date, "reason": reason, "complaints_moved": moved}
    record_event(
        "closure",
        day.pk,
        "added",
        actor=actor,
        payload={**payload, "late_reason": late_reason} if late_reason else payload,
    )
    return day


@transaction.atomic
def withdraw_closure_day(closure_id: int, *, actor, reason: str = "") -> ClosureDay:
    """The office opens after all: due dates not yet passed move back. Withdrawing one
    for a date already passed needs an administrator and a reason."""
    day = ClosureDay.objects.select_for_update().filter(pk=closure_id).first()
    if day is None:
        raise NotFound(f"no closure day {closure_id}", field="closure")
    if day.withdrawn_at is not None:
        raise Refused(f"the closure on {long_date(day.date)} is already withdrawn", field="closure")
    day.withdrawal_reason = _passed(
        day.date, actor=actor, reason=reason, doing="withdraw", field="reason"
    )
    day.withdrawn_at, day.withdrawn_by = timezone.now(), _user(actor)
    day.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason"])
    moved = ports.reclock_open_complaints()
    payload = {"date": day.date, "complaints_moved": moved}
    if day.withdrawal_reason:
        payload["reason"] = day.withdrawal_reason
    record_event("closure", day.pk, "withdrawn", actor=actor, payload=payload)
    return day


def _user(actor):
    return actor if getattr(actor, "pk", None) else None


def record_deployment_calendar() -> DeploymentCalendar | None:
    """Record the deployment's calendar settings when they differ from the last recorded
    (migrate calls this): the change counts from today, never for due dates passed."""
    nation, days = deployment.deployment_calendar()
    with transaction.atomic():
        latest = DeploymentCalendar.objects.select_for_update().last()
        if latest is not None and (latest.nation, latest.closure_days) == (nation, days):
            return None
        calendar_for(nation)  # an unknown nation is refused here, not at the first clock
        row = DeploymentCalendar.objects.create(nation=nation, closure_days=days)
        deployment.forget_recorded_deployments()
        if latest is None:
            return row  # the first record: what has always applied, not a change
        record_event(
            "landlord",
            SETTINGS_PK,
            "calendar_settings_recorded",
            actor_label="the deployment's settings, at migrate",
            payload={
                "before": {"nation": latest.nation, "days": latest.closure_days},
                "after": {"nation": nation, "days": days},
                "complaints_moved": ports.reclock_open_complaints(),
            },
        )
    return row


# --- the landlord's settings --------------------------------------------------


def logo_type(content: bytes) -> str:
    """The content type its first bytes say it is (never its name), or Refused."""
    for magic, content_type in LOGO_TYPES.items():
        if content.startswith(magic):
            return content_type
    raise Refused("the logo must be a PNG or JPEG image", field="logo")


@transaction.atomic
def save_landlord_settings(
    *,
    actor,
    name: str,
    brand: str,
    brand_text: str,
    accent: str,
    phone: str = "",
    email: str = "",
    address: str = "",
    help_text: str = "",
    jargon: str = "",
    logo: bytes | None = None,
    remove_logo: bool = False,
) -> LandlordSettings:
    """Save the one settings row; a logo of None keeps the current one."""
    name = name.strip()
    if not name:
        raise Refused("enter the landlord's name", field="name")
    for field, value in (("brand", brand), ("brand_text", brand_text), ("accent", accent)):
        if not re.fullmatch(r"#[0-9a-fA-F]{6}", value or ""):
            raise Refused("enter a colour as # and six hex digits, like #1d4f6b", field=field)
    ratio = colours.contrast(brand_text, brand)
    if ratio < colours.AA_TEXT:
        raise Refused(
            f"the brand text colour has a contrast of {ratio:.2f}:1 on the brand colour; "
            f"it needs at least {colours.AA_TEXT}:1",
            field="brand_text",
        )
    row = LandlordSettings.objects.select_for_update().filter(pk=SETTINGS_PK).first()
    row = row or LandlordSettings(pk=SETTINGS_PK)
    row.name, row.phone, row.email = name, phone.strip(), email.strip()
    row.brand, row.brand_text, row.accent = brand.lower(), brand_text.lower(), accent.lower()
    row.address, row.help_text = address.strip(), help_text.strip()
    row.jargon = "\n".join(t.strip() for t in jargon.splitlines() if t.strip())
    if logo is not None:
        if len(logo) > MAX_LOGO_BYTES:
            raise Refused("the logo must be 200 KB or smaller", field="logo")
        row.logo, row.logo_type = logo, logo_type(logo)
    elif remove_logo:
        row.logo, row.logo_type = b"", ""
    row.save()
    payload = {
        "name": row.name,
        "colours": {"brand": row.brand, "brand_text": row.brand_text, "accent": row.accent},
        "phone": row.phone,
        "email": row.email,
        "address": row.address,
        "help_text": row.help_text,
        "jargon": row.jargon,
        "logo": "replaced" if logo is not None else "removed" if remove_logo else "unchanged",
    }
    record_event("landlord", SETTINGS_PK, "settings_saved", actor=actor, payload=payload)
    return row
