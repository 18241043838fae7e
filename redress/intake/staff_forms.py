"""Forms for the staff pages on service requests and survey feedback.

They check only the shape of what was typed; the Code's rules stay in the
services, whose refusals the views put back on these forms. Fields carry the
`govuk` attribute that `cases/_field.html` renders them by.
"""

from __future__ import annotations

from django import forms

from redress.cases.forms import GovukDateField, tag, text
from redress.project.govuk import GovukForm

from .models import Channel


def channel_field() -> forms.ChoiceField:
    field = forms.ChoiceField(
        label="How they told us",
        choices=[("", "Choose how they got in touch"), *Channel.choices],
        error_messages={"required": "Choose how they told us"},
    )
    return tag(field, "select")


class ComplaintForm(GovukForm):
    """A complaint opened from a service request or from survey feedback."""

    summary = text(
        "What the complaint is about",
        hint="In the resident's words where you can.",
        error="Enter what the complaint is about",
    )
    channel = channel_field()


class CompleteForm(GovukForm):
    completed_on = GovukDateField(label="Completed on")
