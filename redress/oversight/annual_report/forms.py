"""Forms for the annual report, the Ombudsman's publications and exceptional notices.

They check the shape of what was typed; the services hold the rules and their refusals
come back onto these fields (`run_form`).
"""

from __future__ import annotations

from django import forms

from redress.ui.fields import GovukDateField, tag, text
from redress.ui.govuk import GovukForm

from .models import OmbudsmanPublication
from .publications import MAX_PDF_BYTES

NO_NAMES = "This is published. Do not include residents' or staff names or case references."


class AnalysisForm(GovukForm):
    analysis = text(
        "Qualitative analysis",
        hint="What the figures show, what went well and what did not, and why. " + NO_NAMES,
    )


class ReportedForm(GovukForm):
    reported_on = GovukDateField(label="Date the report went to the governing body")
    minute_reference = text("Minute reference", long=False)


class ResponseForm(GovukForm):
    response = text("The governing body's response", hint=NO_NAMES)
    response_on = GovukDateField(label="Date of the response")


class PublishForm(GovukForm):
    correction = text(
        "What this revision corrects",
        required=False,
        hint="Only when the report is already published: the published revision is kept "
        "and this one is added beside it.",
    )


class PublishNoticeForm(GovukForm):
    """Publishing a notice takes nothing but the button."""


class WithdrawForm(GovukForm):
    reason = text("Reason for withdrawing it")


class PublicationForm(GovukForm):
    year = tag(forms.TypedChoiceField(label="Reporting year", coerce=int), "select")
    title = text("Title", long=False)
    kind = tag(forms.ChoiceField(label="Kind", choices=OmbudsmanPublication.Kind.choices), "select")
    published_on = GovukDateField(label="Date the Ombudsman published it")
    url = text(
        "Web address",
        required=False,
        long=False,
        hint="A link to the report on the Ombudsman's website; or upload the PDF instead.",
    )
    pdf = tag(
        forms.FileField(label="PDF file (optional)", required=False),
        "file",
        f"A PDF of {MAX_PDF_BYTES // (1024 * 1024)} MB or less.",
    )

    def __init__(self, *args, years: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = years

    def clean_pdf(self):
        upload = self.cleaned_data.get("pdf")
        if upload and upload.size > MAX_PDF_BYTES:
            raise forms.ValidationError(
                f"The file must be {MAX_PDF_BYTES // (1024 * 1024)} MB or smaller"
            )
        return upload

    def arguments(self) -> dict:
        data = dict(self.cleaned_data)
        upload = data.pop("pdf")
        data["pdf"] = upload.read() if upload else None
        return data


class NoticeForm(GovukForm):
    what_happened = text("What happened", hint=NO_NAMES)
    since = GovukDateField(label="Since when")
    ombudsman_informed_on = GovukDateField(label="Date we told the Housing Ombudsman")
    who_is_affected = text("Who is affected, and how")
    return_by = GovukDateField(
        label="Date we expect to comply with the Code again", hint="For example, 27 3 2027"
    )
