"""Varied data made through the services staff use: complaints in every state, a letter,
remedies (one financial), an assessment, adjustments, a restriction and uploaded files."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from redress.cases import services as cases
from redress.cases.tests.factories import case_in, ok
from redress.demo.assessment import load_demo_assessment
from redress.intake import services as intake
from redress.letters.services import issue_letter
from redress.remedies.services import add_remedy

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
PDF = b"%PDF-1.4\n% a letter the resident sent\n%%EOF\n"


def build(officer, second_handler) -> dict:
    """Returns the references made, by state, and the resident of the closed ones."""
    refs = {
        state: case_in(state, officer, second_handler)
        for state in ("stage1_acknowledged", "stage1_responded", "closed", "refused")
    }
    user = officer.user
    closed = refs["closed"]
    resident_id = ok(officer.get(f"/complaints/{closed}"))["resident"]
    intake.record_adjustment(
        actor=user,
        resident_id=resident_id,
        adjustment="Large print letters",
        letters_in="large_print",
        disability_disclosed="Partially sighted",
        review_on=dt.date.today() + dt.timedelta(days=60),
    )
    intake.record_restriction(
        actor=user,
        resident_id=resident_id,
        restriction="Contact by email only",
        evidence="Abusive calls on 3 and 4 November",
        review_on=dt.date.today() + dt.timedelta(days=60),
    )
    cases.attach(
        closed,
        actor=user,
        kind="document",
        direction="incoming",
        title="Photo of the damp",
        file=SimpleUploadedFile("damp photo.png", PNG, content_type="image/png"),
    )
    cases.attach(
        closed,
        actor=user,
        kind="letter",
        direction="incoming",
        title="Letter from Mrs Jones",
        body="My daughter has asthma and the damp makes it worse.",
        file=SimpleUploadedFile("letter.pdf", PDF, content_type="application/pdf"),
    )
    add_remedy(
        closed,
        actor=user,
        kind="financial",
        description="Compensation for the damp in Mrs Jones's bedroom",
        due_on=dt.date(2026, 12, 1),
        owner_user_id=user.pk,
        finding="maladministration",
        impact="adverse",
        distress=Decimal("150.00"),
        time_and_trouble=Decimal("50.00"),
        offered_on=dt.date(2026, 11, 16),
    )
    add_remedy(
        refs["stage1_responded"],
        actor=user,
        kind="apology",
        description="An apology to Mrs Jones",
        due_on=dt.date(2026, 10, 30),
        owner_user_id=user.pk,
        offered_on=dt.date(2026, 10, 16),
    )
    issue_letter(
        closed,
        actor=user,
        kind="stage_response",
        delivery="post",
        no_remedy=True,
        no_outstanding_actions=True,
    )
    load_demo_assessment(user)
    return {"refs": refs, "resident_id": resident_id}
