"""`redress sweep`: chase remedies and outstanding actions that are due soon or overdue.

Run it periodically (cron, a systemd timer). It reads with a handful of
set-based queries (cut-off dates worked out once from the working-day
calendar, then indexed range filters), writes one `Notice` per item, kind and
day, and enqueues one background task per new notice. A notice already
written today is not written or enqueued again, and the database's unique
constraint settles two sweeps racing: running it twice a day sends nothing new.

Due soon (within two working days): a reminder to the owner. Overdue (a
working day has passed since the due date): an escalation to the owner and
the complaints officers. An update to the resident due at the agreed
interval: a reminder to the owner. Nothing goes to an inactive account: when the
owner has left (or a team has no active member left), the complaints officers
get what was meant for them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce

from redress.administration import deployment
from redress.cases.models import Stage
from redress.code.remedies import due_soon_before, overdue_before, update_due
from redress.staff.models import Team
from redress.staff.roles import COMPLAINTS_OFFICER

from .models import Notice, NoticeKind
from .selectors import OWNER_FIELDS, chased_person, open_actions, open_remedies
from .tasks import send_notice


@dataclass
class SweepResult:
    enqueued: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    already: int = 0

    @property
    def total(self) -> int:
        return sum(self.enqueued.values())


def _officer_emails() -> list[str]:
    users = (
        get_user_model()
        .objects.filter(is_active=True, groups__name=COMPLAINTS_OFFICER)
        .exclude(email="")
    )
    return sorted(set(users.values_list("email", flat=True)))


def _team_emails(team_ids: set[int]) -> dict[int, list[str]]:
    """Each team's active members' addresses ("" for one without); no entry for a team
    with no active member."""
    rows = Team.members.through.objects.filter(team_id__in=team_ids, user__is_active=True)
    emails: dict[int, list[str]] = defaultdict(list)
    for team_id, email in rows.values_list("team_id", "user__email"):
        emails[team_id].append(email)
    return emails


def _owner_emails(item, teams: dict[int, list[str]]) -> list[str] | None:
    """The owner's address; a team's members'; for a contractor, the complaint's handler's.
    None when nobody active owns it: the owner has left, the team has no active member, or
    the contractor's case has no active handler."""
    if item.owner_team_id:
        members = teams.get(item.owner_team_id)
        return [email for email in members if email] if members else None
    person = chased_person(item)
    if person is None or not person.is_active:
        return None
    return [person.email] if person.email else []


def _candidates(today: dt.date) -> list[tuple[str, object]]:
    calendar = deployment.calendar()
    overdue, soon = overdue_before(calendar, today), due_soon_before(calendar, today)
    related = ("complaint__handler", *OWNER_FIELDS)
    found: list[tuple[str, object]] = []
    for queryset in (open_remedies(), open_actions()):
        due = queryset.filter(due_on__lt=soon).select_related(*related)
        for item in due:
            kind = NoticeKind.ESCALATION if item.due_on < overdue else NoticeKind.REMINDER
            found.append((kind, item))
    # Updates to the resident: only items with an agreed interval, since the last update
    # (or since the offer or response).
    responded = Stage.objects.filter(
        complaint=OuterRef("complaint"), number=OuterRef("stage")
    ).values("responded_on")[:1]
    with_interval = (
        open_remedies()
        .filter(update_every__isnull=False)
        .annotate(since=Coalesce("last_update_on", "offered_on")),
        open_actions()
        .filter(update_every__isnull=False)
        .annotate(since=Coalesce("last_update_on", Subquery(responded))),
    )
    for queryset in with_interval:
        for item in queryset.select_related(*related):
            if item.since and update_due(calendar, today, item.since, item.update_every):
                found.append((NoticeKind.UPDATE, item))
    return found


def sweep(
    today: dt.date | None = None, progress: Callable[[int], None] | None = None
) -> SweepResult:
    """Write and enqueue today's new notices; `progress(n)` after each item looked at."""
    today = today or deployment.today()
    result = SweepResult()
    candidates = _candidates(today)
    sent = set(Notice.objects.filter(on=today).values_list("remedy_id", "action_id", "kind"))
    officers = _officer_emails()
    teams = _team_emails({item.owner_team_id for _, item in candidates if item.owner_team_id})
    for kind, item in candidates:
        is_remedy = item._meta.model_name == "remedy"
        key = (item.pk, None, kind) if is_remedy else (None, item.pk, kind)
        if key in sent:
            result.already += 1
        else:
            recipients = _owner_emails(item, teams)
            if recipients is None or kind == NoticeKind.ESCALATION:
                recipients = (recipients or []) + officers
            try:
                with transaction.atomic():
                    notice = Notice.objects.create(
                        remedy=item if is_remedy else None,
                        action=None if is_remedy else item,
                        complaint=item.complaint,
                        kind=kind,
                        on=today,
                        recipients=sorted(set(recipients)),
                    )
                    send_notice.enqueue(notice.pk)
                result.enqueued[kind] += 1
            except IntegrityError:
                result.already += 1  # another sweep wrote it a moment ago
        if progress:
            progress(1)
    return result
