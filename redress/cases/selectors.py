"""Reads: a complaint as its handler sees it, its record, and the work queue."""

from __future__ import annotations

import datetime as dt

from django.db.models import F, Q, QuerySet, Value
from django.db.models.functions import Replace

from redress.administration import deployment
from redress.code.stages import Status, allowed_commands
from redress.intake.support_needs import READ, counts
from redress.record.errors import NotFound
from redress.record.models import Event

from .clock import assess, duty
from .detail import ActionDetail, ComplaintDetail, ExtensionDetail, StageDetail
from .models import Complaint


def get_complaint(reference: str) -> Complaint:
    if "\x00" in reference:
        raise NotFound("no complaint with that reference", field="reference")
    try:
        return (
            Complaint.objects.select_related(
                "resident", "representative", "handler", "related_to", "category"
            )
            .prefetch_related("stages__extensions", "issues", "outstanding_actions", "linked")
            .get(reference=reference)
        )
    except Complaint.DoesNotExist:
        raise NotFound(f"no complaint with reference {reference!r}", field="reference") from None


def _days_left(due: dt.date | None, today: dt.date) -> int | None:
    return None if due is None else deployment.calendar().working_days_left(today, due)


def _stage(stage, clock, today: dt.date) -> StageDetail:
    return StageDetail(
        number=stage.number,
        requested_on=stage.requested_on,
        acknowledge_by=clock.acknowledge_by,
        acknowledged_on=stage.acknowledged_on,
        acknowledged_on_time=clock.acknowledged_on_time,
        respond_by=clock.respond_by,
        responded_on=stage.responded_on,
        responded_on_time=clock.responded_on_time,
        acknowledge_working_days_left=(
            None
            if stage.acknowledged_on or stage.responded_on
            else _days_left(clock.acknowledge_by, today)
        ),
        respond_working_days_left=(
            None if stage.responded_on else _days_left(clock.respond_by, today)
        ),
        extension_working_days=clock.extension_days,
        extensions=tuple(
            ExtensionDetail(
                working_days=e.working_days,
                reason=e.reason,
                agreed_on=e.agreed_on,
                approved_by=e.approved_by_id,
            )
            for e in stage.extensions.all()
        ),
        handler=stage.handler_id,
        handler_name=stage.handler_name,
        definition=stage.definition,
        response=stage.response,
        acknowledgement_sent=stage.acknowledgement_sent_id,
        response_sent=stage.response_sent_id,
        escalation_note=stage.escalation_note,
        breaches=tuple(clock.breaches),
    )


def complaint_detail(complaint: Complaint, today: dt.date | None = None) -> ComplaintDetail:
    """Everything the case page and the API show: dates, days left, breaches, next steps.

    The working-day calendar is read once for the lot, not once per date worked out."""
    with deployment.pinned_calendar():
        return _detail(complaint, today or deployment.today())


def _detail(complaint: Complaint, today: dt.date) -> ComplaintDetail:
    clock = assess(complaint, today)
    clocks = {1: clock.stage1, 2: clock.stage2}
    next_duty = duty(complaint, clock)
    return ComplaintDetail(
        reference=complaint.reference,
        status=complaint.status,
        stage=Status(complaint.status).stage,
        resident=complaint.resident_id,
        support_needs=counts(complaint.resident),
        representative=complaint.representative_id,
        handler=complaint.handler_id,
        channel=complaint.channel,
        category=complaint.category.name if complaint.category else None,
        category_id=complaint.category_id,
        contractor=complaint.contractor_id,
        summary=complaint.summary,
        received_on=complaint.received_on,
        issue_arose_on=complaint.issue_arose_on,
        resident_aware_on=complaint.resident_aware_on,
        exclusion=complaint.exclusion,
        refusal_reason=complaint.refusal_reason,
        related_to=complaint.related_to.reference if complaint.related_to else None,
        linked=tuple(c.reference for c in complaint.linked.all()),
        next_action=next_duty.action if next_duty else None,
        next_due=next_duty.due if next_duty else None,
        working_days_left=_days_left(next_duty.due if next_duty else None, today),
        breaches=tuple(clock.breaches),
        stages=tuple(
            _stage(stage, clocks[stage.number], today)
            for stage in complaint.stages.all()
            if clocks.get(stage.number)
        ),
        issues=tuple(i.description for i in complaint.issues.all()),
        outstanding_actions=tuple(
            ActionDetail(
                description=a.description,
                due_on=a.due_on,
                completed_on=a.completed_on,
                stage=a.stage,
            )
            for a in complaint.outstanding_actions.all()
        ),
        allowed_commands=tuple(c.value for c in allowed_commands(Status(complaint.status))),
    )


def search(
    text: str, limit: int = 50, within: QuerySet[Complaint] | None = None
) -> QuerySet[Complaint]:
    """Complaints matching a reference, or a resident's name, address, postcode, email or phone."""
    text = text.strip()
    queryset = Complaint.objects.all() if within is None else within
    if not text:
        return queryset.none()
    digits = "".join(ch for ch in text if ch.isdigit())
    match = (
        Q(reference__iexact=text)
        | Q(reference__icontains=text)
        | Q(resident__name__icontains=text)
        | Q(resident__address__icontains=text)
        | Q(resident__postcode__iexact=text)
        | Q(resident__email__iexact=text)
    )
    if len(digits) >= 6:
        # Phone numbers are typed with spaces and dashes: compare digits only.
        queryset = queryset.annotate(
            phone_digits=Replace(
                Replace(F("resident__phone"), Value(" "), Value("")), Value("-"), Value("")
            )
        )
        match |= Q(phone_digits__contains=digits)
    return (
        queryset.filter(match)
        .select_related("resident", "handler")
        .order_by("-received_on", "-id")[:limit]
    )


def complaint_events(complaint: Complaint) -> QuerySet[Event]:
    return Event.objects.for_subject("complaint", complaint.pk).select_related("actor")


def case_history(complaint: Complaint) -> QuerySet[Event]:
    """The complaint's events and every showing of its resident's support needs."""
    own = Q(subject_kind="complaint", subject_id=complaint.pk)
    reads = Q(subject_kind="resident", subject_id=complaint.resident_id, action=READ)
    return Event.objects.filter(own | reads).select_related("actor")


DUE_FILTERS = ("any", "overdue", "today", "soon")


def due_range(due: str, today: dt.date) -> dict:
    """Queryset filters for a due bucket: overdue, due today, or within two working days."""
    if due == "overdue":
        return {"next_due__lt": today}
    if due == "today":
        return {"next_due": today}
    if due == "soon":
        return {
            "next_due__gt": today,
            "next_due__lte": deployment.calendar().add_working_days(today, 2),
        }
    return {}


# Tab counts stop here ("1,000+"): a count past it tells a team nothing more, and
# counting a backlog of hundreds of thousands would cost every page view.
COUNT_CAP = 1000
# The deepest anyone pages into the work queue (the API's offset, the page's page number):
# more open cases than any landlord has, and far inside every database's integers.
DEEPEST = 1_000_000
# The most rows the API returns at once.
MOST_AT_ONCE = 500


# The queue's "needs" filter: what the complaints officer looks for first (4.1). A
# complaint not yet accepted or refused (2.1), or an open one nobody handles.
NEEDS = ("unaccepted", "unassigned")
# Server-side sorts over the whole result, each read in order from an index (queue_reference,
# queue_all, queue_handler), each a total order: the reference is unique, the due date ends
# on the id, so pages neither repeat nor skip a case. Not the resident's or the handler's
# name: ordering by another table's column sorts every open case on each page view.
SORTS = {"reference": ("reference",), "due": ("next_due", "id")}


def open_cases(
    *,
    handler_ids: list[int] | None = None,
    stage: int | None = None,
    channel: str = "",
    category_id: int | None = None,
    needs: str = "",
    within: QuerySet[Complaint] | None = None,
) -> QuerySet[Complaint]:
    """Open cases with a dated duty, filtered as the work queue is: the list and its
    counts read this one queryset, so the tab counts follow every filter.

    `within` narrows to what the person may see (`redress.cases.access`).
    """
    queryset = (Complaint.objects.all() if within is None else within).filter(
        next_due__isnull=False
    )
    if channel:
        queryset = queryset.filter(channel=channel)
    if category_id is not None:
        queryset = queryset.filter(category_id=category_id)
    if handler_ids is not None:
        queryset = queryset.filter(handler_id__in=handler_ids)
    if stage is not None:
        queryset = queryset.filter(status__startswith=f"stage{stage}_")
    if needs == "unaccepted":
        queryset = queryset.filter(status=Status.STAGE1_RECEIVED)
    elif needs == "unassigned":
        queryset = queryset.filter(handler__isnull=True)
    return queryset


def queue_counts(today: dt.date, **filters) -> dict[str, int]:
    """How many open cases fall in each due bucket (up to COUNT_CAP), for the tab labels:
    the same filters as the list (`open_cases`), all but the bucket itself."""
    queryset = open_cases(**filters)
    return {
        due: queryset.filter(**due_range(due, today))[:COUNT_CAP].count() for due in DUE_FILTERS
    }


def needs_counts(within: QuerySet[Complaint] | None = None) -> dict[str, int]:
    """How many open cases wait to be accepted, and how many have no handler (capped)."""
    return {needs: open_cases(needs=needs, within=within)[:COUNT_CAP].count() for needs in NEEDS}


def work_queue(
    *,
    limit: int = 50,
    offset: int = 0,
    due: str = "any",
    today: dt.date | None = None,
    sort: str = "due",
    descending: bool = False,
    **filters,
) -> QuerySet[Complaint]:
    """A page of open cases (`open_cases`' filters) in a due bucket, sorted on the server
    over the whole result: soonest due (so overdue) first unless `sort` says otherwise."""
    ordering = [f"-{field}" if descending else field for field in SORTS[sort]]
    queryset = open_cases(**filters).filter(**due_range(due, today or deployment.today()))
    return queryset.order_by(*ordering)[offset : offset + limit]
