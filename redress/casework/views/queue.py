"""The work queue: open cases by next due date, overdue first, with counts per bucket.

The complaints officer also assigns cases here, several at once (4.1: the
officer has the authority to make sure complaints are dealt with).
"""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from redress.administration import deployment
from redress.cases import categories as filing
from redress.cases import handlers, selectors, services
from redress.cases.access import casework_only, visible_complaints
from redress.intake.models import Channel
from redress.intake.selectors import to_triage
from redress.staff.models import teammate_ids
from redress.staff.roles import (
    HANDLER,
    MANAGER,
    assigns_cases,
    has_role,
    sees_all_cases,
)
from redress.ui.govuk import refusal_text
from redress.ui.query import digits, query_number

PAGE = 50
# The last page anyone can ask for: as deep as the API's offset goes.
LAST_PAGE = selectors.DEEPEST // PAGE
DUE_LABELS = {
    "any": "All open",
    "overdue": "Overdue",
    "today": "Due today",
    "soon": "Due within 2 working days",
}


def _choice(value: str | None, allowed, default: str = "") -> str:
    return value if value in allowed else default


def _count(count: int) -> str:
    return f"{count:,}+" if count >= selectors.COUNT_CAP else str(count)


SCOPES = {"mine": "My cases", "team": "My team's cases", "all": "All open cases"}
NEEDS_LABELS = {"unaccepted": "Not yet accepted", "unassigned": "No handler"}
ORDERS = ("ascending", "descending")
# Column headers that sort (server-side, over every page); what the caption says of each.
SORT_LABELS = {
    "reference": ("reference", "A to Z", "Z to A"),
    "due": ("next due date", "overdue and soonest first", "latest first"),
}
NO_TEAM = "You are not in a team, so this shows all the open cases you may see."


def _default_scope(user, team: set[int]) -> tuple[str, str]:
    """Whose cases the queue opens on, and why when that is not what the role suggests:
    a manager sees their team's (all they may see when in no team); a handler their own;
    the complaints officer and the senior lead, who handle none, all open cases."""
    if has_role(user, MANAGER):
        return ("team", "") if len(team) > 1 else ("all", NO_TEAM)
    if has_role(user, HANDLER) or not sees_all_cases(user):
        return "mine", ""
    return "all", ""


def _staff():
    """The handler filter's people: leavers still holding open cases too (marked in the
    page, and never offered to assign to)."""
    return handlers.case_workers(with_leavers=True)


def _filters(request, staff, categories, team: set[int]) -> tuple[dict[str, str], str]:
    """The queue's filters from the query string, each checked against what it may be,
    and a line saying why the scope is not the one asked for (or expected), if it is not."""
    get = request.GET
    staff_ids = {str(user.pk) for user in staff}
    scope, notice = _default_scope(request.user, team)
    if "scope" in get:
        scope, notice = _choice(get.get("scope"), SCOPES, "mine"), ""
    if scope == "team" and len(team) == 1:
        notice = "You are not in a team, so these are only your own cases."
    chosen = {
        "scope": scope,
        "due": _choice(get.get("due"), selectors.DUE_FILTERS, "any"),
        "stage": _choice(get.get("stage"), ("1", "2")),
        "channel": _choice(get.get("channel"), Channel.values),
        "category": _choice(get.get("category"), categories),
        "handler": _choice(get.get("handler"), staff_ids) if scope == "all" else "",
        "needs": _choice(get.get("needs"), selectors.NEEDS),
        "sort": _choice(get.get("sort"), selectors.SORTS, "due"),
        "order": _choice(get.get("order"), ORDERS, "ascending"),
    }
    return chosen, notice


def _headers(chosen: dict, url) -> dict[str, dict]:
    """Each sortable column's link (a second click reverses it) and its aria-sort."""
    headers = {}
    for key in SORT_LABELS:
        current = chosen["sort"] == key
        reverse = current and chosen["order"] == "ascending"
        headers[key] = {
            "url": url(sort=key, order=ORDERS[reverse]),
            "aria_sort": chosen["order"] if current else "none",
        }
    return headers


def _caption(chosen: dict) -> str:
    label, ascending, descending = SORT_LABELS[chosen["sort"]]
    return f"Sorted by {label}, {ascending if chosen['order'] == 'ascending' else descending}"


@casework_only
def work_queue(request, refused: list[str] | None = None, status: int = 200):
    """Mine, my team's or all I may see; by due bucket, stage, channel, category, handler
    and what a case needs; sorted over the whole result. The complaints officer sees first
    what needs them: emails to triage, complaints not yet accepted, cases with no handler."""
    staff = list(_staff())
    # Once per request: the filter and the form both use them; the URL names a category.
    category_ids = {c.name: c.pk for c in filing.active()}
    categories = list(category_ids)
    team = teammate_ids(request.user)  # the user and their team-mates
    chosen, notice = _filters(request, staff, categories, team)
    page = query_number(request.GET, "page", "Page", default=1, low=1, high=LAST_PAGE)
    handler_ids = {
        "mine": [request.user.pk],
        "team": sorted(team),
    }.get(chosen["scope"], [int(chosen["handler"])] if chosen["handler"] else None)
    # Mine and my team's are visible by definition; only "all" needs the visibility rule,
    # whose OR and EXISTS would otherwise keep the database off the handler index.
    within = visible_complaints(request.user) if chosen["scope"] == "all" else None
    today = deployment.today()
    calendar = deployment.calendar()
    # The list and its tab counts are filtered alike.
    filters = {
        "handler_ids": handler_ids,
        "within": within,
        "stage": int(chosen["stage"]) if chosen["stage"] else None,
        "channel": chosen["channel"],
        "category_id": category_ids.get(chosen["category"]),
        "needs": chosen["needs"],
    }
    rows = list(
        selectors.work_queue(
            **filters,
            due=chosen["due"],
            today=today,
            sort=chosen["sort"],
            descending=chosen["order"] == "descending",
            limit=PAGE + 1,
            offset=(page - 1) * PAGE,
        ).select_related("resident", "handler")
    )
    counts = selectors.queue_counts(today, **filters)

    def url(**changes) -> str:
        return "?" + urlencode({**chosen, "page": 1, **changes})

    names = {str(u.pk): u.get_full_name() or u.get_username() for u in staff}
    words = {
        "stage": lambda v: f"Stage {v}",
        "channel": lambda v: Channel(v).label,
        "category": str,
        "handler": lambda v: names.get(v, v),
        "needs": NEEDS_LABELS.get,
    }
    # MoJ Frontend's selected-filter tags: each removes its own filter.
    selected = [
        {"heading": key.capitalize(), "text": words[key](chosen[key]), "url": url(**{key: ""})}
        for key in words
        if chosen[key]
    ]

    return render(
        request,
        "cases/queue.html",
        {
            **chosen,
            "page": page,
            "previous_url": url(page=page - 1) if page > 1 else "",
            "next_url": url(page=page + 1) if len(rows) > PAGE else "",
            "scope_label": SCOPES[chosen["scope"]],
            "scope_notice": notice,
            "scopes": [
                {"key": key, "label": label, "url": url(scope=key, handler="")}
                for key, label in SCOPES.items()
            ],
            "incoming": _incoming(request.user) if assigns_cases(request.user) else [],
            "rows": [
                {
                    "complaint": c,
                    "days_left": calendar.working_days_left(today, c.next_due),
                    # Due on the working day before a day off: 0 days left, yet overdue.
                    "overdue": c.next_due < today,
                }
                for c in rows[:PAGE]
            ],
            "tabs": [
                {"due": key, "label": label, "count": _count(counts[key]), "url": url(due=key)}
                for key, label in DUE_LABELS.items()
            ],
            "headers": _headers(chosen, url),
            "caption": _caption(chosen),
            "staff": staff,
            "selected": selected,
            "clear_url": url(stage="", channel="", category="", handler="", needs=""),
            "channels": Channel.choices,
            "categories": categories,
            "needs_labels": NEEDS_LABELS,
            "can_assign": assigns_cases(request.user),
            "refused": refused or [],
            "back": request.get_full_path(),
        },
        status=status,
    )


def _incoming(user) -> list[dict]:
    """What the complaints officer deals with first (1.2, 2.1, 4.1), each counted and
    linked to the list of it: emails nobody has triaged yet, complaints not yet accepted
    or refused, and open cases with nobody handling them."""
    counts = selectors.needs_counts(visible_complaints(user))
    needs = "?" + urlencode({"scope": "all", "needs": ""})
    return [
        {
            "key": "triage",
            "label": "Emails to triage",
            "count": _count(to_triage()[: selectors.COUNT_CAP].count()),
            "url": reverse("contacts:to-triage"),
        },
        *(
            {
                "key": key,
                "label": label,
                "count": _count(counts[key]),
                "url": needs + key,
            }
            for key, label in (
                ("unaccepted", "Complaints not yet accepted"),
                ("unassigned", "Open cases with no handler"),
            )
        ),
    ]


@casework_only
@require_POST
def bulk_assign(request):
    """Assign the ticked cases to one handler: all of them, or none if any is refused."""
    if not assigns_cases(request.user):
        raise PermissionDenied
    references = request.POST.getlist("reference")
    handler = digits(request.POST.get("handler", ""))
    problems = []
    if not references:
        problems.append("Select at least one case")
    if handler is None:
        problems.append("Select the handler to assign them to")
    if not problems:
        try:
            services.assign_many(references, actor=request.user, handler_id=handler)
        except services.Refusals as refused:
            problems = [f"{ref}: {refusal_text(refusal)}" for ref, refusal in refused.each]
    if problems:
        back = urlsplit(request.POST.get("back", ""))
        request.GET = QueryDict(back.query or "scope=all")
        return work_queue(request, refused=problems, status=422)
    messages.success(request, f"Assigned {len(references)} case{'s' * (len(references) > 1)}")
    back = request.POST.get("back", "")
    return HttpResponseRedirect(
        back if back.startswith("/cases/") else "/cases/?scope=all", status=303
    )
