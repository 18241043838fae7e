"""A small known set of complaints, built through the API, with distinctive personal details.

"Today" for the figures is Friday 2026-11-20. In 2026/27 (dates from
redress/cases/tests/factories.py unless said):

- closed: both stages on time, upheld at each;
- open at stage 1, acknowledged 5 October: 50 days old, overdue;
- refused (legal proceedings), no category;
- escalated 20 October, not yet acknowledged: 31 days old at stage 2, overdue;
- received 18 November: 2 days old, not yet due;
- answered 30 October after a 10-working-day extension agreed in time: on time, partly upheld;
- acknowledged late (9 October) and answered late (30 October): not upheld, with a
  category of its own wording;

and one in 2025/26: received 2 June 2025 and refused as previously considered.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest

from redress.administration import deployment
from redress.cases.models import Complaint
from redress.cases.tests.factories import (
    accept,
    acknowledge,
    case_in,
    filed_under,
    ok,
    open_case,
    sent,
)
from redress.conftest import ApiClient

TODAY = dt.date(2026, 11, 20)
ODD_CATEGORY = "Zanzibar boiler saga"


@dataclass
class KnownSet:
    references: list[str] = field(default_factory=list)
    # Every piece of personal detail or free text the page must never show.
    secrets: list[str] = field(default_factory=list)


def _staff(make_staff, username: str, role: str, first: str, last: str):
    user = make_staff(username, role)
    user.first_name, user.last_name = first, last
    user.save()
    return ApiClient(user)


def _resident(api, n: int) -> int:
    body = ok(
        api.post(
            "/residents",
            {
                "name": f"Philomena Quagmire-{n}",
                "address": f"{n} Wisteria Cloisters, Lower Dimbleby",
                "postcode": "ZZ9 9ZZ",
                "email": f"philomena{n}@example.org",
                "phone": f"07700 90012{n}",
            },
        ),
        201,
    )
    return body["id"]


@pytest.fixture
def known_set(make_staff, monkeypatch) -> KnownSet:
    officer = _staff(make_staff, "ottoline", "complaints officer", "Ottoline", "Featherstonehaugh")
    second = _staff(make_staff, "barnabus", "handler", "Barnabus", "Crumhorn")
    found = KnownSet(
        secrets=[
            "Philomena",
            "Quagmire",
            "Wisteria",
            "Dimbleby",
            "ZZ9",
            "07700",
            "example.org",
            "Ottoline",
            "ottoline",
            "Featherstonehaugh",
            "Barnabus",
            "barnabus",
            "Crumhorn",
            "Gargoyle",
            "Damp not fixed",
            "did not fix the damp",
            "Fix the damp",
            "repair was missed",
            "Court claim",
            ODD_CATEGORY,
            "Vexatious",
        ]
    )
    counter = iter(range(1, 100))

    def opened(**extra) -> dict:
        n = next(counter)
        return {"resident": _resident(officer, n), "summary": f"Gargoyle leak number {n}", **extra}

    found.references.append(case_in("closed", officer, second, **opened(category="Repairs")))
    found.references.append(case_in("stage1_acknowledged", officer, **opened(category="Repairs")))
    found.references.append(case_in("refused", officer, **opened()))
    found.references.append(
        case_in("stage2_requested", officer, **opened(category="Staff conduct"))
    )
    found.references.append(
        open_case(officer, received_at="2026-11-18T10:00:00Z", **opened(category="Communal areas"))
    )

    extended = open_case(officer, **opened(category="Communal areas"))
    accept(officer, extended)
    acknowledge(officer, extended)
    ok(
        officer.post(
            f"/complaints/{extended}/extensions",
            {
                "working_days": 10,
                "reason": "Vexatious contractor delay",
                "told_resident_on": "2026-10-12",
                "occurred_at": "2026-10-12T10:00:00Z",
            },
        )
    )
    _decide(officer, extended, "partly_upheld")
    found.references.append(extended)

    late = open_case(officer, **opened())
    # Filed under a tracker's own wording, as the migration keeps one (an imported
    # category): the API accepts only the landlord's.
    Complaint.objects.filter(reference=late).update(category=filed_under(ODD_CATEGORY))
    accept(officer, late)
    acknowledge(officer, late, occurred_at="2026-10-09T10:00:00Z")
    _decide(officer, late, "not_upheld")
    found.references.append(late)

    old = open_case(officer, received_at="2025-06-02T10:00:00Z", **opened())
    ok(
        officer.post(
            f"/complaints/{old}/refuse",
            {
                "exclusion": "previously_considered",
                "reason": "Vexatious repeat of an earlier complaint",
                "occurred_at": "2025-06-05T10:00:00Z",
            },
        )
    )
    found.references.append(old)
    monkeypatch.setattr(deployment, "today", lambda: TODAY)
    return found


def _decide(api, reference: str, decision: str) -> None:
    ok(
        api.post(
            f"/complaints/{reference}/respond",
            {
                "decisions": [{"point": "Damp not fixed", "decision": decision}],
                "reasons": "The repair was missed",
                "communication": sent("2026-10-30"),
            },
        )
    )
