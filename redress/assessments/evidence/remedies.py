"""Evidence on putting things right: remedies (5.13, 7.1, 7.3) and outstanding actions
(6.6, 6.17).

An item is on time when it was done on or before its due date; one still open is
overdue once the as-of date (today, or the year's last day) is past its due date.
Shortfall rules: any outstanding action or remedy due in the year done late or overdue
(6.6 / 6.17 "actioned promptly", 7.3 "followed through to completion"), and any remedy
offered in the year with no date by when it will happen (7.3 "what will happen and by
when"). A declined remedy is not followed through, so it is not counted as due.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Count, F, Q, Sum

from redress.cases.models import OutstandingAction
from redress.code.tsm import ReportingYear
from redress.remedies.models import Remedy, RemedyKind, RemedyStatus

from .drafted import Drafted, as_of, count, day, figure, listing, period, sentence, share, was

KIND_WORDS = {
    RemedyKind.APOLOGY: ("apology", "apologies"),
    RemedyKind.ACKNOWLEDGEMENT: ("acknowledgement of what went wrong", "acknowledgements"),
    RemedyKind.EXPLANATION: ("explanation", "explanations"),
    RemedyKind.ACTION_ON_DELAY: ("action on a delay", "actions on a delay"),
    RemedyKind.RECONSIDERED_DECISION: ("reconsidered decision", "reconsidered decisions"),
    RemedyKind.AMENDED_RECORD: ("amended record", "amended records"),
    RemedyKind.FINANCIAL: ("financial remedy", "financial remedies"),
    RemedyKind.CHANGED_POLICY: ("changed policy or practice", "changed policies or practices"),
}


def _timeliness(queryset, year: ReportingYear) -> dict:
    on = as_of(year)
    return queryset.filter(due_on__range=(year.first_day, year.last_day)).aggregate(
        due=Count("id"),
        on_time=Count("id", filter=Q(completed_on__lte=F("due_on"))),
        late=Count("id", filter=Q(completed_on__gt=F("due_on"))),
        overdue=Count("id", filter=Q(completed_on__isnull=True, due_on__lt=on)),
    )


def _done_on_time(found: dict, noun: str, year: ReportingYear) -> tuple[str, str]:
    """(text, shortfall) for items due in the year."""
    due = found["due"]
    what = f"{noun} due {period(year)}"
    if due == 0:
        return f"No {noun} were due {period(year)}.", ""
    text = (
        f"{share(found['on_time'], due)} {what} were completed on time; "
        f"{figure(found['late'])} {was(found['late'])} completed late and "
        f"{figure(found['overdue'])} {was(found['overdue'])} overdue on {day(as_of(year))}."
    )
    missed = found["late"] + found["overdue"]
    shortfall = f"{share(missed, due)} {what} were completed late or are overdue." if missed else ""
    return text, shortfall


def action_evidence(year: ReportingYear) -> Iterator[Drafted]:
    """6.6 / 6.17: outstanding actions tracked after the response and done on time."""
    for number, provision in ((1, "6.6"), (2, "6.17")):
        found = _timeliness(OutstandingAction.objects.filter(stage=number), year)
        text, shortfall = _done_on_time(found, f"outstanding actions from stage {number}", year)
        yield Drafted(provision, text, shortfall)


def remedy_evidence(year: ReportingYear) -> Iterator[Drafted]:
    """5.13 remedies at either stage; 7.1 remedies by kind; 7.3 followed through on time."""
    span = (year.first_day, year.last_day)
    offered = Remedy.objects.filter(offered_on__range=span)
    by_stage = dict(offered.values_list("stage").annotate(n=Count("id")).order_by())
    total = sum(by_stage.values())
    if total == 0:
        text = f"No remedies were offered {period(year)}."
        yield Drafted("5.13", text)
        yield Drafted("7.1", text)
    else:
        one, two = by_stage.get(1, 0), by_stage.get(2, 0)
        yield Drafted(
            "5.13",
            f"{share(one, total)} remedies offered {period(year)} were offered at stage 1, "
            f"without escalation, and {two:,} at stage 2.",
        )
        kinds = dict(offered.values_list("kind").annotate(n=Count("id")).order_by())
        money = offered.filter(kind=RemedyKind.FINANCIAL).aggregate(total=Sum("amount"))["total"]
        parts = []
        for kind, (single, plural) in KIND_WORDS.items():
            n = kinds.get(kind, 0)
            if n:
                part = f"{n:,} {single if n == 1 else plural}"
                if kind == RemedyKind.FINANCIAL and money:
                    part += f" (£{money:,.2f} in all)"
                parts.append(part)
        unnamed = total - sum(kinds.get(kind, 0) for kind in KIND_WORDS)
        if unnamed:
            parts.append(f"{unnamed:,} of no stated kind")
        text = (
            f"{count(total, 'remedy', 'remedies')} {was(total)} offered {period(year)}: "
            f"{listing(parts)}."
        )
        yield Drafted("7.1", sentence(text))

    found = _timeliness(Remedy.objects.exclude(status=RemedyStatus.DECLINED), year)
    text, shortfall = _done_on_time(found, "remedies", year)
    undated = offered.filter(due_on__isnull=True).exclude(status=RemedyStatus.DECLINED).count()
    if undated:
        text += f" {share(undated, total)} remedies offered {period(year)} had no date set."
        undated_words = f"{share(undated, total)} remedies offered had no date by when."
        shortfall = f"{shortfall} {undated_words}".strip()
    yield Drafted("7.3", text, shortfall)
