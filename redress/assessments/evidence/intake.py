"""Evidence from how complaints and other contacts arrive, and the resident's needs.

Shortfall rules: a survey response of dissatisfaction whose author was not offered the
choice to complain (1.3: "must give them the choice"); a reasonable adjustment or a
behaviour restriction whose review date has passed on the as-of date (5.10, 5.14: "kept
under active/regular review"); a restriction with no evidence recorded (5.14). Survey
respondents not told how to complain are counted but not flagged (1.6 says "should,
wherever possible").
"""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Count, Q

from redress.cases.models import Complaint
from redress.code.tsm import ReportingYear
from redress.intake.models import (
    BehaviourRestriction,
    Channel,
    Contact,
    ReasonableAdjustment,
    ServiceRequest,
)

from .drafted import (
    Drafted,
    as_of,
    count,
    day,
    figure,
    listing,
    moments,
    period,
    sentence,
    share,
    was,
)


def survey_evidence(year: ReportingYear) -> Iterator[Drafted]:
    """1.3 / 1.6: survey dissatisfaction offered the choice to complain and told how."""
    start, end = moments(year)
    found = Contact.objects.filter(
        classification=Contact.Classification.SURVEY_FEEDBACK,
        received_at__gte=start,
        received_at__lt=end,
    ).aggregate(
        total=Count("id"),
        offered=Count("id", filter=Q(offered_choice_to_complain=True)),
        told=Count("id", filter=Q(told_how_to_complain=True)),
    )
    total = found["total"]
    if total == 0:
        text = f"No survey feedback expressing dissatisfaction was recorded {period(year)}."
        yield Drafted("1.3", text)
        yield Drafted("1.6", text)
        return
    what = f"survey responses expressing dissatisfaction recorded {period(year)}"
    offered = found["offered"]
    yield Drafted(
        "1.3",
        f"{share(offered, total)} {what} were offered the choice to make a complaint.",
        f"{share(total - offered, total)} {what} were not offered the choice to complain."
        if offered < total
        else "",
    )
    yield Drafted("1.6", f"{share(found['told'], total)} {what} were told how to make a complaint.")


def service_request_evidence(year: ReportingYear) -> Iterator[Drafted]:
    """1.4: service requests recorded and followed; 1.5: complaints raised about them."""
    span = (year.first_day, year.last_day)
    found = ServiceRequest.objects.filter(raised_on__range=span).aggregate(
        total=Count("id"), done=Count("id", filter=Q(state=ServiceRequest.State.COMPLETED))
    )
    total = found["total"]
    if total == 0:
        text = f"No service requests were recorded {period(year)}."
    else:
        text = (
            f"{count(total, 'service request')} {was(total)} recorded "
            f"{period(year)}, apart from complaints; {share(found['done'], total)} have been "
            "completed."
        )
    yield Drafted("1.4", sentence(text))
    raised = Complaint.objects.filter(
        received_on__range=span, service_request__isnull=False
    ).aggregate(
        total=Count("id"),
        still_open=Count("id", filter=Q(service_request__state=ServiceRequest.State.OPEN)),
    )
    if raised["total"] == 0:
        text = f"No complaint received {period(year)} was raised about a service request."
    else:
        text = (
            f"{count(raised['total'], 'complaint')} received {period(year)} "
            f"{was(raised['total'])} raised about the response to a "
            f"service request; the service request carries on alongside, and "
            f"{figure(raised['still_open'])} of those service requests "
            f"{'is' if raised['still_open'] == 1 else 'are'} still open."
        )
    yield Drafted("1.5", sentence(text))


def channel_evidence(year: ReportingYear) -> Drafted:
    """3.1: the channels complaints arrived by."""
    found = dict(
        Complaint.objects.filter(received_on__range=(year.first_day, year.last_day))
        .values_list("channel")
        .annotate(n=Count("id"))
        .order_by()
    )
    total = sum(found.values())
    if total == 0:
        return Drafted("3.1", f"No complaints were received {period(year)}.")
    parts = [
        f"{found[value]:,} {label[0].lower() + label[1:]}"
        for value, label in Channel.choices
        if found.get(value)
    ]
    unknown = total - sum(found.get(value, 0) for value in Channel.values)
    if unknown:
        parts.append(f"{unknown:,} with no channel recorded")
    used = sum(1 for value in Channel.values if found.get(value))
    text = (
        f"{count(total, 'complaint')} received {period(year)} came through "
        f"{count(used, 'channel')}: {listing(parts)}."
    )
    return Drafted("3.1", sentence(text))


def representative_evidence(year: ReportingYear) -> Drafted:
    """3.6: complaints brought by a representative."""
    found = Complaint.objects.filter(received_on__range=(year.first_day, year.last_day)).aggregate(
        total=Count("id"), represented=Count("id", filter=Q(representative__isnull=False))
    )
    if found["total"] == 0:
        return Drafted("3.6", f"No complaints were received {period(year)}.")
    return Drafted(
        "3.6",
        f"{share(found['represented'], found['total'])} complaints received {period(year)} "
        "were brought by a representative, with the authority they hold recorded.",
    )


def in_force(on) -> Q:
    """Not ended by `on`: one a review ended is no longer held, nor late for review."""
    return Q(ended_on=None) | Q(ended_on__gt=on)


def adjustment_evidence(year: ReportingYear) -> Drafted:
    """5.10: adjustments and disclosed disabilities recorded, and their reviews kept up."""
    on = as_of(year)
    span = (year.first_day, year.last_day)
    found = ReasonableAdjustment.objects.filter(recorded_on__lte=on).aggregate(
        recorded=Count("id", filter=Q(recorded_on__range=span)),
        disclosed=Count("id", filter=Q(recorded_on__range=span) & ~Q(disability_disclosed="")),
        held=Count("id", filter=in_force(on)),
        overdue=Count("id", filter=in_force(on) & Q(review_on__lt=on)),
    )
    recorded, held, overdue = found["recorded"], found["held"], found["overdue"]
    disclosed = f", {found['disclosed']:,} with a disclosed disability" if recorded else ""
    text = (
        f"{count(recorded, 'reasonable adjustment')} {was(recorded)} recorded "
        f"{period(year)}{disclosed}. "
    )
    if held == 0:
        text += f"No adjustments were on record on {day(on)}."
    else:
        text += (
            f"Of the {count(held, 'adjustment')} on record on {day(on)}, "
            f"{figure(overdue)} {was(overdue)} past the review date."
        )
    shortfall = (
        f"{share(overdue, held)} reasonable adjustments on record on {day(on)} were past "
        "their review date."
        if overdue
        else ""
    )
    return Drafted("5.10", sentence(text), shortfall)


def restriction_evidence(year: ReportingYear) -> Drafted:
    """5.14: restrictions for unacceptable behaviour evidenced and kept under review."""
    on = as_of(year)
    found = BehaviourRestriction.objects.filter(recorded_on__lte=on).aggregate(
        recorded=Count("id", filter=Q(recorded_on__range=(year.first_day, year.last_day))),
        held=Count("id", filter=in_force(on)),
        overdue=Count("id", filter=in_force(on) & Q(review_on__lt=on)),
        unevidenced=Count("id", filter=in_force(on) & Q(evidence="")),
    )
    held, overdue, unevidenced = found["held"], found["overdue"], found["unevidenced"]
    recorded = found["recorded"]
    text = (
        f"{count(recorded, 'restriction')} on contact for unacceptable behaviour "
        f"{was(recorded)} recorded {period(year)}. "
    )
    if held == 0:
        text += f"No restrictions were on record on {day(on)}."
    else:
        text += (
            f"Of the {count(held, 'restriction')} on record on {day(on)}, "
            f"{figure(held - unevidenced)} {'has' if held - unevidenced == 1 else 'have'} the "
            f"evidence for it recorded and {figure(overdue)} {was(overdue)} past the review date."
        )
    problems = []
    if overdue:
        problems.append(f"{share(overdue, held)} restrictions were past their review date")
    if unevidenced:
        problems.append(f"{share(unevidenced, held)} had no evidence recorded")
    shortfall = f"On {day(on)}, {listing(problems)}." if problems else ""
    return Drafted("5.14", sentence(text), shortfall)
