"""Demo data: a landlord's last eight months of complaints, in every state.

Every case is made through the same services a handler uses, back-dated to
when each step happened, so the demo's record, clocks and breaches are the
real thing. A fixed seed makes the demo the same on every machine.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import random
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from redress.administration import deployment
from redress.cases.services import contacts
from redress.code.london import LONDON, london_date
from redress.generate import words
from redress.intake import services as intake
from redress.record.errors import Refused
from redress.staff.mfa import enrol_totp
from redress.staff.models import Team
from redress.staff.roles import (
    ADMINISTRATOR,
    COMPLAINTS_OFFICER,
    GOVERNING_BODY,
    HANDLER,
    MANAGER,
    MRC,
    SENIOR_LEAD,
)

from . import services

# The demo's residents take the first of the generator's names, as they always have.
FIRST = words.FIRST[:20]
LAST = words.LAST[:12]

PASSWORD = "redress-demo"
# Every demo account's authenticator-app secret (base32), published in the README so that
# a reviewer can add it to an app, or print the current code with `manage.py demo_code`.
DEMO_TOTP_SECRET = "REDRESSDEMOTOTPSECRETXYZ"
STAFF = (
    ("officer", "Olive", "Okafor", COMPLAINTS_OFFICER),
    ("hamid", "Hamid", "Hussain", HANDLER),
    ("priya", "Priya", "Patel", HANDLER),
    ("tom", "Tom", "Evans", HANDLER),
    ("maya", "Maya", "Clarke", MANAGER),
    ("sara", "Sara", "Lindqvist", SENIOR_LEAD),
    ("mrc", "Morgan", "Reid", MRC),
    ("board", "Bea", "Osei", GOVERNING_BODY),
    ("admin", "Ade", "Min", ADMINISTRATOR),
)
# Handlers who share a queue: Hamid and Priya work on repairs complaints together.
TEAMS = {"Repairs complaints": ("hamid", "priya"), "Neighbourhoods": ("tom",)}
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


def ensure_demo_staff():
    """The demo accounts, roles and teams; safe to run again on a loaded database."""
    users = {}
    for username, first, last, role in STAFF:
        user, created = get_user_model().objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@example.org",
            },
        )
        if created:
            user.set_password(PASSWORD)
            user.save()
        user.groups.add(Group.objects.get_or_create(name=role)[0])
        enrol_totp(user, DEMO_TOTP_SECRET)
        users[username] = user
    for name, members in TEAMS.items():
        Team.objects.get_or_create(name=name)[0].members.add(*(users[m] for m in members))
    return users


def _moment(day: dt.date, rng: random.Random) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(rng.randint(8, 17), rng.randint(0, 59)), tzinfo=LONDON)


def _sent(at: dt.datetime):
    """The demo's acknowledgements and responses went as letters from another system."""
    return services.Recorded(
        sent_on=london_date(at), channel="letter", note="The letter as sent (demo data)."
    )


def _later(day: dt.date, working_days: int) -> dt.date:
    return deployment.calendar().add_working_days(day, working_days)


def _make_case(rng: random.Random, users: dict, target: str, today: dt.date, officer) -> None:
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
    ref = complaint.reference
    handler1, handler2 = rng.sample([users["hamid"], users["priya"], users["tom"]], 2)

    def step(day: dt.date, call: Callable) -> bool:
        if day > today:
            return False
        call(_moment(day, rng))
        return True

    if target == "received":
        return
    if target == "refused":
        exclusion = "over_12_months" if (received - arose).days > 365 else "previously_considered"
        step(
            received,
            lambda at: services.refuse(
                ref,
                actor=officer,
                exclusion=exclusion,
                reason="Considered under complaint CMP-2024-000001; no new issues raised"
                if exclusion != "over_12_months"
                else "The events are over 12 months old",
                occurred_at=at,
            ),
        )
        return
    step(
        received,
        lambda at: services.accept(
            ref,
            actor=officer,
            discretion_reason=(
                "The resident was in hospital" if (received - arose).days > 365 else ""
            ),
            occurred_at=at,
        ),
    )
    services.assign(ref, actor=officer, handler_id=handler1.pk, occurred_at=_moment(received, rng))
    if target == "accepted":
        return
    ack1 = _later(received, rng.choice((1, 2, 3, 4, 5, 5, 7)))
    point = summary.split(";")[0]
    if not step(
        ack1,
        lambda at: services.acknowledge(
            ref,
            actor=handler1,
            points=[point],
            outcomes_sought=["Put it right", "An apology"],
            responsible_for_all=True,
            communication=_sent(at),
        ),
    ):
        return
    if rng.random() < 0.15:
        told = _later(ack1, rng.randint(3, 9))
        if told <= today:
            services.extend(
                ref,
                actor=handler1,
                working_days=rng.choice((5, 10)),
                reason="Waiting for the contractor's survey report",
                told_resident_on=told,
                occurred_at=_moment(told, rng),
            )
    if target == "acknowledged":
        return
    decision = rng.choice(("upheld", "partly_upheld", "not_upheld"))
    resp1 = _later(ack1, rng.choice((4, 8, 10, 10, 12)))
    if not step(
        resp1,
        lambda at: services.respond(
            ref,
            actor=handler1,
            decisions=[{"point": point, "decision": decision}],
            reasons="We reviewed the repair history and spoke to the contractor.",
            remedies=[{"kind": "apology", "description": "We apologise", "due_on": london_date(at)}]
            if decision != "not_upheld"
            else [],
            outstanding_actions=[],
            communication=_sent(at),
        ),
    ):
        return
    if target == "responded":
        return
    if target == "closed":
        step(
            _later(resp1, 20),
            lambda at: services.close(
                ref, actor=officer, note="No escalation requested", occurred_at=at
            ),
        )
        return
    esc = _later(resp1, rng.randint(1, 15))
    if not step(
        esc,
        lambda at: services.escalate(
            ref, actor=officer, occurred_at=at, still_wrong="The problem is still there"
        ),
    ):
        return
    services.assign(ref, actor=officer, handler_id=handler2.pk, occurred_at=_moment(esc, rng))
    if target == "escalated":
        return
    ack2 = _later(esc, rng.choice((2, 4, 5, 6)))
    if not step(
        ack2,
        lambda at: services.acknowledge(
            ref,
            actor=handler2,
            points=["Stage 1 did not resolve the problem"],
            outcomes_sought=["Complete the works"],
            responsible_for_all=True,
            communication=_sent(at),
        ),
    ):
        return
    if target == "stage2_acknowledged":
        return
    step(
        _later(ack2, rng.choice((10, 18, 20, 24))),
        lambda at: services.respond(
            ref,
            actor=handler2,
            decisions=[{"point": "Stage 1 did not resolve the problem", "decision": "upheld"}],
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
