"""The annual report's fixture: the oversight known set (conftest.py) plus, made directly,
what the report reads beyond complaints. Every figure the tests expect is counted by hand
here.

In 2026/27 (the known set, as the summary tests count it): 7 complaints received at
stage 1, 1 not accepted (legal proceedings), 6 accepted, 2 escalations; stage 1: 4
responses, 3 within the timescales; stage 2: 1 response, within. In 2025/26: 1 received
and not accepted (previously considered).

Added here:
- remedies offered in 2026/27 (30 October): an apology (completed), £150.00
  (completed), £75.50 (declined), each settled on 20 November: 3 offered, 2 financial,
  £225.50 offered, £150.00 paid, 2 completed, 1 declined; and in 2025/26 one of £40.00;
- Ombudsman cases: one determined 1 September 2026 with "The landlord's complaint
  handling" maladministration (counts), "Complaint handling delays" service failure
  (counts), "The landlord's handling of repairs" severe maladministration (not about
  complaint handling), a complaint handling failure order (counts) and an order (not a
  failure order); one not yet determined with a failure order due 15 December 2026
  (counts); one determined 1 May 2025 with a failure order (2025/26). So: 2 failure
  orders, findings 1 maladministration + 1 service failure = 2;
- lessons done 10 June and 30 September 2026 (2), done 1 March 2026 (2025/26), and one
  in progress;
- publications for 2026/27: the Ombudsman's annual report (a link), a special
  investigation report (a PDF), a withdrawn one; and an annual report for 2025/26;
- the 2026/27 self-assessment: version 1 published (1.2 yes, 6.13 partial with an
  action), version 2 a draft.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from redress.assessments.models import Answer, Assessment
from redress.cases.models import Complaint
from redress.learning.models import Lesson
from redress.ombudsman.models import Determination, OmbudsmanCase, Order
from redress.oversight.annual_report.models import OmbudsmanPublication
from redress.remedies.models import Remedy

YEAR = 2026
PDF = b"%PDF-1.4\n% a tiny stand-in for the Ombudsman's report\n%%EOF\n"
CHFO_TEXT = "Apologise for the complaint handling delays and review the complaints policy"
IMPROVEMENT = "Repairs now book a follow-up visit before closing a damp job"


def published_assessment(year: int = YEAR, version: int = 1) -> Assessment:
    assessment = Assessment.objects.create(
        year=year,
        version=version,
        trigger="annual",
        stage="published",
        approved_on=dt.date(2026, 6, 20),
        published_at=timezone.now(),
    )
    Answer.objects.create(
        assessment=assessment,
        number="1.2",
        comply="yes",
        evidence="Complaints policy section 3 defines a complaint",
        commentary="The definition is word for word the Code's",
    )
    Answer.objects.create(
        assessment=assessment,
        number="6.13",
        comply="partial",
        evidence="Stage 2 allocation rota",
        action="Check the stage 2 handler differs before allocation",
        action_owner="Head of customer experience",
        action_due=dt.date(2027, 1, 31),
    )
    return assessment


@pytest.fixture
def report_set(known_set):
    officer = get_user_model().objects.get(username="ottoline")
    complaints = list(Complaint.objects.order_by("id"))

    def remedy(complaint, offered_on, status, kind="financial", amount=None):
        # Completed or declined three weeks after the offer, as the services date them.
        settled = offered_on + dt.timedelta(days=21)
        Remedy.objects.create(
            completed_on=settled if status == "completed" else None,
            declined_on=settled if status == "declined" else None,
            complaint=complaint,
            stage=1,
            kind=kind,
            description="Gargoyle remedy",
            owner_user=officer,
            status=status,
            offered_on=offered_on,
            amount=amount,
        )

    remedy(complaints[0], dt.date(2026, 10, 30), "completed", kind="apology")
    remedy(complaints[0], dt.date(2026, 10, 30), "completed", amount=Decimal("150.00"))
    remedy(complaints[5], dt.date(2026, 10, 30), "declined", amount=Decimal("75.50"))
    remedy(complaints[7], dt.date(2025, 6, 10), "offered", amount=Decimal("40.00"))

    determined = OmbudsmanCase.objects.create(
        complaint=complaints[0],
        ombudsman_reference="HOS-202600001",
        referred_on=dt.date(2026, 7, 1),
        determined_on=dt.date(2026, 9, 1),
    )
    for element, finding in (
        ("The landlord's complaint handling", "maladministration"),
        ("Complaint handling delays", "service_failure"),
        ("The landlord's handling of repairs", "severe_maladministration"),
    ):
        Determination.objects.create(case=determined, element=element, finding=finding)
    Order.objects.create(
        case=determined,
        kind="chfo",
        description=CHFO_TEXT,
        due_on=dt.date(2026, 10, 1),
        complied_on=dt.date(2026, 9, 20),
    )
    Order.objects.create(
        case=determined, kind="order", description="Pay £300", due_on=dt.date(2026, 10, 1)
    )
    pending = OmbudsmanCase.objects.create(
        complaint=complaints[1],
        ombudsman_reference="HOS-202600002",
        referred_on=dt.date(2026, 10, 1),
    )
    Order.objects.create(
        case=pending,
        kind="chfo",
        description="Send the stage 2 response",
        due_on=dt.date(2026, 12, 15),
    )
    earlier = OmbudsmanCase.objects.create(
        complaint=complaints[7],
        ombudsman_reference="HOS-202500003",
        referred_on=dt.date(2025, 4, 1),
        determined_on=dt.date(2025, 5, 1),
    )
    Order.objects.create(
        case=earlier, kind="chfo", description="Last year's order", due_on=dt.date(2025, 6, 1)
    )

    for done_on, status, text in (
        (dt.date(2026, 6, 10), "done", IMPROVEMENT),
        (dt.date(2026, 9, 30), "done", "Letters now say who to call"),
        (dt.date(2026, 3, 1), "done", "Last year's improvement"),
        (None, "in_progress", "Not finished yet"),
    ):
        Lesson.objects.create(
            lesson=f"Lesson behind: {text}",
            improvement=text,
            status=status,
            identified_on=dt.date(2026, 1, 5),
            done_on=done_on,
        )

    for year, title, kind, url, pdf, withdrawn in (
        (
            YEAR,
            "Landlord performance report 2026",
            "annual",
            "https://www.housing-ombudsman.org.uk/landlords/lpr",
            b"",
            None,
        ),
        (YEAR, "Special report on damp and mould", "special", "", PDF, None),
        (
            YEAR,
            "Uploaded by mistake",
            "other",
            "https://www.housing-ombudsman.org.uk/landlords/x",
            b"",
            timezone.now(),
        ),
        (
            2025,
            "Landlord performance report 2025",
            "annual",
            "https://www.housing-ombudsman.org.uk/landlords/2025",
            b"",
            None,
        ),
    ):
        OmbudsmanPublication.objects.create(
            year=year,
            title=title,
            kind=kind,
            published_on=dt.date(year, 9, 1),
            url=url,
            pdf=pdf,
            pdf_size=len(pdf),
            withdrawn_at=withdrawn,
        )

    published_assessment()
    Assessment.objects.create(year=YEAR, version=2, trigger="restructure", stage="draft")
    return known_set
