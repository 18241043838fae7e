"""Evidence on complaints not accepted (2.1 to 2.5), from the year's refusals.

A refusal's reason is held only in its "refused" event (the complaint keeps the type of
exclusion), so "reviewed individually" is read as "has its own reason recorded": the
service refuses without one, but a tracker import may bring a refusal with none.

Shortfall rules: any refusal with no recorded reason (2.1, 2.5); any refusal with no
refusal letter issued from Redress (2.4: Redress issues one only with the reasons and the
right to go to the Ombudsman, with the Ombudsman's details).
"""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Count, Exists, OuterRef, Q

from redress.cases.models import Complaint, Exclusion
from redress.code.letters import LetterKind
from redress.code.stages import Status
from redress.code.tsm import ReportingYear
from redress.letters.models import Letter
from redress.record.models import Event

from .drafted import Drafted, count, listing, period, sentence, share, was


def _events(action: str):
    return Event.objects.filter(
        subject_kind=Event.Subject.COMPLAINT, subject_id=OuterRef("pk"), action=action
    )


def refusal_evidence(year: ReportingYear) -> Iterator[Drafted]:
    span = (year.first_day, year.last_day)
    received = Complaint.objects.filter(received_on__range=span)
    refused = Q(status=Status.REFUSED)
    reasoned = Exists(
        _events("refused")
        .filter(payload__has_key="reason")
        .exclude(Q(payload__reason="") | Q(payload__reason=None))
    )
    lettered = Exists(Letter.objects.filter(complaint=OuterRef("pk"), kind=LetterKind.REFUSAL))
    out_of_time = Exists(_events("accepted").filter(payload__in_time=False))
    found = received.aggregate(
        received=Count("id"),
        refused=Count("id", filter=refused),
        reasoned=Count("id", filter=refused & Q(reasoned)),
        lettered=Count("id", filter=refused & Q(lettered)),
        discretion=Count("id", filter=~refused & Q(out_of_time)),
        **{value: Count("id", filter=refused & Q(exclusion=value)) for value in Exclusion.values},
    )
    total = found["refused"]
    span_words = f"received {period(year)}"
    over, used = found[Exclusion.OVER_12_MONTHS], found["discretion"]
    late_words = sentence(
        f"{count(over, 'complaint')} {span_words} {was(over)} refused as made more than 12 "
        f"months after the issue, and {count(used, 'complaint')} made that late {was(used)} "
        "accepted using discretion" + (", each with the reason for it recorded." if used else ".")
    )
    if total == 0:
        received = count(found["received"], "complaint")
        text = f"No complaint {span_words} was refused ({received} received)."
        for number in ("2.1", "2.2", "2.4", "2.5"):
            yield Drafted(number, text)
        yield Drafted("2.3", late_words)
        return

    by_type = listing(
        [
            f"{found[value]:,} {label[0].lower() + label[1:]}"
            for value, label in Exclusion.choices
            if found[value]
        ]
    )
    refused_words = f"{share(total, found['received'])} complaints {span_words} were refused"
    missing = total - found["reasoned"]
    reasons = f"{share(found['reasoned'], total)} refusals have their own reason recorded."
    no_reason = (
        f"{share(missing, total)} refusals of complaints {span_words} have no reason recorded."
        if missing
        else ""
    )
    yield Drafted("2.1", f"{refused_words}. {reasons}", no_reason)
    yield Drafted("2.2", f"{refused_words}, by the exclusion given: {by_type}.")
    yield Drafted("2.3", late_words)
    sent = found["lettered"]
    what = f"refusals of complaints {span_words}"
    yield Drafted(
        "2.4",
        f"{share(sent, total)} {what} were explained in a refusal letter issued from Redress, "
        "which gives the reasons and the right to take the decision to the Housing Ombudsman.",
        f"{share(total - sent, total)} {what} had no refusal letter issued from Redress."
        if sent < total
        else "",
    )
    yield Drafted(
        "2.5",
        f"Each refusal is a decision on one complaint: {reasons[0].lower() + reasons[1:]}",
        no_reason,
    )
