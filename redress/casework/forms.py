"""The case page's action forms: one per command, checking the shape of what was typed.

Forms only check input (a real date, a whole number, the required boxes);
the Code's rules stay in the services, whose refusals the view puts back on
these forms. Each form says how its cleaned data becomes the service's
keyword arguments (`arguments`), and which service field names map onto its
own fields (`refused_fields`), so the view needs no per-command code.

Every field carries a `govuk` attribute naming the GOV.UK component the
template renders it as: input, number, textarea, lines, radios, select, date
or file.
"""

from __future__ import annotations

from django import forms

from redress.cases import categories
from redress.cases.detail import ComplaintDetail
from redress.cases.handlers import case_workers
from redress.cases.models import Correspondence, Exclusion
from redress.code.letters import LetterKind, required_words
from redress.code.timescales import LONGEST_EXTENSION
from redress.letters.forms import LARGE_PRINT, NO_ACTIONS, NO_REMEDY
from redress.remedies.models import RemedyKind
from redress.ui.fields import (
    GovukDateField,
    checkbox,
    lines,
    radios,
    staff_choices,
    tag,
    text,
    update_interval,
    whole_number,
)
from redress.ui.govuk import GovukForm


class CommandForm(GovukForm):
    """A case page action. `detail` is the complaint as `complaint_detail` shows it."""

    heading = ""
    button = "Save"

    def __init__(self, *args, detail: ComplaintDetail, **kwargs):
        self.detail = detail
        super().__init__(*args, **kwargs)


def category_field(label: str, *, required: bool) -> forms.ChoiceField:
    """One of the landlord's active categories (`redress.cases.categories`), by id."""
    field = forms.ChoiceField(
        label=label, required=required, error_messages={"required": "Choose a category"}
    )
    return tag(field, "select")


class CategoryChoices:
    """Fills a form's `category` select with the landlord's active categories, the
    complaint's own chosen."""

    def _categories(self, blank: str) -> None:
        field = self.fields["category"]
        field.choices = [("", blank)] + [(str(c.pk), c.name) for c in categories.active()]
        current = self.detail.category_id
        if current and not self.is_bound:
            field.initial = str(current)


class AcceptForm(CategoryChoices, CommandForm):
    heading = "Accept the complaint"
    button = "Accept"
    discretion_reason = text(
        "Reason for using discretion (optional)",
        required=False,
        hint="Only needed when the issue is more than 12 months old (Code provision 2.3).",
    )
    category = category_field("Category (optional)", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._categories("Not chosen yet")

    def arguments(self) -> dict:
        data = self.cleaned_data
        return {"discretion_reason": data["discretion_reason"], "category": data["category"]}


class SetCategoryForm(CategoryChoices, CommandForm):
    heading = "Change the category"
    button = "Save the category"
    category = category_field("Category", required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._categories("Choose a category")


class RefuseForm(CommandForm):
    heading = "Refuse the complaint"
    button = "Refuse"
    exclusion = radios(
        "Why is the complaint not accepted?",
        Exclusion.choices,
        error="Select why it is not accepted",
    )
    reason = text(
        "Reason",
        error="Enter the reason for refusing",
        hint="Explain the decision to the resident. "
        + required_words(LetterKind.REFUSAL, "refusal.reason"),
    )


HOW_CHOICES = [
    ("email", "Issue the letter from Redress by email"),
    ("post", "Issue the letter from Redress by post (print the PDF and send it)"),
    ("recorded", "It was sent another way: record it with a copy"),
]
CHANNEL_CHOICES = [
    ("letter", "Letter"),
    ("email", "Email"),
    ("phone", "Phone call"),
    ("in_person", "In person"),
    ("other", "Another way"),
]


class CommunicationForm(CommandForm):
    """What acknowledges or answers a stage, and how it reaches the resident: the letter
    from Redress (previewed first with exactly what is entered), or one sent another
    way, recorded with its date, channel and a copy (5.12)."""

    multipart = True
    preview = True
    communication_fields = ("how", "sent_on", "channel", "note", "file", "large_print")
    refused_fields = {
        "actor": None,
        "communication.how": "how",
        "communication.delivery": "how",
        "communication.sent_on": "sent_on",
        "communication.channel": "channel",
        "communication.note": "note",
        "communication.file": "file",
        "delivery": "how",
    }
    how = radios(
        "How does it reach the resident?",
        HOW_CHOICES,
        error="Choose how it reaches the resident",
        hint="Preview the letter before you issue it.",
    )
    sent_on = GovukDateField(label="If sent another way: the date it was sent", required=False)
    channel = tag(
        forms.ChoiceField(
            label="If sent another way: how it was sent",
            choices=[("", "Choose how")] + CHANNEL_CHOICES,
            required=False,
        ),
        "select",
    )
    note = text(
        "If sent another way: the text sent, or the call note",
        required=False,
        hint="A copy for the record: the words sent, or what was said on the call.",
    )
    file = tag(
        forms.FileField(label="If sent another way: a copy of what was sent", required=False),
        "file",
    )
    large_print = checkbox(LARGE_PRINT)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # What the step records first, then how it reaches the resident.
        self.order_fields([n for n in self.fields if n not in self.communication_fields])

    def communication(self) -> dict:
        data = self.cleaned_data
        if data["how"] == "recorded":
            return {
                "how": "recorded",
                "sent_on": data["sent_on"],
                "channel": data["channel"],
                "note": data["note"],
                "file": data["file"],
            }
        return {"how": "issue", "delivery": data["how"]}

    def arguments(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if k not in self.communication_fields}
        return {
            **data,
            "communication": self.communication(),
            "large_print": self.cleaned_data["large_print"],
        }


ALL_OF_IT = "all"
SOME_OF_IT = "some"


def _lines(values) -> str:
    return "\n".join(values or [])


class DefinitionFields(CommandForm):
    """The complaint definition (5.6, 5.7), as the acknowledgement letter needs it: each
    field it cannot be issued without is required, in the letter check's own words."""

    refused_fields = {"responsible_for_all": "responsibility"}
    points = lines(
        "Points of complaint",
        hint="One a line. " + required_words(LetterKind.ACKNOWLEDGEMENT, "definition.points"),
    )
    outcomes_sought = lines(
        "Outcomes the resident wants",
        hint="One a line. "
        + required_words(LetterKind.ACKNOWLEDGEMENT, "definition.outcomes_sought"),
    )
    responsibility = radios(
        "Are we responsible for everything the complaint is about?",
        [
            (ALL_OF_IT, "Yes, we are responsible for all of it"),
            (SOME_OF_IT, "No, only for some of it: say which below"),
        ],
        error="Select whether we are responsible for all of it",
        hint=required_words(LetterKind.ACKNOWLEDGEMENT, "definition.responsibility"),
    )
    responsible_for = lines(
        "What we are responsible for",
        required=False,
        hint="Needed if we are responsible for only some of it. One a line.",
    )
    not_responsible_for = lines(
        "What we are not responsible for",
        required=False,
        hint="Needed if we are responsible for only some of it. One a line.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        start = self.starting_definition()
        if start and not self.is_bound:
            self.initial = {
                "points": _lines(start.get("points")),
                "outcomes_sought": _lines(start.get("outcomes_sought")),
                "responsibility": (
                    ALL_OF_IT
                    if start.get("responsible_for_all")
                    else SOME_OF_IT
                    if start.get("not_responsible_for")
                    else None
                ),
                "responsible_for": _lines(start.get("responsible_for")),
                "not_responsible_for": _lines(start.get("not_responsible_for")),
                **self.initial,
            }

    def starting_definition(self) -> dict:
        """The definition the form starts from (none by default)."""
        return {}

    def stage_definition(self, number: int) -> dict:
        stage = self.detail.stage_detail(number)
        return (stage.definition or {}) if stage else {}

    def clean(self):
        data = super().clean()
        if data.get("responsibility") == SOME_OF_IT:
            for name, words in (
                ("responsible_for", "what we are responsible for"),
                ("not_responsible_for", "what we are not responsible for"),
            ):
                if not data.get(name) and name in data:
                    self.add_error(name, f"Enter {words}, or select that we are for all of it")
        if data.get("responsibility") == ALL_OF_IT and data.get("not_responsible_for"):
            self.add_error(
                "not_responsible_for",
                "Leave this empty if we are responsible for all of it, or select that we "
                "are only for some of it",
            )
        return data

    def arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "points": data["points"],
            "outcomes_sought": data["outcomes_sought"],
            "responsible_for_all": data["responsibility"] == ALL_OF_IT,
            "responsible_for": data["responsible_for"],
            "not_responsible_for": data["not_responsible_for"],
        }


class AcknowledgeForm(CommunicationForm, DefinitionFields):
    heading = "Acknowledge and define the complaint"
    button = "Acknowledge"
    refused_fields = {**CommunicationForm.refused_fields, **DefinitionFields.refused_fields}

    def starting_definition(self) -> dict:
        """At stage 2 the definition starts from stage 1's (the handler changes what the
        escalation changed)."""
        return self.stage_definition(1) if self.detail.stage == 2 else {}

    def arguments(self) -> dict:
        return {
            **DefinitionFields.arguments(self),
            "communication": self.communication(),
            "large_print": self.cleaned_data["large_print"],
        }


class AmendDefinitionForm(DefinitionFields):
    heading = "Amend the complaint definition"
    button = "Save the definition"

    def starting_definition(self) -> dict:
        return self.stage_definition(self.detail.stage or 1)


class RequestClarificationForm(CommandForm):
    heading = "Ask the resident to clarify"
    button = "Record the question"
    question = text("Question", error="Enter the question")


class AddIssueForm(CommandForm):
    heading = "Add an issue to the complaint"
    button = "Add issue"
    description = text("Issue", error="Enter the issue")


class ExtendForm(CommandForm):
    heading = "Extend the response date"
    button = "Extend"
    working_days = whole_number(
        "Working days",
        most=LONGEST_EXTENSION,
        hint="How many working days to add. Beyond the Code's limit only a manager can "
        "extend, and doing so is their approval.",
    )
    reason = text("Reason for the extension", error="Enter the reason for the extension")
    told_resident_on = GovukDateField(label="Date the resident was told")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        stage = self.detail.stage or 1
        self.fields["reason"].help_text = required_words(
            LetterKind.EXTENSION, "extension.reason", stage
        )


class AgreeUpdateIntervalForm(CommandForm):
    heading = "Agree how often to update the resident"
    button = "Record the agreement"
    every_working_days = update_interval("Every how many working days")
    agreed_on = GovukDateField(label="Date agreed")
    note = text("Note (optional)", required=False)


class RecordConflictForm(CommandForm):
    heading = "Record a conflict of interest"
    button = "Record the conflict"
    description = text("Conflict of interest")
    handling = text("How it was handled")


DECISION_CHOICES = [
    ("upheld", "Upheld"),
    ("partly_upheld", "Partly upheld"),
    ("not_upheld", "Not upheld"),
]


REMEDY_SLOTS = 2
ACTION_SLOTS = 2


def _remedy_fields(n: int) -> dict[str, forms.Field]:
    amount = forms.DecimalField(
        label=f"Remedy {n}: amount in pounds (optional)",
        required=False,
        min_value=0,
        max_digits=10,
        decimal_places=2,
        error_messages={"invalid": "Enter an amount in pounds, like 150 or 150.00"},
    )
    return {
        f"remedy_{n}": text(f"Remedy {n}: what we will do (optional)", required=False),
        f"remedy_{n}_kind": tag(
            forms.ChoiceField(
                label=f"Remedy {n}: kind (optional)",
                choices=[("", "Not said")] + RemedyKind.choices,
                required=False,
            ),
            "select",
        ),
        f"remedy_{n}_amount": tag(amount, "input", "For a financial remedy, for example 150.00"),
        f"remedy_{n}_due_on": GovukDateField(label=f"Remedy {n}: due date", required=False),
    }


def _action_fields(n: int) -> dict[str, forms.Field]:
    return {
        f"action_{n}": text(
            f"Outstanding action {n} (optional)",
            required=False,
            hint="Something still to be done after the response, such as a repair.",
        ),
        f"action_{n}_due_on": GovukDateField(
            label=f"Outstanding action {n}: due date", required=False
        ),
        f"action_{n}_update_every": update_interval(
            f"Outstanding action {n}: update the resident every (working days, optional)",
            required=False,
            hint="The sweep reminds the action's owner when an update is due (6.6).",
        ),
    }


class RespondForm(CommunicationForm):
    """A decision on every point of the stage's definition, with reasons (6.7, 6.18), the
    remedies and outstanding actions as rows, and the letter that says so (6.9, 6.19)."""

    heading = "Respond"
    button = "Respond"
    refused_fields = {
        **CommunicationForm.refused_fields,
        "decisions": "decision_0",
        **{
            f"remedies.{i}.{part}": f"remedy_{i + 1}{suffix}"
            for i in range(REMEDY_SLOTS)
            for part, suffix in (
                ("description", ""),
                ("kind", "_kind"),
                ("amount", "_amount"),
                ("due_on", "_due_on"),
            )
        },
        **{
            f"outstanding_actions.{i}.{part}": f"action_{i + 1}{suffix}"
            for i in range(ACTION_SLOTS)
            for part, suffix in (
                ("description", ""),
                ("due_on", "_due_on"),
                ("update_every", "_update_every"),
            )
        },
    }

    reasons = text("Reasons for the decisions", error="Enter the reasons for the decisions")
    no_remedy = checkbox(NO_REMEDY)
    no_outstanding_actions = checkbox(NO_ACTIONS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.points = self._points()
        decisions = {
            f"decision_{i}": radios(
                f"Decision on: {point}", DECISION_CHOICES, error="Select a decision on this point"
            )
            for i, point in enumerate(self.points)
        }
        rows = {}
        for n in range(1, REMEDY_SLOTS + 1):
            rows |= _remedy_fields(n)
        rows["no_remedy"] = self.fields.pop("no_remedy")
        for n in range(1, ACTION_SLOTS + 1):
            rows |= _action_fields(n)
        rows["no_outstanding_actions"] = self.fields.pop("no_outstanding_actions")
        reasons = {"reasons": self.fields.pop("reasons")}
        self.fields = {**decisions, **reasons, **rows, **self.fields}

    def _points(self) -> list[str]:
        stages = self.detail.stages
        definition = stages[-1].definition if stages else {}
        return list((definition or {}).get("points", []))

    def field_for(self, refused_field: str | None) -> str | None:
        if refused_field and refused_field.startswith("decisions."):
            refused_field = f"decision_{refused_field.split('.')[1]}"
        return super().field_for(refused_field)

    def clean(self):
        data = super().clean()
        slots = [(f"remedy_{n}", "remedy") for n in range(1, REMEDY_SLOTS + 1)]
        slots += [(f"action_{n}", "outstanding action") for n in range(1, ACTION_SLOTS + 1)]
        for name, what in slots:
            due = f"{name}_due_on"
            if data.get(name) and due in data and not data[due]:
                self.add_error(due, f"Enter the date the {what} is due")
        return data

    def arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "decisions": [
                {"point": point, "decision": data[f"decision_{i}"]}
                for i, point in enumerate(self.points)
            ],
            "reasons": data["reasons"],
            "remedies": [
                {
                    "description": data[f"remedy_{n}"],
                    "kind": data[f"remedy_{n}_kind"],
                    "amount": data[f"remedy_{n}_amount"],
                    "due_on": data[f"remedy_{n}_due_on"],
                }
                for n in range(1, REMEDY_SLOTS + 1)
                if data[f"remedy_{n}"]
            ],
            "outstanding_actions": [
                {
                    "description": data[f"action_{n}"],
                    "due_on": data[f"action_{n}_due_on"],
                    "update_every": data[f"action_{n}_update_every"],
                }
                for n in range(1, ACTION_SLOTS + 1)
                if data[f"action_{n}"]
            ],
            "no_remedy": data["no_remedy"],
            "no_outstanding_actions": data["no_outstanding_actions"],
            "communication": self.communication(),
            "large_print": data["large_print"],
        }


class EscalateForm(CommandForm):
    heading = "Escalate to stage 2"
    button = "Escalate"
    still_wrong = text(
        "What the resident says is still wrong (optional)",
        required=False,
        hint="The resident does not have to give a reason (Code provision 6.12).",
    )


class CloseForm(CommandForm):
    heading = "Close the complaint"
    button = "Close"
    note = text("Note (optional)", required=False)


class AttachForm(CommandForm):
    heading = "Add correspondence"
    button = "Add to the case"
    multipart = True
    kind = radios("What is it?", Correspondence.Kind.choices, error="Select what it is")
    direction = radios("Direction", Correspondence.Direction.choices, error="Select the direction")
    title = text("Title", long=False, error="Enter a title")
    body = text("Text", required=False, hint="Give the text, a file, or both.")
    file = tag(forms.FileField(label="File (optional)", required=False), "file")


class AssignForm(CommandForm):
    heading = "Assign a handler"
    button = "Assign"
    refused_fields = {"handler_id": "handler"}
    handler = forms.ChoiceField(label="Handler")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["handler"]
        field.choices = staff_choices(case_workers())
        field.error_messages["required"] = "Choose a handler"
        tag(field, "select")

    def arguments(self) -> dict:
        return {"handler_id": int(self.cleaned_data["handler"])}
