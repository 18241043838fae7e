"""Forms to record a resident's reasonable adjustment (5.10) or contact restriction (5.14)
and to record a review of one. They check only the shape of what was typed: the dates'
bounds and what each outcome needs are the intake services' rules, whose refusals the
pages put back on these fields (the API takes the same services)."""

from __future__ import annotations

from django import forms

from redress.code.support_reviews import LONGEST_MONTHS, Need, Outcome
from redress.intake.models import ReasonableAdjustment
from redress.ui.fields import GovukDateField, radios, tag, text
from redress.ui.govuk import GovukForm


def _within(need: Need) -> str:
    return f"After today, and within {LONGEST_MONTHS[need]} months. For example, 27 3 2027"


class AdjustmentForm(GovukForm):
    adjustment = text(
        "The adjustment agreed",
        hint="What we will do differently, for example: phone before visiting.",
    )
    letters_in = tag(
        forms.ChoiceField(
            label="How letters must reach them",
            choices=ReasonableAdjustment.LetterFormat.choices,
            required=False,
            initial="",
        ),
        "radios",
    )
    disability_disclosed = text(
        "Disability disclosed (optional)",
        required=False,
        hint="Only what the resident chose to tell us, in their words.",
    )
    review_on = GovukDateField(label="Review by", hint=_within(Need.ADJUSTMENT))


class RestrictionForm(GovukForm):
    restriction = text(
        "The restriction on contact",
        hint="Proportionate to the behaviour (5.15), for example: contact by email only.",
    )
    evidence = text(
        "The evidence for it", hint="What happened and when, as the record shows it (5.14)."
    )
    review_on = GovukDateField(label="Review by", hint=_within(Need.RESTRICTION))


OUTCOME_WORDS = {
    Outcome.KEPT: "Keep it as it is",
    Outcome.CHANGED: "Change it",
    Outcome.ENDED: "End it",
}


class ReviewForm(GovukForm):
    """A review of an adjustment or a restriction (`need`: the hint gives its bound)."""

    outcome = radios(
        "What did the review decide?",
        [(o.value, words) for o, words in OUTCOME_WORDS.items()],
        error="Choose what the review decided",
    )
    changed_to = text(
        "What it is now (only if changed)", required=False, hint="The new wording in full."
    )
    note = text(
        "What the review found",
        hint="Who was involved, and why it stays, changes or ends.",
        error="Enter what the review found",
    )
    next_review_on = GovukDateField(label="Next review by", required=False)

    def __init__(self, need: Need, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].error_messages["invalid_choice"] = "Choose what the review decided"
        self.fields["next_review_on"].help_text = f"Not if it ends. {_within(need)}"
