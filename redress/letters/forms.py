"""The letter form on a case (what the writer adds) and the template editor."""

from __future__ import annotations

from django import forms

from redress.code.letters import LetterKind, required_words
from redress.ui.fields import checkbox, tag, text
from redress.ui.govuk import GovukForm

KIND_LABELS = {
    LetterKind.ACKNOWLEDGEMENT: "Acknowledgement",
    LetterKind.CLARIFICATION: "Clarification request",
    LetterKind.REFUSAL: "Refusal (complaint not accepted)",
    LetterKind.EXTENSION: "Extension notice",
    LetterKind.UPDATE: "Update at the agreed interval",
    LetterKind.STAGE_RESPONSE: "Stage response",
    LetterKind.REMEDY_OFFER: "Remedy offer",
    LetterKind.ACTION_UPDATE: "Outstanding-action update",
}
KIND_CHOICES = [(k.value, KIND_LABELS[k]) for k in LetterKind]
KIND_VALUES = frozenset(k.value for k in LetterKind)


# What a letter may say "none" of, and its format: the same words wherever it is written.
NO_REMEDY = "No remedy is offered (the letter says so)"
NO_ACTIONS = "There are no outstanding actions (the letter says so)"
LARGE_PRINT = "Large print (18 point), as a reasonable adjustment"


class LetterForm(GovukForm):
    kind = tag(forms.ChoiceField(label="Letter", choices=KIND_CHOICES), "select")
    question = text(
        "Question for the resident",
        required=False,
        hint="Needed for a clarification request. "
        + required_words(LetterKind.CLARIFICATION, "question"),
    )
    update_text = text(
        "Update",
        required=False,
        hint="Needed for an update at the agreed interval. "
        + required_words(LetterKind.UPDATE, "update.text"),
    )
    no_remedy = checkbox(NO_REMEDY)
    no_outstanding_actions = checkbox(NO_ACTIONS)
    large_print = checkbox(LARGE_PRINT)

    # The letter kinds that need a field of this form, and its error.
    NEEDS = {
        LetterKind.CLARIFICATION: ("question", "Enter the question for the resident"),
        LetterKind.UPDATE: ("update_text", "Enter the update: what has happened since"),
    }

    def clean(self):
        data = super().clean()
        name, error = self.NEEDS.get(data.get("kind"), (None, ""))
        if name and not data.get(name) and name in data:
            self.add_error(name, error)
        return data

    def letter_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("kind", None)
        return data


class TemplateForm(GovukForm):
    reference = tag(
        forms.CharField(
            label="Preview with complaint",
            max_length=40,
            error_messages={"required": "Enter a complaint reference to preview with"},
        ),
        "input",
        "A real case to render the letter with, for example CMP-2026-000123.",
    )
    subject = text("Subject", long=False)
    body = text(
        "Letter",
        hint=(
            "HTML with {{ names }} from the letter's facts. Paragraphs, headings, lists, "
            "tables, bold, italic and links are kept; other tags and every attribute but a "
            "link's address are removed. Preview before saving."
        ),
    )
    previewed = forms.CharField(required=False, widget=forms.HiddenInput)
