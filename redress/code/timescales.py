"""A stage's clock: when it must be acknowledged and answered, and what was breached.

The rules, from the domain notes:
- acknowledge by: the request (receipt, or the escalation request) + N working days;
- respond by: the actual acknowledgement + M working days, projected from the
  acknowledge-by date until there is one;
- an extension adds working days to the respond-by date in force. It counts
  only if it was agreed (told to the resident) on or before that date, has a
  recorded reason, and, beyond the limit, a good reason. Otherwise the old
  date stands and the extension provision is breached;
- an action is on time when its date is on or before its due date; an action
  not yet done is overdue once the as-of date is past its due date.
- a stage answered without a recorded acknowledgement is not late to
  acknowledge if the answer itself came by the acknowledge-by date.
- extensions are taken in the order they were agreed (undated ones last,
  since they never count; two agreed the same day in their listed order), so
  each is judged against the respond-by date in force when it was agreed;
- where a regime has no acknowledgement duty (acknowledge_within is None),
  the response clock runs from the request, whatever acknowledgement was sent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from .calendars import WorkingDayCalendar
from .regimes import Regime, StageTimescale, provision_order
from .text import has_text

# Bounds on numbers people type where the Code sets none. An update interval (5.9's
# "suitable intervals" while a response is late; the updates agreed on an outstanding
# action or a remedy) is at most a working quarter, 13 weeks: the longest gap between
# updates that still keeps someone informed. One extension is at most a working year:
# beyond the Code's limit (6.4, 6.15) a manager approves it, but a longer "extension" is
# not a timescale but a mistake.
LONGEST_UPDATE_INTERVAL = 65
LONGEST_EXTENSION = 250


@dataclass(frozen=True)
class Extension:
    working_days: int
    agreed_on: dt.date | None
    reason: str = ""
    good_reason: bool = False


@dataclass(frozen=True)
class StageFacts:
    """What happened at one stage, as calendar dates in London."""

    stage: int
    requested_on: dt.date
    acknowledged_on: dt.date | None = None
    responded_on: dt.date | None = None
    extensions: tuple[Extension, ...] = ()
    handler: str | None = None


@dataclass(frozen=True)
class StageClock:
    stage: int
    acknowledge_by: dt.date
    respond_by: dt.date
    acknowledged_on_time: bool | None
    responded_on_time: bool | None
    extension_days: int
    acknowledgement_late: bool
    breaches: tuple[str, ...]

    @property
    def within_timescales(self) -> bool:
        """Answered on time and not late to acknowledge: the TSM CH02 test."""
        return bool(self.responded_on_time) and not self.acknowledgement_late


def valid_extension(
    extension: Extension, respond_by: dt.date, days_already: int, limit: int
) -> bool:
    """Whether an extension moves the respond-by date (see the module docstring)."""
    return (
        extension.working_days > 0
        and extension.agreed_on is not None
        and extension.agreed_on <= respond_by
        and has_text(extension.reason)
        and (days_already + extension.working_days <= limit or extension.good_reason)
    )


def _in_agreed_order(extensions: Iterable[Extension]) -> list[Extension]:
    """Extensions by the date agreed; undated ones (never valid) last, in their own order."""
    return sorted(
        extensions,
        key=lambda e: (e.agreed_on is None, e.agreed_on or dt.date.min),
    )


def _on_time(done: dt.date | None, due: dt.date) -> bool | None:
    return None if done is None else done <= due


def _late(done: dt.date | None, due: dt.date, as_of: dt.date) -> bool:
    return (done if done is not None else as_of) > due


def acknowledge_by(
    facts: StageFacts, timescale: StageTimescale, calendar: WorkingDayCalendar
) -> dt.date:
    if timescale.acknowledge_within is None:
        return facts.requested_on
    return calendar.add_working_days(facts.requested_on, timescale.acknowledge_within)


def assess_stage(
    facts: StageFacts, regime: Regime, calendar: WorkingDayCalendar, as_of: dt.date
) -> StageClock:
    timescale = regime.stage(facts.stage)
    breaches: set[str] = set()

    ack_by = acknowledge_by(facts, timescale, calendar)
    ack_on_time = None
    ack_late = False
    if timescale.acknowledge_within is not None:
        ack_on_time = _on_time(facts.acknowledged_on, ack_by)
        ack_late = _late(facts.acknowledged_on or facts.responded_on, ack_by, as_of)
        if ack_late:
            breaches.add(timescale.acknowledge_provision)

    if timescale.acknowledge_within is None:
        respond_from = facts.requested_on
    else:
        respond_from = facts.acknowledged_on or ack_by
    respond_by = calendar.add_working_days(respond_from, timescale.respond_within)
    extension_days = 0
    for extension in _in_agreed_order(facts.extensions):
        if valid_extension(extension, respond_by, extension_days, timescale.extension_limit):
            respond_by = calendar.add_working_days(respond_by, extension.working_days)
            extension_days += extension.working_days
        else:
            breaches.add(timescale.extension_provision)

    if _late(facts.responded_on, respond_by, as_of):
        breaches.add(timescale.respond_provision)

    return StageClock(
        stage=facts.stage,
        acknowledge_by=ack_by,
        respond_by=respond_by,
        acknowledged_on_time=ack_on_time,
        responded_on_time=_on_time(facts.responded_on, respond_by),
        extension_days=extension_days,
        acknowledgement_late=ack_late,
        breaches=tuple(sorted(breaches, key=provision_order)),
    )


def same_handler(first: str | None, second: str | None) -> bool:
    """Two handler identities are the same person when they match ignoring case and
    surrounding spaces. A missing or blank identity matches nobody."""
    first = (first or "").strip().casefold()
    second = (second or "").strip().casefold()
    return bool(first) and first == second


@dataclass(frozen=True)
class ComplaintClock:
    stage1: StageClock | None
    stage2: StageClock | None
    breaches: tuple[str, ...]


def assess_complaint(
    stage1: StageFacts | None,
    stage2: StageFacts | None,
    regime: Regime,
    calendar: WorkingDayCalendar,
    as_of: dt.date,
) -> ComplaintClock:
    """Both stages' clocks and every provision breached, in the Code's order.

    A refused complaint has no stage 1 to assess: pass None.
    """
    clock1 = assess_stage(stage1, regime, calendar, as_of) if stage1 else None
    clock2 = assess_stage(stage2, regime, calendar, as_of) if stage2 else None
    found: set[str] = set()
    for clock in (clock1, clock2):
        if clock:
            found.update(clock.breaches)
    if (
        stage1
        and stage2
        and regime.same_handler_provision
        and same_handler(stage1.handler, stage2.handler)
    ):
        found.add(regime.same_handler_provision)
    return ComplaintClock(clock1, clock2, sort_provisions(found))


def sort_provisions(provisions: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(provisions), key=provision_order))
