"""The generated landlord's staff, contractors and residents.

Staff and contractors are few: made with the ORM, found again by name on a later
`--append`. Residents are many: a resident's details are a pure function of the
seed and their id (a hash), so a repeat complaint finds the same name, address
and block without keeping a million residents in memory.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from redress.cases.models import Category, Contractor
from redress.staff.models import Team
from redress.staff.roles import (
    ADMINISTRATOR,
    COMPLAINTS_OFFICER,
    GOVERNING_BODY,
    HANDLER,
    MANAGER,
    MRC,
    SENIOR_LEAD,
)

from . import knobs
from .words import ADJUSTMENTS, CONTRACTORS, ESTATE_KINDS, FIRST, LAST, PLACES, RIVERS, STREETS


@dataclass(frozen=True)
class Staff:
    officer: int
    handlers: tuple[int, ...]
    managers: tuple[int, ...]
    names: dict[int, str]


def _name(index: int) -> tuple[str, str]:
    return FIRST[index * 7 % len(FIRST)], LAST[index * 11 % len(LAST)]


def ensure_staff(complaints_per_year: float) -> Staff:
    """Handlers in teams of knobs.TEAM_SIZE with a manager each, a complaints officer,
    a senior lead, the MRC, the governing body and an administrator. They sign in only
    once an administrator sets a password (none is made here)."""
    handlers = min(400, max(4, round(complaints_per_year / knobs.CASES_PER_HANDLER_YEAR)))
    teams = math.ceil(handlers / knobs.TEAM_SIZE)
    wanted = [("gen-officer", COMPLAINTS_OFFICER)]
    wanted += [(f"gen-handler-{n:03d}", HANDLER) for n in range(1, handlers + 1)]
    wanted += [(f"gen-manager-{n:02d}", MANAGER) for n in range(1, teams + 1)]
    wanted += [
        ("gen-senior-lead", SENIOR_LEAD),
        ("gen-mrc", MRC),
        ("gen-board", GOVERNING_BODY),
        ("gen-admin", ADMINISTRATOR),
    ]
    User = get_user_model()
    User.objects.bulk_create(
        [
            User(
                username=username,
                first_name=_name(index)[0],
                last_name=_name(index)[1],
                email=f"{username}@example.org",
                password=make_password(None),
            )
            for index, (username, _) in enumerate(wanted)
        ],
        ignore_conflicts=True,
    )
    users = dict(
        User.objects.filter(username__in=[u for u, _ in wanted]).values_list("username", "pk")
    )
    groups = {role: Group.objects.get_or_create(name=role)[0] for role in {r for _, r in wanted}}
    User.groups.through.objects.bulk_create(
        [User.groups.through(user_id=users[u], group=groups[r]) for u, r in wanted],
        ignore_conflicts=True,
    )
    handler_ids = [users[u] for u, r in wanted if r == HANDLER]
    manager_ids = [users[u] for u, r in wanted if r == MANAGER]
    for n, manager in enumerate(manager_ids):
        team = Team.objects.get_or_create(name=f"Complaints team {n + 1}")[0]
        members = handler_ids[n * knobs.TEAM_SIZE : (n + 1) * knobs.TEAM_SIZE]
        team.members.add(*members, manager)
    names = {users[u]: " ".join(_name(i)) for i, (u, _) in enumerate(wanted)}
    return Staff(users["gen-officer"], tuple(handler_ids), tuple(manager_ids), names)


def ensure_contractors() -> tuple[int, ...]:
    Contractor.objects.bulk_create(
        [Contractor(name=name) for name in CONTRACTORS], ignore_conflicts=True
    )
    return tuple(
        Contractor.objects.filter(name__in=CONTRACTORS, active=True).values_list("pk", flat=True)
    )


def ensure_categories() -> dict[str, int]:
    """The id of each category the generator files complaints under (knobs.CATEGORIES,
    the shipped defaults): found by name in any case, or added, active, if missing."""
    found = {}
    for name in knobs.CATEGORIES:
        category = Category.objects.filter(name__iexact=name).first()
        if category is None:
            category = Category.objects.create(name=name)
        found[name] = category.pk
    return found


_MASK = (1 << 64) - 1


def _mix(value: int) -> int:
    """splitmix64: a well-spread 64-bit hash of an integer."""
    value = (value + 0x9E3779B97F4A7C15) & _MASK
    value = ((value ^ (value >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    value = ((value ^ (value >> 27)) * 0x94D049BB133111EB) & _MASK
    return value ^ (value >> 31)


@dataclass(frozen=True)
class Resident:
    name: str
    tenure: str
    address: str
    postcode: str
    email: str
    phone: str
    tenancy_reference: str
    block: str
    estate: str
    adjustment: tuple[str, str, str] | None


_TENURES = [t for t, weight in knobs.TENURES.items() for _ in range(weight)]


def resident(seed: int, rid: int, estates: int) -> Resident:
    """Resident `rid`'s details: the same for the same seed, id and number of estates."""
    h = _mix((seed << 40) ^ rid)
    first, h = FIRST[h % len(FIRST)], h // len(FIRST)
    last, h = LAST[h % len(LAST)], h // len(LAST)
    estate_no, h = h % estates, h // estates
    street, h = STREETS[(estate_no + h % 3) % len(STREETS)], h // 3
    number, h = h % 180 + 1, h // 180
    flats, h = h % 10 < 6, h // 10
    block = f"{RIVERS[(estate_no + h % 5) % len(RIVERS)]} House" if flats else ""
    h //= 5
    tenure, h = _TENURES[h % len(_TENURES)], h // len(_TENURES)
    has_email, h = h % 100 < knobs.EMAIL * 100, h // 100
    adjusted, h = h % 1000 < knobs.ADJUSTMENT * 1000, h // 1000
    adjustment = ADJUSTMENTS[h % len(ADJUSTMENTS)] if adjusted else None
    place = PLACES[estate_no % len(PLACES)]
    kind = ESTATE_KINDS[estate_no // len(PLACES) % len(ESTATE_KINDS)]
    round_ = estate_no // (len(PLACES) * len(ESTATE_KINDS))
    estate = f"{place} {kind}" + (f" {round_ + 1}" if round_ else "")
    district = estate_no % 27 + 1
    unit = f"Flat {number % 40 + 1}, {block}, " if block else f"{number} "
    return Resident(
        name=f"{first} {last}",
        tenure=tenure,
        address=f"{unit}{street}, Leeds",
        postcode=f"LS{district} {estate_no % 9 + 1}{'ABDEFGHJ'[estate_no % 8]}"
        f"{'LNPQRSTUW'[number % 9]}",
        email=f"{first}.{last}.{rid}@example.org".lower() if has_email else "",
        phone=f"07700 9{rid % 100000:05d}",
        tenancy_reference=f"T{rid:08d}",
        block=block,
        estate=estate,
        adjustment=adjustment,
    )
