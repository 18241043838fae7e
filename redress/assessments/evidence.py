"""Evidence for the self-assessment, drafted from the year's own records.

Published self-assessments support each "Yes" with prose ("we have referred to this
requirement in our policy"). Redress holds the record itself, so for every provision it
can measure it drafts the evidence as figures, and says when a figure falls short of
what the provision requires, so that a "yes" it contradicts is flagged on the form.
Every figure is an aggregate query over the reporting year.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import F

from redress.cases.models import Stage
from redress.code.tsm import ReportingYear


@dataclass(frozen=True)
class Drafted:
    """Evidence for one provision: the sentence(s) to show, and, when the figures show the
    landlord falling short, why a "yes" is contradicted (empty when they do not)."""

    number: str
    text: str
    shortfall: str = ""


def draft_evidence(year: ReportingYear) -> dict[str, Drafted]:
    """Drafted evidence for every provision Redress can measure, keyed by provision number."""
    drafted = [draft(year) for draft in DRAFTERS]
    return {d.number: d for d in drafted}


def _stage2_handler(year: ReportingYear) -> Drafted:
    """6.13: the stage 2 handler is never the person who handled stage 1."""
    stage2 = Stage.objects.filter(
        number=2, responded_on__range=(year.first_day, year.last_day), handler__isnull=False
    )
    same = stage2.filter(
        complaint__stages__number=1, complaint__stages__handler=F("handler")
    ).count()
    total = stage2.count()
    if same == 0:
        text = f"No stage 2 was handled by the stage 1 handler ({total:,} stage 2 responses)."
        return Drafted("6.13", text)
    text = f"{same:,} of {total:,} stage 2 responses were handled by the stage 1 handler."
    return Drafted("6.13", text, shortfall=text)


DRAFTERS = (_stage2_handler,)
