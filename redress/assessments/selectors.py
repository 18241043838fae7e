"""Reading self-assessments: the published one for a year, and its answers in the form's order."""

from __future__ import annotations

from dataclasses import dataclass

from redress.code.provisions import PROVISIONS, SECTIONS
from redress.code.tsm import ReportingYear

from .models import Answer, Assessment, Stage


@dataclass(frozen=True)
class Row:
    """One row of the form: the provision, its Code text, and the landlord's answer (if any)."""

    number: str
    requirement: str
    answer: Answer | None


@dataclass(frozen=True)
class Section:
    number: int
    title: str
    rows: list[Row]


def published_assessment(year: ReportingYear) -> Assessment | None:
    """The latest published version for the reporting year, or None."""
    return (
        Assessment.objects.filter(year=year.start_year, stage=Stage.PUBLISHED)
        .order_by("-version")
        .first()
    )


def sections_of(assessment: Assessment) -> list[Section]:
    """The form as the Ombudsman sets it: sections 1 to 9, provisions 1.2 to 9.8 in order."""
    answers = {a.number: a for a in assessment.answers.all()}
    return [
        Section(
            number,
            title,
            [
                Row(p.number, p.text, answers.get(p.number))
                for p in PROVISIONS
                if p.section == number
            ],
        )
        for number, title in SECTIONS.items()
    ]
