"""The resident's status page says what was offered and promised, and whether it is done:
descriptions, amounts and dates, never the landlord's working (owner, evidence, band)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from redress.cases.access import VERIFIED
from redress.remedies import services
from redress.remedies.models import Remedy

from .conftest import DUE, make_case

pytestmark = pytest.mark.django_db

PAID_ON = dt.date(2026, 5, 20)


def status_page(reference: str) -> str:
    client = Client()
    session = client.session
    session[VERIFIED] = reference
    session.save()
    return client.get("/check-a-complaint/status/").content.decode()


def test_the_status_page_says_what_is_put_right_and_what_is_still_due(handler):
    case = make_case(
        handler,
        remedies=[
            {"kind": "apology", "description": "We apologise", "due_on": DUE},
            {
                "kind": "financial",
                "description": "Payment for the delay",
                "amount": "150",
                "due_on": DUE,
            },
            {"kind": "explanation", "description": "A visit to explain the works", "due_on": DUE},
            {"kind": "action_on_delay", "description": "A date for the works", "due_on": DUE},
        ],
        actions=[
            {"description": "Treat the damp", "due_on": DUE},
            {"description": "Replace the window", "due_on": DUE},
        ],
    )
    apology, payment, visit, works = Remedy.objects.filter(complaint=case).order_by("id")
    services.change_remedy_status(
        payment.pk, actor=handler, status="completed", on=PAID_ON, evidence="BACS 55120"
    )
    services.change_remedy_status(works.pk, actor=handler, status="accepted", on=PAID_ON)
    services.change_remedy_status(visit.pk, actor=handler, status="declined", on=PAID_ON)
    damp = case.outstanding_actions.get(description="Treat the damp")
    services.complete_action(damp.pk, actor=handler, on=PAID_ON, evidence="Job 42 signed off")

    page = status_page(case.reference)
    assert "Putting things right" in page
    for line in (
        "We apologise: offered, due by 22 May 2026",
        "A date for the works: you accepted it, due by 22 May 2026",
        "Payment for the delay (£150.00): paid on 20 May 2026",
        "A visit to explain the works: you declined it on 20 May 2026",
        "Treat the damp: done on 20 May 2026",
        "Replace the window: due by 22 May 2026",
    ):
        assert f"<li>{line}</li>" in page, line
    for working in ("BACS 55120", "Job 42 signed off", "Hana"):
        assert working not in page


def test_nothing_to_put_right_shows_no_section(handler):
    case = make_case(handler, remedies=[], actions=[])
    assert "Putting things right" not in status_page(case.reference)
