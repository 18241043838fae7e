"""Evidence for the self-assessment, drafted from the year's own records.

Published self-assessments support each "Yes" with prose ("we have referred to this
requirement in our policy"). Redress holds the record itself, so for every provision it
can measure it drafts the evidence as figures for the reporting year (1 April to 31
March), and says when a figure falls short of what the provision requires, so that a
"yes" it contradicts is flagged on the form. The Code says "must": any failure the
records show is a shortfall, stated with its figure so the officer can judge it. Each
module's docstring gives its shortfall rules. Every figure is an aggregate query (or a
grouped one, judged once per group), so a year of 200,000 complaints takes seconds.

`SKIPPED` lists the provisions the records cannot speak to, and why.
"""

from __future__ import annotations

from redress.code.regimes import provision_order
from redress.code.tsm import ReportingYear

from . import intake, refusals, remedies, reporting, scrutiny, stages
from .drafted import Drafted

__all__ = ["DRAFTERS", "SKIPPED", "Drafted", "draft_evidence"]

# Each drafter takes the year and gives one Drafted or several.
DRAFTERS = (
    intake.survey_evidence,
    intake.service_request_evidence,
    refusals.refusal_evidence,
    intake.channel_evidence,
    intake.representative_evidence,
    scrutiny.role_evidence,
    stages.two_stages_evidence,
    stages.contractor_evidence,
    stages.definition_evidence,
    intake.adjustment_evidence,
    remedies.remedy_evidence,
    intake.restriction_evidence,
    stages.timeliness_evidence,
    stages.extension_evidence,
    remedies.action_evidence,
    stages.decision_evidence,
    stages.response_letter_evidence,
    stages.stage2_handler_evidence,
    scrutiny.learning_evidence,
    scrutiny.report_evidence,
    reporting.reporting_evidence,
)

SKIPPED = {
    "1.2": "The definition of a complaint is the policy's wording, not a figure.",
    "3.2": "Which member of staff took a complaint is not recorded.",
    "3.3": "How volumes are seen is an attitude; the volumes are in 3.1 and the reports.",
    "3.4": "The published policy lives outside Redress.",
    "3.5": "The published policy lives outside Redress.",
    "3.7": "Information given outside a letter is not recorded; letters carry it (2.4, 6.5).",
    "4.2": "Access to staff and authority to resolve are not recorded.",
    "4.3": "Training and culture are not recorded.",
    "5.1": "A single policy is a document outside Redress.",
    "5.5": "Third parties' own handling is outside Redress; 5.4 counts their complaints.",
    "5.7": "What the landlord is responsible for is recorded, but may rightly be empty.",
    "5.8": "Declared conflicts are recorded, but their absence proves nothing.",
    "5.11": "Refusals to escalate are not possible in Redress: escalation needs no reason.",
    "5.12": "Redress is itself the full record (append-only events); a count adds nothing.",
    "5.15": "Proportionality and Equality Act regard are judgements, not figures.",
    "6.1": "Which complaints could be answered early is a judgement.",
    "6.8": "Whether a new issue was related is a judgement.",
    "6.10": "Redress escalates on request; a count of escalations is in 5.2.",
    "6.12": "Redress never asks for a reason to escalate; nothing to count.",
    "6.20": "Which staff were involved in a stage 2 response is not recorded.",
    "7.2": "Whether a remedy reflects the impact is a judgement (7.1 counts remedies).",
    "7.4": "Taking account of the guidance is a judgement; the bands are configuration.",
    "8.1": "The annual report is the subject of this form, not a figure in it.",
    "8.3": "The assessment's versions and triggers record this.",
    "8.4": "The assessment's versions and triggers record this.",
    "9.3": "Reporting back to residents and staff happens outside Redress.",
    "9.6": "What the governing body receives is in 9.7.",
    "9.8": "Staff objectives are not recorded in Redress.",
}


def draft_evidence(year: ReportingYear) -> dict[str, Drafted]:
    """Drafted evidence for every provision Redress can measure, keyed by provision number."""
    drafted: list[Drafted] = []
    for draft in DRAFTERS:
        found = draft(year)
        drafted.extend([found] if isinstance(found, Drafted) else found)
    return {d.number: d for d in sorted(drafted, key=lambda d: provision_order(d.number))}
