"""Review one assessment (flags, per-section summary, totals) and compare several."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from redress.code.provisions import PROVISIONS, SECTIONS

from .flags import CODES, Flag, review_provision
from .model import ImportedAssessment, ImportedProvision

ANSWERS = ("yes", "partial", "no", None)


@dataclass
class Reviewed:
    provision: ImportedProvision
    flags: list[Flag]

    def as_dict(self) -> dict:
        return {**self.provision.as_dict(), "flags": [flag.as_dict() for flag in self.flags]}


@dataclass
class Review:
    assessment: ImportedAssessment
    rows: list[Reviewed]

    def sections(self) -> list[dict]:
        out = []
        for number, title in SECTIONS.items():
            rows = [row for row in self.rows if row.provision.section == number]
            out.append({"section": number, "title": title, **_counts(rows)})
        return out

    def totals(self) -> dict:
        return _counts(self.rows)

    def as_dict(self) -> dict:
        return {
            **{k: v for k, v in self.assessment.as_dict().items() if k != "provisions"},
            "provisions": [row.as_dict() for row in self.rows],
            "sections": self.sections(),
            "totals": self.totals(),
        }


def review(assessment: ImportedAssessment) -> Review:
    return Review(assessment, [Reviewed(p, review_provision(p)) for p in assessment.provisions])


def _counts(rows: list[Reviewed]) -> dict:
    answers = Counter(row.provision.comply for row in rows)
    flags = Counter(flag.code for row in rows for flag in row.flags)
    return {
        "provisions": len(rows),
        "flagged": sum(1 for row in rows if row.flags),
        "answers": {str(answer).lower(): answers[answer] for answer in ANSWERS},
        "flags": {code: flags[code] for code in CODES},
    }


@dataclass
class Comparison:
    """One row per provision, one column per landlord."""

    reviews: list[Review]

    def names(self) -> list[str]:
        """Column headings: the landlord's name, else the file's, made distinct."""
        names: list[str] = []
        for item in self.reviews:
            name = item.assessment.name
            if item.assessment.period:
                name = f"{name} ({item.assessment.period})"
            base, n = name, 2
            while name in names:
                name, n = f"{base} [{n}]", n + 1
            names.append(name)
        return names

    def rows(self) -> list[tuple[str, int, list[Reviewed]]]:
        return [
            (p.number, p.section, [item.rows[i] for item in self.reviews])
            for i, p in enumerate(PROVISIONS)
        ]


def compare(assessments: list[ImportedAssessment]) -> Comparison:
    return Comparison([review(a) for a in assessments])
