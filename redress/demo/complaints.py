"""Demo complaints: a landlord's last eight months of complaints, in every state.

Every case is made through the same services a handler uses, back-dated to
when each step happened, so the demo's record, clocks and breaches are the
real thing. A fixed seed makes the demo the same on every machine.

A case is opened, then taken down STEPS as far as its target asks: each step is one
thing the Code has a handler do, on the day it happened, and a step whose day is
still to come stops the case where it is. Two targets leave the way (ENDINGS): a
complaint refused on receipt, and one closed after its stage 1 response.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass

from redress.administration import deployment
from redress.cases import services
from redress.cases.services import contacts
from redress.code.london import LONDON, london_date
from redress.generate import words
from redress.intake import services as intake
from redress.record.errors import Refused

from .staff import ensure_demo_staff

# The demo's residents take the first of the generator's names, as they always have.
FIRST = words.FIRST[:20]
LAST = words.LAST[:12]
BLOCKS = ("Aire", "Calder", "Nidd", "Wharfe")
ESTATES = ("Hyde Park estate", "Seacroft estate", "Holbeck estate")
STREETS = words.STREETS[:8]
SUBJECTS = (
    ("Damp and mould", "Damp and mould in the bedroom has come back after the repair"),
    ("Repairs", "The boiler has broken down three times this winter"),
    ("Repairs", "Leaking roof; the contractor did not turn up twice"),
    ("Anti-social behaviour", "Noise from the flat above was reported and nothing happened"),
    ("Rent and service charges", "Nobody replied to my emails about the rent account"),
    ("Rent and service charges", "Service charge increase was not explained"),
    ("Communal areas", "Communal areas have not been cleaned for weeks"),
    ("Staff conduct", "The officer who visited was rude to my mother"),
)
# Final state wanted, with its share of the demo.
TARGETS = (
    ("received", 4),
    ("accepted", 4),
    ("acknowledged", 22),
    ("responded", 14),
    ("closed", 26),
    ("escalated", 5),
    ("stage2_acknowledged", 10),
    ("final", 10),
    ("refused", 5),
)


# Days since receipt for cases left open: long enough for their steps, short enough to be live.
OPEN_AGES = {
    "received": (1, 6),
    "accepted": (1, 6),
    "acknowledged": (3, 25),
    "escalated": (45, 70),
    "stage2_acknowledged": (50, 80),
}
STAGE2_POINT = "Stage 1 did not resolve the problem"


def _moment(day: dt.date, rng: random.Random) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(rng.randint(8, 17), rng.randint(0, 59)), tzinfo=LONDON)


def _sent(at: dt.datetime):
    """The demo's acknowledgements and responses went as letters from another system."""
    return services.Recorded(
        sent_on=london_date(at), channel="letter", note="The letter as sent (demo data)."
    )


def _later(day: dt.date, working_days: int) -> dt.date:
    return deployment.calendar().add_working_days(day, working_days)


@dataclass
class _Case:
    """What the steps of one demo complaint share."""

    rng: random.Random
    today: dt.date
    officer: object
    ref: str
    received: dt.date
    arose: dt.date
    point: str  # the one point stage 1 defines
    handlers: tuple  # stage 1's, then stage 2's
    on: dt.date  # the day of the last step taken

    def step(self, day: dt.date, call: Callable[[dt.datetime], object]) -> bool:
        """Take the step at a moment on `day`, unless that day is still to come."""
        if day > self.today:
            return False
        call(_moment(day, self.rng))
        self.on = day
        return True


def _open(rng: random.Random, users: dict, target: str, today: dt.date, officer) -> _Case:
    """A resident and their complaint, logged; received longer ago the further it goes."""
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    resident = intake.create_resident(
        actor=officer,
        name=name,
        address=f"{rng.randint(1, 120)} {rng.choice(STREETS)}, Leeds",
        postcode=f"LS{rng.randint(1, 17)} {rng.randint(1, 9)}{rng.choice('ABDEFGHJ')}"
        f"{rng.choice('LNPQRSTUW')}",
        email=f"{name.lower().replace(' ', '.')}@example.org",
        phone=f"07700 9{rng.randint(10000, 99999)}",
        block=f"{rng.choice(BLOCKS)} House",
        estate=rng.choice(ESTATES),
    )
    category, summary = rng.choice(SUBJECTS)
    # Open cases are mostly recent, as in a working team's queue; finished ones span months.
    low, high = OPEN_AGES.get(target, (2, 240))
    received = today - dt.timedelta(days=rng.randint(low, high))
    arose = received - dt.timedelta(
        days=rng.choice((10, 40, 90, 420 if target == "refused" else 30))
    )
    _, complaint = contacts.record_contact(
        actor=officer,
        resident_id=resident.pk,
        channel=rng.choice(
            ("phone", "email", "letter", "in_person", "online_form", "social_media")
        ),
        classification="complaint",
        summary=summary,
        received_at=_moment(received, rng),
        issue_arose_on=arose,
        category=category,
    )
    handlers = tuple(rng.sample([users["hamid"], users["priya"], users["tom"]], 2))
    point = summary.split(";")[0]
    return _Case(
        rng, today, officer, complaint.reference, received, arose, point, handlers, received
    )


def _refuse(case: _Case) -> bool:
    """Refused on receipt: over 12 months old, or considered before."""
    over = (case.received - case.arose).days > 365
    exclusion = "over_12_months" if over else "previously_considered"
    return case.step(
        case.received,
        lambda at: services.refuse(
            case.ref,
            actor=case.officer,
            exclusion=exclusion,
            reason="The events are over 12 months old"
            if over
            else "Considered under complaint CMP-2024-000001; no new issues raised",
            occurred_at=at,
        ),
    )


def _accept(case: _Case) -> bool:
    """Accepted on receipt (over 12 months old only for a good reason), and assigned."""
    case.step(
        case.received,
        lambda at: services.accept(
            case.ref,
            actor=case.officer,
            discretion_reason=(
                "The resident was in hospital" if (case.received - case.arose).days > 365 else ""
            ),
            occurred_at=at,
        ),
    )
    services.assign(
        case.ref,
        actor=case.officer,
        handler_id=case.handlers[0].pk,
        occurred_at=_moment(case.received, case.rng),
    )
    return True


def _acknowledge(case: _Case) -> bool:
    """Stage 1 acknowledged and defined; now and then extended, waiting for a survey."""
    rng = case.rng
    acknowledged = _later(case.on, rng.choice((1, 2, 3, 4, 5, 5, 7)))
    if not case.step(
        acknowledged,
        lambda at: services.acknowledge(
            case.ref,
            actor=case.handlers[0],
            points=[case.point],
            outcomes_sought=["Put it right", "An apology"],
            responsible_for_all=True,
            communication=_sent(at),
        ),
    ):
        return False
    if rng.random() < 0.15:
        told = _later(acknowledged, rng.randint(3, 9))
        if told <= case.today:
            services.extend(
                case.ref,
                actor=case.handlers[0],
                working_days=rng.choice((5, 10)),
                reason="Waiting for the contractor's survey report",
                told_resident_on=told,
                occurred_at=_moment(told, rng),
            )
    return True


def _respond(case: _Case) -> bool:
    """Stage 1 answered: upheld (with an apology), partly upheld, or not upheld."""
    rng = case.rng
    decision = rng.choice(("upheld", "partly_upheld", "not_upheld"))
    return case.step(
        _later(case.on, rng.choice((4, 8, 10, 10, 12))),
        lambda at: services.respond(
            case.ref,
            actor=case.handlers[0],
            decisions=[{"point": case.point, "decision": decision}],
            reasons="We reviewed the repair history and spoke to the contractor.",
            remedies=[{"kind": "apology", "description": "We apologise", "due_on": london_date(at)}]
            if decision != "not_upheld"
            else [],
            outstanding_actions=[],
            communication=_sent(at),
        ),
    )


def _close(case: _Case) -> bool:
    """Closed when no escalation was asked for."""
    return case.step(
        _later(case.on, 20),
        lambda at: services.close(
            case.ref, actor=case.officer, note="No escalation requested", occurred_at=at
        ),
    )


def _escalate(case: _Case) -> bool:
    """Escalated to stage 2 and given to the other handler."""
    rng = case.rng
    escalated = _later(case.on, rng.randint(1, 15))
    if not case.step(
        escalated,
        lambda at: services.escalate(
            case.ref, actor=case.officer, occurred_at=at, still_wrong="The problem is still there"
        ),
    ):
        return False
    services.assign(
        case.ref,
        actor=case.officer,
        handler_id=case.handlers[1].pk,
        occurred_at=_moment(escalated, rng),
    )
    return True


def _acknowledge_stage2(case: _Case) -> bool:
    """Stage 2 acknowledged by the other handler (6.13)."""
    return case.step(
        _later(case.on, case.rng.choice((2, 4, 5, 6))),
        lambda at: services.acknowledge(
            case.ref,
            actor=case.handlers[1],
            points=[STAGE2_POINT],
            outcomes_sought=["Complete the works"],
            responsible_for_all=True,
            communication=_sent(at),
        ),
    )


def _respond_stage2(case: _Case) -> bool:
    """The final response: upheld, with compensation for distress."""
    return case.step(
        _later(case.on, case.rng.choice((10, 18, 20, 24))),
        lambda at: services.respond(
            case.ref,
            actor=case.handlers[1],
            decisions=[{"point": STAGE2_POINT, "decision": "upheld"}],
            reasons="Works were delayed by our contractor.",
            remedies=[
                {
                    "kind": "financial",
                    "description": "Compensation for distress",
                    "amount": "150",
                    "due_on": _later(london_date(at), 10),
                }
            ],
            outstanding_actions=[],
            communication=_sent(at),
        ),
    )


# The way through both stages, each step named by the target it reaches.
STEPS = (
    ("accepted", _accept),
    ("acknowledged", _acknowledge),
    ("responded", _respond),
    ("escalated", _escalate),
    ("stage2_acknowledged", _acknowledge_stage2),
    ("final", _respond_stage2),
)
# Targets that leave the way: the target whose steps come first, then the step that ends it.
ENDINGS = {"refused": ("received", _refuse), "closed": ("responded", _close)}


def steps_to(target: str) -> list[Callable[[_Case], bool]]:
    """The steps that take a newly logged complaint to `target`, in order."""
    last, ending = ENDINGS.get(target, (target, None))
    reached = ["received", *(name for name, _ in STEPS)]
    steps = [step for _, step in STEPS[: reached.index(last)]]
    return [*steps, ending] if ending else steps


def _make_case(rng: random.Random, users: dict, target: str, today: dt.date, officer) -> None:
    """One complaint, opened and taken as far towards `target` as the dates allow."""
    case = _open(rng, users, target, today, officer)
    for step in steps_to(target):
        if not step(case):
            return


def load_demo(count: int = 300, seed: int = 2024, progress: Callable[[], None] | None = None):
    """Create demo staff and `count` complaints; returns the staff users."""
    rng = random.Random(seed)
    users = ensure_demo_staff()
    officer = users["officer"]
    today = deployment.today()
    weights = [w for _, w in TARGETS]
    for _ in range(count):
        target = rng.choices([t for t, _ in TARGETS], weights)[0]
        # A step the random dates make impossible stops the case where it is.
        with contextlib.suppress(Refused):
            _make_case(rng, users, target, today, officer)
        if progress:
            progress()
    return users
