"""A small set of complaints, remedies, lessons and Ombudsman cases, counted by hand.

The period is 20 April to 10 June 2026 (52 days: 11 in April, 31 in May, 10 in
June); the previous period is the 52 days before, 27 February to 19 April 2026.
England's bank holidays in play: Good Friday 3 April, Easter Monday 6 April,
4 May and 25 May 2026. "Today" is Wednesday 10 June 2026. The regime is
hos-2024: acknowledge within 5 working days, respond within 10 (stage 1) or 20
(stage 2) working days of the acknowledgement.

In the period:
- A, Repairs, received Tue 21 Apr, acknowledged 23 Apr (due 28 Apr), answered
  5 May (due 8 May: 4 May is a holiday): on time, upheld. Escalated 12 May,
  acknowledged 14 May (due 19 May), answered 10 June (due 12 June): on time,
  upheld. An apology offered 5 May, completed 6 May.
- B, Repairs, received Fri 1 May, acknowledged Tue 5 May (due 11 May), due
  19 May, answered Tue 26 May: late by 4 working days (20, 21, 22, 26 May; the
  25th is a holiday, else it would be 5). Partly upheld and not upheld (two
  points). £150.00 offered 26 May, paid 2 June.
- C, "Damp and mould", received and acknowledged Mon 11 May, due 26 May (the
  25th is a holiday), answered Saturday 6 June: 8 working days after the due
  date (27, 28, 29 May, 1 to 5 June) and one more for a Saturday: 9. Upheld.
  £75.50 offered 6 June, not yet paid.
- D, no category, received 12 May, refused: legal proceedings.
- E, Repairs, received Tue 2 June, acknowledged 3 June, open (8 days old today).
In the previous period:
- F, "Damp and mould", received and acknowledged Mon 2 Mar, due 16 Mar, a
  5-working-day extension agreed 10 Mar (due 23 Mar), answered 20 Mar: on
  time, with an extension. Not upheld.
- G, Repairs, received and acknowledged Mon 23 Mar, due 8 Apr (3 and 6 April
  are holidays), answered 9 Apr: late by 1 working day. Upheld. £50.00
  offered 9 Apr, paid 20 Apr (in the period).
- H, Repairs, received 15 Apr, refused: previously considered.
Lessons: L1 identified 1 May, done 20 May; L2 identified 10 Apr, in progress;
L3 identified 1 Mar, done 15 Apr.
Ombudsman: A's case determined 1 June, maladministration, an order due 5 June
complied with 4 June; F's determined 1 April, no maladministration.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from redress.administration import deployment
from redress.cases.models import Complaint, Extension
from redress.cases.tests.factories import dated_stage, filed_under
from redress.code.periods import Period
from redress.learning.models import Lesson
from redress.ombudsman.models import Determination, OmbudsmanCase, Order
from redress.remedies.models import Remedy

D = dt.date
PERIOD = Period(D(2026, 4, 20), D(2026, 6, 10))
PREVIOUS = Period(D(2026, 2, 27), D(2026, 4, 19))
TODAY = D(2026, 6, 10)
DAMP = "Damp and mould"


def _complaint(ref, received, status, category="", exclusion="", next_due=None):
    return Complaint.objects.create(
        reference=f"DASH-{ref}",
        received_on=received,
        status=status,
        category=filed_under(category),
        exclusion=exclusion,
        next_due=next_due,
        summary=f"Secret summary of {ref}",
    )


def _stage(complaint, number, requested, acknowledged, responded, decisions=()):
    return dated_stage(
        complaint=complaint,
        number=number,
        requested_on=requested,
        acknowledged_on=acknowledged,
        responded_on=responded,
        response={"decisions": [{"point": f"P{i}", "decision": d} for i, d in enumerate(decisions)]}
        if decisions
        else {},
    )


def _remedy(complaint, owner, offered, *, kind="financial", amount=None, completed=None):
    return Remedy.objects.create(
        complaint=complaint,
        stage=1,
        kind=kind,
        description="Secret remedy",
        owner_user=owner,
        offered_on=offered,
        amount=amount,
        status="completed" if completed else "offered",
        completed_on=completed,
    )


@pytest.fixture(name="dashboard_set")
def the_dashboard_set(make_staff, monkeypatch, settings):
    owner = make_staff("remedyowner", "handler")
    settings.REDRESS_HOMES = 2000
    a = _complaint("A", D(2026, 4, 21), "closed", "Repairs")
    _stage(a, 1, D(2026, 4, 21), D(2026, 4, 23), D(2026, 5, 5), ["upheld"])
    _stage(a, 2, D(2026, 5, 12), D(2026, 5, 14), D(2026, 6, 10), ["upheld"])
    _remedy(a, owner, D(2026, 5, 5), kind="apology", completed=D(2026, 5, 6))
    b = _complaint("B", D(2026, 5, 1), "closed", "Repairs")
    _stage(b, 1, D(2026, 5, 1), D(2026, 5, 5), D(2026, 5, 26), ["partly_upheld", "not_upheld"])
    _remedy(b, owner, D(2026, 5, 26), amount=Decimal("150.00"), completed=D(2026, 6, 2))
    c = _complaint("C", D(2026, 5, 11), "closed", DAMP)
    _stage(c, 1, D(2026, 5, 11), D(2026, 5, 11), D(2026, 6, 6), ["upheld"])
    _remedy(c, owner, D(2026, 6, 6), amount=Decimal("75.50"))
    _complaint("D", D(2026, 5, 12), "refused", exclusion="legal_proceedings")
    e = _complaint("E", D(2026, 6, 2), "stage1_acknowledged", "Repairs", next_due=D(2026, 6, 17))
    _stage(e, 1, D(2026, 6, 2), D(2026, 6, 3), None)

    f = _complaint("F", D(2026, 3, 2), "closed", DAMP)
    f1 = _stage(f, 1, D(2026, 3, 2), D(2026, 3, 2), D(2026, 3, 20), ["not_upheld"])
    Extension.objects.create(stage=f1, working_days=5, reason="Secret", agreed_on=D(2026, 3, 10))
    g = _complaint("G", D(2026, 3, 23), "closed", "Repairs")
    _stage(g, 1, D(2026, 3, 23), D(2026, 3, 23), D(2026, 4, 9), ["upheld"])
    _remedy(g, owner, D(2026, 4, 9), amount=Decimal("50.00"), completed=D(2026, 4, 20))
    _complaint("H", D(2026, 4, 15), "refused", "Repairs", exclusion="previously_considered")

    for identified, status, done in (
        (D(2026, 5, 1), "done", D(2026, 5, 20)),
        (D(2026, 4, 10), "in_progress", None),
        (D(2026, 3, 1), "done", D(2026, 4, 15)),
    ):
        Lesson.objects.create(
            lesson="Secret lesson",
            improvement="x",
            status=status,
            identified_on=identified,
            done_on=done,
        )
    case = OmbudsmanCase.objects.create(
        complaint=a,
        ombudsman_reference="HOS-SECRET-1",
        referred_on=D(2026, 5, 20),
        determined_on=D(2026, 6, 1),
    )
    Determination.objects.create(case=case, element="Secret element", finding="maladministration")
    Order.objects.create(
        case=case,
        kind="order",
        description="Secret order",
        due_on=D(2026, 6, 5),
        complied_on=D(2026, 6, 4),
    )
    earlier = OmbudsmanCase.objects.create(
        complaint=f,
        ombudsman_reference="HOS-SECRET-2",
        referred_on=D(2026, 3, 25),
        determined_on=D(2026, 4, 1),
    )
    Determination.objects.create(case=earlier, element="Other", finding="no_maladministration")
    monkeypatch.setattr(deployment, "today", lambda: TODAY)
    return [c.reference for c in Complaint.objects.all()]
