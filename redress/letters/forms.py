"""The letter form on a case (what the writer adds) and the template editor."""

from __future__ import annotations

from django import forms

from redress.cases.forms import LARGE_PRINT, NO_ACTIONS, NO_REMEDY, checkbox, tag, text
from redress.code.letters import LetterKind
from redress.project.govuk import GovukForm

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


class LetterForm(GovukForm):
    kind = tag(forms.ChoiceField(label="Letter", choices=KIND_CHOICES), "select")
    question = text(
        "Question for the resident",
        required=False,
        hint="For a clarification request: what you need them to tell you (5.7).",
    )
    update_text = text(
        "Update",
        required=False,
        hint="For an update at the agreed interval: what has happened since (5.9).",
    )
    no_remedy = checkbox(NO_REMEDY)
    no_outstanding_actions = checkbox(NO_ACTIONS)
    large_print = checkbox(LARGE_PRINT)

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
