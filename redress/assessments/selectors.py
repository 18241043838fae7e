"""Reading self-assessments: the published one for a year, and its answers in the form's order."""

from __future__ import annotations

from dataclasses import dataclass

from redress.code.london import long_date
from redress.code.provisions import PROVISIONS, SECTIONS
from redress.code.tsm import ReportingYear
from redress.record.models import Event

from .models import Answer, Assessment, Comply, Stage


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


def annual_report_section(year: ReportingYear) -> dict | None:
    """Section (a) of the year's annual report (8.1 a): the published self-assessment, row
    by row, as plain JSON for the report to freeze; None if none is published. The report
    (`redress.oversight.annual_report`) is given this when Django starts."""
    assessment = published_assessment(year)
    if assessment is None:
        return None
    return {
        "version": assessment.version,
        "trigger": assessment.get_trigger_display(),
        "approved_on": _day(assessment.approved_on),
        "sections": [
            {
                "number": section.number,
                "title": section.title,
                "rows": [_reported(row) for row in section.rows],
            }
            for section in sections_of(assessment)
        ],
    }


def _reported(row: Row) -> dict:
    answer = row.answer
    return {
        "number": row.number,
        "requirement": row.requirement,
        "comply": answer.get_comply_display() if answer and answer.comply else "Not answered",
        "evidence": answer.evidence if answer else "",
        "commentary": answer.commentary if answer else "",
        "action": answer.action if answer else "",
        "action_owner": answer.action_owner if answer else "",
        "action_due": _day(answer.action_due) if answer else "",
    }


def _day(value) -> str:
    return long_date(value) if value else ""


# --- the staff pages ------------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    """How far a section is: answered out of total, and what needs attention."""

    section: Section
    answered: int
    flags: list[str]  # provisions whose "yes" the records contradict
    actions: int  # answers short of yes (each with an action)

    @property
    def total(self) -> int:
        return len(self.section.rows)

    @property
    def complete(self) -> bool:
        return self.answered == self.total


def progress(assessment: Assessment) -> list[Progress]:
    return [
        Progress(
            section,
            answered=sum(1 for r in section.rows if r.answer and r.answer.comply),
            flags=[r.number for r in section.rows if r.answer and contradicted(r.answer)],
            actions=sum(
                1 for r in section.rows if r.answer and r.answer.comply in ("no", "partial")
            ),
        )
        for section in sections_of(assessment)
    ]


def contradicted(answer: Answer) -> bool:
    """The records show a shortfall on a provision the landlord says it complies with."""
    return answer.comply == "yes" and bool(answer.shortfall)


def versions_by_year() -> list[tuple[str, list[Assessment]]]:
    """Every version, newest year first, each year's versions newest first."""
    years: dict[str, list[Assessment]] = {}
    for assessment in Assessment.objects.order_by("-year", "-version"):
        years.setdefault(assessment.label, []).append(assessment)
    return list(years.items())


def history(assessment: Assessment):
    """The version's events, oldest first."""
    return Event.objects.for_subject("assessment", assessment.pk).select_related("actor")


def last_return(assessment: Assessment) -> Event | None:
    """The senior lead's reason, while a returned draft has not been signed off again."""
    if assessment.stage != Stage.DRAFT:
        return None
    last = history(assessment).filter(action__in=("signed_off", "returned")).order_by("-id").first()
    return last if last is not None and last.action == "returned" else None


COMPARED = (
    ("comply", "Comply"),
    ("evidence", "Evidence"),
    ("commentary", "Commentary"),
    ("action", "Action"),
    ("action_owner", "Action owner"),
    ("action_due", "Action due"),
)


@dataclass(frozen=True)
class Change:
    number: str
    field: str
    before: object
    after: object


def changes(assessment: Assessment) -> list[Change]:
    """What this version answers differently from the version it started from."""
    if assessment.copied_from_id is None:
        return []
    before = {a.number: a for a in assessment.copied_from.answers.all()}
    found = []
    after = {a.number: a for a in assessment.answers.all()}
    for p in PROVISIONS:
        old, new = before.get(p.number), after.get(p.number)
        for name, label in COMPARED:
            was = getattr(old, name) if old else None
            now = getattr(new, name) if new else None
            if (was or None) != (now or None):
                found.append(Change(p.number, label, _shown(name, was), _shown(name, now)))
    return found


def _shown(name: str, value) -> str:
    if not value:
        return ""
    if name == "comply":
        return Comply(value).label
    return long_date(value) if name == "action_due" else value
