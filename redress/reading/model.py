"""What an import yields: the form's rows by provision number, and what was odd about it."""

from __future__ import annotations

from dataclasses import dataclass, field


class AssessmentFileError(Exception):
    """The file cannot be read as a self-assessment at all (one line, for stderr)."""


@dataclass
class ImportedProvision:
    number: str
    section: int
    requirement: str = ""
    comply: str | None = None  # "yes", "no", "partial" or None (blank, N/A, missing)
    evidence: str = ""
    commentary: str = ""
    answer: str = ""  # the comply cell as written ("Yes - in part", "N/A"), for explanations
    found: bool = True

    def as_dict(self) -> dict:
        return {
            "number": self.number,
            "section": self.section,
            "requirement": self.requirement,
            "comply": self.comply,
            "evidence": self.evidence,
            "commentary": self.commentary,
        }


@dataclass
class ImportedAssessment:
    landlord: str | None
    period: str | None
    provisions: list[ImportedProvision]
    warnings: list[str] = field(default_factory=list)
    source: str = ""  # the file's name, for headings when the landlord is not stated

    @property
    def name(self) -> str:
        return self.landlord or self.source or "Unnamed landlord"

    def as_dict(self) -> dict:
        return {
            "landlord": self.landlord,
            "period": self.period,
            "provisions": [p.as_dict() for p in self.provisions],
        }
