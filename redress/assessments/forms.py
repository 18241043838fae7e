"""Self-assessment forms: they check the shape of input; the services check the rules."""

from __future__ import annotations

from django import forms

from redress.code.tsm import ReportingYear
from redress.reading import SUFFIXES, AssessmentFileError, read_bytes
from redress.ui.fields import GovukDateField, radios, tag, text
from redress.ui.govuk import GovukForm

from .models import Answer, Comply, Trigger
from .services import FIRST_YEAR, current_year

# A published self-assessment runs to 60 pages or so; its text is far smaller than this.
MAX_IMPORT_BYTES = 10 * 1024 * 1024


class StartForm(GovukForm):
    year = tag(forms.TypedChoiceField(label="Reporting year", coerce=int), "select")
    trigger = radios(
        "Why is this self-assessment needed?",
        Trigger.choices,
        error="Choose why this self-assessment is needed",
    )
    trigger_note = text(
        "What happened",
        required=False,
        hint="Needed for anything but the annual self-assessment: the restructure, merger, "
        "change in procedures or the Ombudsman's request, and when.",
    )
    imported = tag(
        forms.FileField(
            label="Start from a published self-assessment (optional)",
            required=False,
            help_text="Last year's form as published, if it was not made in Redress: "
            "Word, text-based PDF, web page or text file. Its answers, evidence and "
            "commentary become this draft's; nothing is published.",
        ),
        "file",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        years = range(current_year(), FIRST_YEAR - 1, -1)
        self.fields["year"].choices = [(y, ReportingYear(y).label) for y in years]

    def clean_imported(self):
        """Read the upload here, so a file that is not a self-assessment is an error on
        this field and nothing is started."""
        upload = self.cleaned_data.get("imported")
        if not upload:
            return None
        suffix = "." + upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        if suffix not in SUFFIXES:
            raise forms.ValidationError(
                "The file must be a Word document, PDF, web page or text file ("
                + ", ".join(SUFFIXES)
                + ")"
            )
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError("The file must be smaller than 10 MB")
        try:
            return read_bytes(upload.read(), suffix, name=upload.name)
        except AssessmentFileError as error:
            raise forms.ValidationError(f"The file could not be read: {error}") from None


def key(number: str) -> str:
    """A provision number as part of a field name: 6.13 → p6_13."""
    return "p" + number.replace(".", "_")


class SectionForm(GovukForm):
    """Every answer of one section: for each provision, `p6_13_comply` and so on."""

    FIELDS = ("comply", "evidence", "commentary", "action", "action_owner", "action_due")

    def __init__(self, numbers: list[str], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.numbers = numbers
        for number in numbers:
            k = key(number)
            self.fields[f"{k}_comply"] = tag(
                forms.ChoiceField(label="Comply", choices=Comply.choices, required=False), "radios"
            )
            self.fields[f"{k}_evidence"] = text("Evidence", required=False)
            self.fields[f"{k}_commentary"] = text("Commentary or explanation", required=False)
            self.fields[f"{k}_action"] = text(
                "Action", required=False, hint="Needed when the answer is partial or no."
            )
            self.fields[f"{k}_action_owner"] = text("Action owner", required=False, long=False)
            self.fields[f"{k}_action_due"] = GovukDateField(
                label="Action due", required=False, hint="For example, 31 3 2027"
            )

    @classmethod
    def initial_for(cls, answers: list[Answer]) -> dict:
        initial = {
            f"{key(a.number)}_{name}": getattr(a, name) for a in answers for name in cls.FIELDS
        }
        for a in answers:  # the date boxes take day, month and year
            due = a.action_due
            initial[f"{key(a.number)}_action_due"] = [due.day, due.month, due.year] if due else None
        return initial

    def bound(self, number: str) -> list:
        """The bound fields of one provision, in the form's order."""
        return [self[f"{key(number)}_{name}"] for name in self.FIELDS]

    def arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "answers": {
                number: {name: data[f"{key(number)}_{name}"] for name in self.FIELDS}
                for number in self.numbers
            }
        }

    def field_for(self, refused_field: str | None) -> str | None:
        """ "6.13:action" (the service's name) is the field p6_13_action."""
        number, _, name = (refused_field or "").partition(":")
        found = f"{key(number)}_{name}"
        return found if found in self.fields else None


class ReturnForm(GovukForm):
    reason = text(
        "Why are you returning it?",
        hint="The complaints officer sees this on the form.",
        error="Enter why you are returning the self-assessment",
    )


class ApprovalForm(GovukForm):
    approved_on = GovukDateField(label="Date the governing body approved it")
    minute_reference = text(
        "Minute reference",
        long=False,
        hint="The reference of the governing body's minute that records the approval.",
    )
