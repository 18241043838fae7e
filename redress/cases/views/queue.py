"""The work queue: open cases by next due date, overdue first, with counts per bucket."""

from __future__ import annotations

from django.shortcuts import render

from .. import landlord, selectors
from .access import staff_only

PAGE = 50
DUE_LABELS = {
    "any": "All open",
    "overdue": "Overdue",
    "today": "Due today",
    "soon": "Due within 2 working days",
}


def _choice(value: str | None, allowed, default: str) -> str:
    return value if value in allowed else default


@staff_only
def work_queue(request):
    """Mine or everyone's; filtered by due bucket and stage; 50 a page."""
    scope = _choice(request.GET.get("scope"), ("mine", "all"), "mine")
    due = _choice(request.GET.get("due"), selectors.DUE_FILTERS, "any")
    stage = _choice(request.GET.get("stage"), ("1", "2"), "")
    page = int(request.GET["page"]) if request.GET.get("page", "").isdigit() else 1
    handler_id = request.user.pk if scope == "mine" else None
    today = landlord.today()
    calendar = landlord.calendar()
    rows = list(
        selectors.work_queue(
            handler_id=handler_id,
            stage=int(stage) if stage else None,
            due=due,
            today=today,
            limit=PAGE + 1,
            offset=(max(page, 1) - 1) * PAGE,
        ).select_related("resident", "handler")
    )
    counts = selectors.queue_counts(handler_id, today)
    return render(
        request,
        "cases/queue.html",
        {
            "scope": scope,
            "due": due,
            "stage": stage,
            "page": page,
            "has_next": len(rows) > PAGE,
            "rows": [
                {"complaint": c, "days_left": calendar.working_days_left(today, c.next_due)}
                for c in rows[:PAGE]
            ],
            "tabs": [
                {"due": key, "label": label, "count": counts[key]}
                for key, label in DUE_LABELS.items()
            ],
            "today": today,
        },
    )
