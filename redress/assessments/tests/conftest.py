"""People and versions the self-assessment tests share."""

from __future__ import annotations

import pytest

from redress.assessments import services
from redress.assessments.evidence import Drafted

SHORTFALL = "3 of 40 stage 2 responses were handled by the stage 1 handler."


@pytest.fixture
def drafter(make_staff):
    """The complaints officer."""
    return make_staff("olive", "complaints officer")


@pytest.fixture
def lead(make_staff):
    return make_staff("sara", "senior lead")


@pytest.fixture
def drafted(monkeypatch):
    """Redress's drafted evidence, fixed: 6.13 falls short, 1.2 does not, and a number the
    form does not have is ignored."""
    found = {
        "6.13": Drafted("6.13", SHORTFALL, shortfall=SHORTFALL),
        "1.2": Drafted("1.2", "Every contact is recorded."),
        "99.9": Drafted("99.9", "Not on the form."),
    }
    monkeypatch.setattr(services, "draft_evidence", lambda year: found)
    return found


@pytest.fixture
def year():
    return services.current_year()


@pytest.fixture
def draft(drafter, drafted, year):
    return services.start_version(actor=drafter, year=year, trigger="annual")


def answer_all(assessment, actor, comply="yes", **extra):
    """Answer every provision in one go (commentary on 6.13, whose yes is contradicted)."""
    answers = {
        a.number: {"comply": comply, "evidence": f"Policy section {a.number}", **extra}
        for a in assessment.answers.all()
    }
    answers["6.13"]["commentary"] = "Two were in a team of one; now routed to another team."
    return services.save_section(assessment.pk, actor=actor, answers=answers)


def publish(assessment, drafter, lead, approved_on, *, answer=True):
    if answer:
        answer_all(assessment, drafter)
    services.sign_off(assessment.pk, actor=drafter)
    services.accept_review(assessment.pk, actor=lead)
    services.record_approval(
        assessment.pk, actor=lead, approved_on=approved_on, minute_reference="GB/24/7"
    )
    return services.publish(assessment.pk, actor=lead)
