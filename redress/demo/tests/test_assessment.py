"""The demo's draft self-assessment."""

from __future__ import annotations

import pytest

from redress.assessments.models import Assessment, Stage
from redress.demo.assessment import load_demo_assessment

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_partly_answered_draft_once(make_staff):
    officer = make_staff("officer", "complaints officer")
    assessment = load_demo_assessment(officer)
    assert assessment.stage == Stage.DRAFT
    assert assessment.answers.exclude(comply="").count() == 5 + 5 + 7 + 3
    assert assessment.answers.get(number="3.3").action_owner == "Complaints officer"
    assert load_demo_assessment(officer) is None
    assert Assessment.objects.count() == 1
