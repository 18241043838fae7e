"""Complaints made straight in the database for the figures (dates anywhere, as the trends
need), and through the services where the record matters (root causes, lessons)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from redress.cases import services
from redress.cases.models import Complaint, Contractor, Stage
from redress.cases.tests.factories import by_letter, dated_stage, filed_under
from redress.intake import services as intake
from redress.intake.models import Resident

TODAY = dt.date(2026, 11, 20)  # the latest complete month is October 2026
_numbers = itertools.count(1)


def month(i: int, day: int = 15) -> dt.date:
    """The i-th of the thirteen trend months: 0 is October 2025, 12 is October 2026."""
    index = 2025 * 12 + 9 + i
    return dt.date(index // 12, index % 12 + 1, day)


def complaint(received_on, category="", resident=None, contractor=None) -> Complaint:
    return Complaint.objects.create(
        reference=f"ZQX-{next(_numbers):05d}",
        received_on=received_on,
        status="closed",
        category=filed_under(category),
        resident=resident,
        contractor=contractor,
    )


def stage(c: Complaint, number: int, decisions: list[str], responded: bool = True) -> Stage:
    return dated_stage(
        complaint=c,
        number=number,
        requested_on=c.received_on,
        responded_on=c.received_on + dt.timedelta(days=10) if responded else None,
        response={
            "decisions": [
                {"point": f"Point {i}", "decision": d} for i, d in enumerate(decisions, start=1)
            ]
        },
    )


def resident(name: str, postcode: str, block: str = "", estate: str = "") -> Resident:
    return Resident.objects.create(
        name=name,
        address=f"{name} Cottage, Wisteria Cloisters",
        postcode=postcode,
        block=block,
        estate=estate,
    )


@pytest.fixture
def responded(make_staff):
    """A complaint responded to at stage 1 through the services: one point upheld, one
    partly upheld, one not upheld."""
    officer = make_staff("olive", "complaints officer")
    who = intake.create_resident(actor=officer, name="Philomena Quagmire", postcode="ZZ9 9ZZ")
    c = services.open_complaint(
        actor=officer, resident=who, summary="Gargoyle leak", channel="phone", category="Repairs"
    )
    services.accept(c.reference, actor=officer)
    points = ["Leak not fixed", "Late reply", "Rude operative"]
    services.acknowledge(
        c.reference,
        actor=officer,
        points=points,
        outcomes_sought=["Fix it"],
        communication=by_letter(),
        responsible_for_all=True,
    )
    services.respond(
        c.reference,
        actor=officer,
        decisions=[
            {"point": "Leak not fixed", "decision": "upheld"},
            {"point": "Late reply", "decision": "partly_upheld"},
            {"point": "Rude operative", "decision": "not_upheld"},
        ],
        reasons="The repair was missed",
        communication=by_letter(),
    )
    c.refresh_from_db()
    c.officer = officer
    return c


@pytest.fixture
def contractors_known():
    return Contractor.objects.create(name="Ace Repairs"), Contractor.objects.create(
        name="Bodge Ltd"
    )
