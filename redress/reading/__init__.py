"""Read, review and compare landlords' published self-assessments against the Code.

No Django here: `redress assessment import|review|compare` run without a database, and
the app takes `read_assessment(path)` as the starting draft of this year's assessment.
"""

from __future__ import annotations

from pathlib import Path

from .model import AssessmentFileError, ImportedAssessment, ImportedProvision
from .parse import parse_text
from .sources import SUFFIXES, from_bytes, load


def read_assessment(path: str | Path) -> ImportedAssessment:
    """The form in the file, by provision 1.2 to 9.8; raises AssessmentFileError."""
    return parse_text(load(path), source=Path(path).name)


def read_bytes(data: bytes, suffix: str, name: str = "upload") -> ImportedAssessment:
    """The same from an upload's bytes; the suffix (".docx") says the format."""
    return parse_text(from_bytes(data, suffix, name), source=name)


__all__ = [
    "SUFFIXES",
    "AssessmentFileError",
    "ImportedAssessment",
    "ImportedProvision",
    "parse_text",
    "read_assessment",
    "read_bytes",
]
