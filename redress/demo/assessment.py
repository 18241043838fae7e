"""A draft self-assessment for the demo: this year's annual version, partly answered."""

from __future__ import annotations

import datetime as dt

from redress.assessments import services
from redress.assessments.models import Assessment

EVIDENCE = "Our complaints policy, section {section}, says this; Redress records it for every case."


def load_demo_assessment(officer) -> Assessment | None:
    """Sections 1 to 4 answered (one partial, with its action); the rest left to do."""
    year = services.current_year()
    if Assessment.objects.filter(year=year).exists():
        return None
    assessment = services.start_version(actor=officer, year=year, trigger="annual")
    answers = {
        a.number: {"comply": "yes", "evidence": EVIDENCE.format(section=a.number)}
        for a in assessment.answers.all()
        if int(a.number.split(".")[0]) <= 4
    }
    answers["3.3"] = {
        "comply": "partial",
        "evidence": "The policy is on the website; the large-print version is not yet.",
        "action": "Publish the policy in large print and easy read",
        "action_owner": "Complaints officer",
        "action_due": dt.date(year + 1, 3, 31),
    }
    services.save_section(assessment.pk, actor=officer, answers=answers)
    return assessment
