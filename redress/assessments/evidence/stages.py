"""Evidence from the two stages: timeliness, extensions, definitions, response letters.

Timeliness (6.2, 6.3, 6.11, 6.14) is `redress.oversight.selectors.timeliness`, the figure
the MRC's pages and the TSMs use, so the self-assessment never disagrees with them. The
base is the stages answered in the year, as CH02 counts them (refused complaints aside).

Shortfall rules: any stage acknowledged or answered late; any extension that did not
count (6.4, 6.15: not agreed by the date in force, no reason, or beyond the limit with no
good reason); an extended stage with no extension letter (6.5, 6.16: the letter cannot
be issued without the Ombudsman's details); a late response with no agreed interval for
updates (5.9); an acknowledged stage with no complaint definition (5.6); a response with
no response letter issued (6.9, 6.19: the letter cannot be issued without (a) to (g));
the same handler at both stages (6.13).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator

from django.db.models import Count, Exists, F, OuterRef, Q

from redress.administration import deployment
from redress.cases.models import Complaint, Extension, Stage
from redress.code.letters import LetterKind
from redress.code.regimes import REGIMES
from redress.code.stages import Status
from redress.code.timescales import Extension as ExtensionFacts
from redress.code.timescales import StageClock, StageFacts, assess_stage
from redress.code.tsm import ReportingYear
from redress.letters.models import Letter
from redress.oversight.selectors import decisions, timeliness
from redress.record.models import Event

from .drafted import Drafted, count, period, sentence, share, was
from .scrutiny import root_cause_evidence

STAGE_PROVISIONS = {
    1: {"ack": "6.2", "respond": "6.3", "extend": "6.4", "letter": "6.5", "response": "6.9"},
    2: {"ack": "6.11", "respond": "6.14", "extend": "6.15", "letter": "6.16", "response": "6.19"},
}
ACKNOWLEDGED_FROM = {1: "being received", 2: "the request to escalate"}


def _answered(year: ReportingYear):
    """Stages answered in the year, refused complaints aside (the CH02 base)."""
    return Stage.objects.filter(responded_on__range=(year.first_day, year.last_day)).exclude(
        complaint__status=Status.REFUSED
    )


def _none_answered(number: int, year: ReportingYear) -> str:
    return f"No stage {number} responses were sent {period(year)}."


def _within(days: int | None, noun: str) -> str:
    return f"within {days} working days of {noun}" if days is not None else "on time"


def timeliness_evidence(year: ReportingYear) -> Iterator[Drafted]:
    """6.2 / 6.11 acknowledged on time, 6.3 / 6.14 answered on time, and 5.9 from the same
    figures (timeliness is the dearest query here: it is made once)."""
    regime = deployment.regime()
    rows = timeliness(year)
    yield update_interval_evidence(year, rows)
    for row in rows:
        number, answered = row["stage"], row["responded"]
        numbers = STAGE_PROVISIONS[number]
        if answered == 0:
            yield Drafted(numbers["ack"], _none_answered(number, year))
            yield Drafted(numbers["respond"], _none_answered(number, year))
            continue
        scale = regime.stage(number)
        acknowledged = row["acknowledged_on_time"]
        what = f"stage {number} complaints answered {period(year)}"
        text = (
            f"{share(acknowledged, answered)} {what} were acknowledged, defined and logged "
            f"{_within(scale.acknowledge_within, ACKNOWLEDGED_FROM[number])}."
        )
        late = answered - acknowledged
        shortfall = f"{share(late, answered)} {what} were acknowledged late." if late else ""
        yield Drafted(numbers["ack"], text, shortfall)

        on_time = row["responded_on_time"]
        extended = row["extended"]
        text = (
            f"{share(on_time, answered)} stage {number} responses sent {period(year)} were sent "
            f"{_within(scale.respond_within, 'the acknowledgement')}, or by an extended date "
            f"agreed in time; {count(extended, 'response')} had an extension."
        )
        late = answered - on_time
        shortfall = (
            f"{share(late, answered)} stage {number} responses sent {period(year)} were late."
            if late
            else ""
        )
        yield Drafted(numbers["respond"], text, shortfall)


def _clocks(stages) -> Iterator[tuple[int, StageClock, int]]:
    """(stage number, clock, how many stages share it) for answered stages.

    As `timeliness` does: stages without an extension are grouped by their dates and
    judged once per group; those with one are judged one by one from bare columns.
    """
    calendar = deployment.calendar()
    has_extension = Exists(Extension.objects.filter(stage=OuterRef("pk")))
    dates = ("number", "complaint__regime", "requested_on", "acknowledged_on", "responded_on")
    for row in stages.filter(~has_extension).values(*dates).annotate(n=Count("id")).order_by():
        facts = StageFacts(
            row["number"], row["requested_on"], row["acknowledged_on"], row["responded_on"]
        )
        regime = deployment.regime(row["complaint__regime"])
        yield row["number"], assess_stage(facts, regime, calendar, facts.responded_on), row["n"]
    extended = stages.filter(has_extension)
    found: dict[int, list[ExtensionFacts]] = {}
    for stage_id, days, agreed_on, reason, approved, recorded in (
        Extension.objects.filter(stage__in=extended.values("pk"))
        .values_list(
            "stage_id", "working_days", "agreed_on", "reason", "approved_by", "good_reason_recorded"
        )
        .order_by("id")
    ):
        good = recorded or approved is not None
        found.setdefault(stage_id, []).append(ExtensionFacts(days, agreed_on, reason, good))
    for stage_id, number, regime, requested, acknowledged, responded in extended.values_list(
        "pk", *dates
    ):
        facts = StageFacts(number, requested, acknowledged, responded, tuple(found[stage_id]))
        yield number, assess_stage(facts, deployment.regime(regime), calendar, responded), 1


def extension_evidence(year: ReportingYear) -> Iterator[Drafted]:
    """6.4 / 6.15: extensions that counted; 6.5 / 6.16: an extension letter for each."""
    extended = _answered(year).filter(Exists(Extension.objects.filter(stage=OuterRef("pk"))))
    tally = {1: Counter(), 2: Counter()}
    for number, clock, weight in _clocks(extended):
        tally[number]["extended"] += weight
        tally[number]["broken"] += weight * (STAGE_PROVISIONS[number]["extend"] in clock.breaches)
    lettered = Exists(
        Letter.objects.filter(
            complaint=OuterRef("complaint_id"), kind=LetterKind.EXTENSION, stage=OuterRef("number")
        )
    )
    letters = dict(
        extended.filter(lettered).values_list("number").annotate(n=Count("id")).order_by()
    )
    regime = deployment.regime()
    for number in (1, 2):
        numbers = STAGE_PROVISIONS[number]
        total, broken = tally[number]["extended"], tally[number]["broken"]
        if total == 0:
            text = f"No stage {number} response sent {period(year)} had an extension."
            yield Drafted(numbers["extend"], text)
            yield Drafted(numbers["letter"], text)
            continue
        limit = regime.stage(number).extension_limit
        what = f"stage {number} responses sent {period(year)} with an extension"
        text = (
            f"{share(total - broken, total)} {what} had every extension agreed with the "
            f"resident by the response date in force, with its reason recorded, and within "
            f"{limit} working days in all or with a good reason."
        )
        shortfall = (
            f"{share(broken, total)} {what} had an extension that did not count: not agreed "
            "in time, with no reason recorded, or beyond the limit without a good reason."
            if broken
            else ""
        )
        yield Drafted(numbers["extend"], text, shortfall)

        sent = letters.get(number, 0)
        text = (
            f"{share(sent, total)} {what} had an extension letter issued, which Redress "
            "issues only with the Housing Ombudsman's contact details."
        )
        shortfall = (
            f"{share(total - sent, total)} {what} had no extension letter issued from Redress."
            if sent < total
            else ""
        )
        yield Drafted(numbers["letter"], text, shortfall)


def response_letter_evidence(year: ReportingYear) -> Iterator[Drafted]:
    """6.9 / 6.19: each response confirmed in a letter holding elements (a) to (g)."""
    lettered = Exists(
        Letter.objects.filter(
            complaint=OuterRef("complaint_id"),
            kind=LetterKind.STAGE_RESPONSE,
            stage=OuterRef("number"),
        )
    )
    found = _answered(year).aggregate(
        **{f"s{n}": Count("id", filter=Q(number=n)) for n in (1, 2)},
        **{f"l{n}": Count("id", filter=Q(number=n) & Q(lettered)) for n in (1, 2)},
    )
    for number in (1, 2):
        provision = STAGE_PROVISIONS[number]["response"]
        total, sent = found[f"s{number}"], found[f"l{number}"]
        if total == 0:
            yield Drafted(provision, _none_answered(number, year))
            continue
        what = f"stage {number} responses sent {period(year)}"
        text = (
            f"{share(sent, total)} {what} were confirmed in a response letter issued from "
            "Redress, which issues one only when it states the stage, the complaint "
            "definition, the decision, the reasons, any remedy, any outstanding actions "
            "and how to escalate."
        )
        shortfall = (
            f"{share(total - sent, total)} {what} had no response letter issued from Redress."
            if sent < total
            else ""
        )
        yield Drafted(provision, text, shortfall)


def _could_be_late(number: int) -> Q:
    """Stages answered later than the shortest response time of any regime, in calendar
    days from the request: a bound no late stage escapes (a working day is at least one
    calendar day), which spares most stages the look-up for an agreed interval."""
    shortest = min(regime.stage(number).respond_within for regime in REGIMES.values())
    return Q(number=number, responded_on__gt=F("requested_on") + dt.timedelta(days=shortest))


def update_interval_evidence(year: ReportingYear, rows: list[dict]) -> Drafted:
    """5.9: every response sent late had an interval for updates agreed with the resident."""
    late = sum(row["responded"] - row["responded_on_time"] for row in rows)
    if late == 0:
        return Drafted("5.9", f"No response was sent late {period(year)}.")
    agreed = Q()
    for number in (1, 2):
        events = Event.objects.filter(
            subject_kind=Event.Subject.COMPLAINT,
            subject_id=OuterRef("complaint_id"),
            action="update_interval_agreed",
            payload__stage=number,
        )
        agreed |= _could_be_late(number) & Q(Exists(events))
    with_interval = sum(
        weight
        for number, clock, weight in _clocks(_answered(year).filter(agreed))
        if not clock.responded_on_time
    )
    what = f"responses sent late {period(year)}"
    text = (
        f"{share(with_interval, late)} {what} had an interval for updates agreed with the resident."
    )
    missing = late - with_interval
    shortfall = (
        f"{share(missing, late)} {what} had no interval for updates recorded." if missing else ""
    )
    return Drafted("5.9", text, shortfall)


def definition_evidence(year: ReportingYear) -> Drafted:
    """5.6: a complaint definition (the points and the outcomes sought) at each stage."""
    acknowledged = Stage.objects.filter(acknowledged_on__range=(year.first_day, year.last_day))
    defined = Q(definition__points__0__isnull=False) & Q(
        definition__outcomes_sought__0__isnull=False
    )
    found = acknowledged.aggregate(total=Count("id"), defined=Count("id", filter=defined))
    total, done = found["total"], found["defined"]
    if total == 0:
        return Drafted("5.6", f"No stage was acknowledged {period(year)}.")
    what = f"stages acknowledged {period(year)}"
    text = (
        f"{share(done, total)} {what} recorded the complaint definition: the points of "
        "complaint and the outcomes the resident seeks."
    )
    shortfall = (
        f"{share(total - done, total)} {what} have no complaint definition recorded."
        if done < total
        else ""
    )
    return Drafted("5.6", text, shortfall)


def two_stages_evidence(year: ReportingYear) -> Iterator[Drafted]:
    """5.2 / 5.3: exactly two stages; the database refuses a third or a "stage 0"."""
    span = (year.first_day, year.last_day)
    accepted = (
        Complaint.objects.filter(received_on__range=span).exclude(status=Status.REFUSED).count()
    )
    escalated = (
        Stage.objects.filter(number=2, requested_on__range=span)
        .exclude(complaint__status=Status.REFUSED)
        .count()
    )
    text = (
        f"{count(accepted, 'complaint')} entered stage 1 and {count(escalated, 'escalation')} "
        f"to stage 2 {was(escalated)} requested {period(year)}. Redress "
        "records exactly two stages: it refuses a third stage or a stage before stage 1."
    )
    yield Drafted("5.2", sentence(text))
    yield Drafted("5.3", sentence(text))


def contractor_evidence(year: ReportingYear) -> Drafted:
    """5.4: complaints about a third party's work go through the landlord's own two stages."""
    span = (year.first_day, year.last_day)
    found = Complaint.objects.filter(received_on__range=span, contractor__isnull=False).aggregate(
        complaints=Count("id"), contractors=Count("contractor", distinct=True)
    )
    if found["complaints"] == 0:
        return Drafted("5.4", f"No complaint received {period(year)} named a contractor.")
    text = (
        f"{count(found['complaints'], 'complaint')} received {period(year)} concerned the work "
        f"of {count(found['contractors'], 'contractor')}; each was handled in the landlord's "
        "own two stages."
    )
    return Drafted("5.4", text)


def decision_evidence(year: ReportingYear) -> Iterator[Drafted]:
    """6.7 / 6.18: a decision on every point of the definition (Redress refuses a response
    without one), counted by outcome; and 9.2 from the same counts (made once)."""
    rows = decisions(year)
    yield root_cause_evidence(year, rows)
    for row in rows:
        provision = "6.7" if row["stage"] == 1 else "6.18"
        upheld, partly, not_upheld = row["counts"]
        if row["total"] == 0:
            text = f"No points were decided in stage {row['stage']} responses sent {period(year)}."
        else:
            text = (
                f"Stage {row['stage']} responses sent {period(year)} decided "
                f"{count(row['total'], 'point')}: {upheld:,} upheld, {partly:,} partly upheld "
                f"and {not_upheld:,} not upheld, each with its reasons."
            )
        yield Drafted(provision, text)


def stage2_handler_evidence(year: ReportingYear) -> Drafted:
    """6.13: the stage 2 handler is never the person who handled stage 1."""
    stage2 = Stage.objects.filter(
        number=2, responded_on__range=(year.first_day, year.last_day), handler__isnull=False
    )
    same = stage2.filter(
        complaint__stages__number=1, complaint__stages__handler=F("handler")
    ).count()
    total = stage2.count()
    if total == 0:
        return Drafted("6.13", f"No stage 2 responses were sent {period(year)}.")
    if same == 0:
        responses = count(total, "stage 2 response")
        text = f"No stage 2 was handled by the stage 1 handler ({responses} sent {period(year)})."
        return Drafted("6.13", text)
    text = (
        f"{same:,} of {total:,} stage 2 responses sent {period(year)} were handled by the "
        "stage 1 handler."
    )
    return Drafted("6.13", text, shortfall=text)
