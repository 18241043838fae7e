"""Reads: a complaint's remedies and actions, and every open item a case worker may see."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from redress.administration import deployment
from redress.cases.access import visible_complaints
from redress.cases.models import OutstandingAction, Stage
from redress.code.calendars import WorkingDayCalendar
from redress.code.london import long_date
from redress.code.remedies import (
    outside_band_warning,
    suggest_band,
    update_due_on,
    working_days_overdue,
)
from redress.code.stages import Status
from redress.staff.models import Team

from .models import OPEN_STATUSES, Remedy, RemedyBand, RemedyKind, RemedyStatus

OWNER_FIELDS = ("owner_team", "owner_user", "owner_contractor")
STATUS_WORDS = {
    RemedyStatus.OFFERED: "Offered",
    RemedyStatus.ACCEPTED: "Accepted",
    RemedyStatus.DECLINED: "Declined",
    RemedyStatus.COMPLETED: "Done",
}


def owner_label(item) -> str:
    if item.owner_team_id:
        return f"{item.owner_team.name} (team)"
    if item.owner_user_id:
        user = item.owner_user
        return user.get_full_name() or user.get_username()
    if item.owner_contractor_id:
        return f"{item.owner_contractor.name} (contractor)"
    return "No owner"


def remedies_by_stage(complaint) -> dict[int, list[Remedy]]:
    """The complaint's remedies, by the stage they were offered at."""
    found: dict[int, list[Remedy]] = {}
    for remedy in Remedy.objects.filter(complaint=complaint).order_by("offered_on", "id"):
        found.setdefault(remedy.stage, []).append(remedy)
    return found


@dataclass(frozen=True)
class Item:
    """A remedy or an outstanding action, as the pages list them."""

    kind: str  # "remedy" or "action"
    pk: int
    reference: str
    closed: bool
    what: str
    description: str
    owner: str
    due_on: dt.date | None
    status: str
    is_open: bool
    days_overdue: int
    completed_on: dt.date | None
    evidence: str
    amount: object = None
    band: str = ""
    warning: str = ""
    may_accept: bool = False

    @property
    def sort_key(self):
        return (self.due_on or dt.date.max, self.kind, self.pk)


def _overdue(calendar: WorkingDayCalendar, today: dt.date, due, is_open: bool) -> int:
    return working_days_overdue(calendar, today, due) if is_open and due else 0


def remedy_item(remedy: Remedy, calendar, today, bands) -> Item:
    band = None
    if remedy.kind == RemedyKind.FINANCIAL and (remedy.finding or remedy.impact):
        band = suggest_band(bands, remedy.finding, remedy.impact)
    status = STATUS_WORDS[RemedyStatus(remedy.status)]
    if remedy.status == RemedyStatus.COMPLETED and remedy.kind == RemedyKind.FINANCIAL:
        status = "Paid"
    return Item(
        kind="remedy",
        pk=remedy.pk,
        reference=remedy.complaint.reference,
        closed=not _complaint_open(remedy.complaint),
        what=remedy.get_kind_display() or "Remedy (kind not recorded)",
        description=remedy.description,
        owner=owner_label(remedy),
        due_on=remedy.due_on,
        status=status,
        is_open=remedy.is_open,
        days_overdue=_overdue(calendar, today, remedy.due_on, remedy.is_open),
        completed_on=remedy.completed_on,
        evidence=remedy.evidence,
        amount=remedy.amount,
        band=f"{band.label}" if band else "",
        warning=outside_band_warning(band, remedy.amount),
        may_accept=remedy.status == RemedyStatus.OFFERED,
    )


def action_item(action: OutstandingAction, calendar, today) -> Item:
    is_open = action.completed_on is None
    return Item(
        kind="action",
        pk=action.pk,
        reference=action.complaint.reference,
        closed=not _complaint_open(action.complaint),
        what="Outstanding action",
        description=action.description,
        owner=owner_label(action),
        due_on=action.due_on,
        status="Not done yet" if is_open else "Done",
        is_open=is_open,
        days_overdue=_overdue(calendar, today, action.due_on, is_open),
        completed_on=action.completed_on,
        evidence=action.evidence,
    )


def for_resident(complaint) -> list[str]:
    """What was offered and promised to the resident and whether it is done, in words for
    their status page: the description, amount and dates only (never an owner, evidence
    or band, which are the landlord's working)."""
    lines = []
    for remedy in Remedy.objects.filter(complaint=complaint).order_by("offered_on", "id"):
        amount = f" (£{remedy.amount})" if remedy.amount is not None else ""
        lines.append(f"{remedy.description}{amount}: {_remedy_words(remedy)}")
    for action in OutstandingAction.objects.filter(complaint=complaint).order_by("due_on", "id"):
        done = action.completed_on
        lines.append(
            f"{action.description}: "
            + (f"done on {long_date(done)}" if done else f"due by {long_date(action.due_on)}")
        )
    return lines


def _remedy_words(remedy: Remedy) -> str:
    if remedy.status == RemedyStatus.COMPLETED:
        paid = "paid" if remedy.kind == RemedyKind.FINANCIAL else "done"
        return f"{paid} on {long_date(remedy.completed_on)}"
    if remedy.status == RemedyStatus.DECLINED:
        return f"you declined it on {long_date(remedy.declined_on)}"
    due = f", due by {long_date(remedy.due_on)}" if remedy.due_on else ""
    accepted = remedy.status == RemedyStatus.ACCEPTED
    return ("you accepted it" if accepted else "offered") + due


def _complaint_open(complaint) -> bool:
    return Status(complaint.status).is_open


def _with_owners(queryset: QuerySet) -> QuerySet:
    return queryset.select_related("complaint", *OWNER_FIELDS)


def complaint_items(complaint, today: dt.date | None = None) -> list[Item]:
    """Every remedy and outstanding action on the complaint, by due date."""
    calendar, today = deployment.calendar(), today or deployment.today()
    bands = [b.as_band() for b in RemedyBand.objects.all()]
    remedies = _with_owners(Remedy.objects.filter(complaint=complaint))
    actions = _with_owners(OutstandingAction.objects.filter(complaint=complaint))
    items = [remedy_item(r, calendar, today, bands) for r in remedies]
    items += [action_item(a, calendar, today) for a in actions]
    return sorted(items, key=lambda i: i.sort_key)


def open_remedies(within: QuerySet | None = None) -> QuerySet[Remedy]:
    queryset = Remedy.objects.filter(status__in=OPEN_STATUSES)
    return queryset if within is None else queryset.filter(complaint__in=within)


def open_actions(within: QuerySet | None = None) -> QuerySet[OutstandingAction]:
    queryset = OutstandingAction.objects.filter(completed_on__isnull=True)
    return queryset if within is None else queryset.filter(complaint__in=within)


def outstanding_items(user, today: dt.date | None = None, limit: int = 500) -> list[Item]:
    """Open remedies and actions on complaints `user` may open, by due date (overdue first).

    Closed complaints are included: they stay in view until everything is done.
    """
    calendar, today = deployment.calendar(), today or deployment.today()
    bands = [b.as_band() for b in RemedyBand.objects.all()]
    within = visible_complaints(user)
    remedies = _with_owners(open_remedies(within)).order_by(F("due_on").asc(nulls_last=True), "id")[
        :limit
    ]
    actions = _with_owners(open_actions(within)).order_by(F("due_on").asc(nulls_last=True), "id")[
        :limit
    ]
    items = [remedy_item(r, calendar, today, bands) for r in remedies]
    items += [action_item(a, calendar, today) for a in actions]
    return sorted(items, key=lambda i: i.sort_key)[:limit]


def owned_by(user_id: int, today: dt.date | None = None) -> list[Item]:
    """The open remedies and outstanding actions this person owns, by due date, closed
    complaints' too (putting things right goes on after closure): what a leaver hands on."""
    calendar, today = deployment.calendar(), today or deployment.today()
    bands = [b.as_band() for b in RemedyBand.objects.all()]
    remedies = _with_owners(open_remedies().filter(owner_user_id=user_id))
    actions = _with_owners(open_actions().filter(owner_user_id=user_id))
    items = [remedy_item(r, calendar, today, bands) for r in remedies]
    items += [action_item(a, calendar, today) for a in actions]
    return sorted(items, key=lambda i: i.sort_key)


@dataclass(frozen=True)
class Dated:
    """An open remedy or outstanding action and the date it waits on, as the notifications
    sweep reads it: the people who own it are the ones to remind (none when nobody does)."""

    kind: str  # "remedy" or "action"
    pk: int
    complaint_id: int
    reference: str
    description: str
    due: dt.date
    every: int | None  # an update's interval, in working days
    owners: tuple[int, ...]


_DATED = (
    "pk",
    "complaint_id",
    "complaint__reference",
    "complaint__handler_id",
    "description",
    "owner_team_id",
    "owner_user_id",
    "owner_contractor_id",
)


def _dated(kind: str, rows: list[tuple], when) -> list[Dated]:
    """Rows of _DATED and more; `when(row)` gives its date and interval, or None to skip it.
    A team's item is owned by its active members, a contractor's by the case's handler."""
    teams = {row[5] for row in rows if row[5]}
    members: dict[int, list[int]] = {}
    through = Team.members.through.objects.filter(team_id__in=teams, user__is_active=True)
    for team_id, user_id in through.values_list("team_id", "user_id") if teams else ():
        members.setdefault(team_id, []).append(user_id)
    found = []
    for row in rows:
        pk, complaint_id, reference, handler_id, description, team, user, contractor = row[:8]
        dated = when(row)
        if dated is None:
            continue
        if team:
            owners = tuple(sorted(members.get(team, ())))
        else:
            owners = (user,) if user else (handler_id,) if contractor and handler_id else ()
        found.append(Dated(kind, pk, complaint_id, reference, description, *dated, owners))
    return found


def dated_items(since: dt.date, until: dt.date) -> list[Dated]:
    """Open remedies and outstanding actions due from `since` to `until`: two index ranges."""
    found = []
    for kind, queryset in (("remedy", open_remedies()), ("action", open_actions())):
        rows = queryset.filter(due_on__gte=since, due_on__lte=until).order_by()
        found += _dated(
            kind, list(rows.values_list(*_DATED, "due_on")), lambda row: (row[-1], None)
        )
    return found


def updates_owed(since: dt.date, until: dt.date) -> list[Dated]:
    """Open remedies and outstanding actions with an update interval agreed with the
    resident (5.9) whose next update fell due from `since` to `until`: the interval in
    working days after the last update, or else after the offer (a remedy) or the stage's
    response (an action)."""
    calendar = deployment.calendar()
    responded = Stage.objects.filter(
        complaint=OuterRef("complaint"), number=OuterRef("stage")
    ).values("responded_on")[:1]
    with_interval = (
        ("remedy", open_remedies().annotate(since=Coalesce("last_update_on", "offered_on"))),
        (
            "action",
            open_actions().annotate(since=Coalesce("last_update_on", Subquery(responded))),
        ),
    )

    def due_at(row):
        last, every = row[-2:]
        due = last and update_due_on(calendar, last, every)
        return (due, every) if due and since <= due <= until else None

    found = []
    for kind, queryset in with_interval:
        rows = queryset.filter(update_every__isnull=False).order_by()
        found += _dated(kind, list(rows.values_list(*_DATED, "since", "update_every")), due_at)
    return found
