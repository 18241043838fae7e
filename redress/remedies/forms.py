"""The "Putting things right" forms on the case page: shape only, rules in the services."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model

from redress.cases.models import Contractor
from redress.staff.models import Team
from redress.staff.roles import CASEWORK
from redress.ui.fields import GovukDateField, radios, tag, text, update_interval
from redress.ui.govuk import GovukForm

from .models import FINDING_CHOICES, IMPACT_CHOICES, RemedyKind

PART_LABELS = {
    "actual_loss": "Actual loss (£)",
    "time_and_trouble": "Time and trouble (£)",
    "distress": "Distress and inconvenience (£)",
    "delay": "Delay (£)",
}


def select(label: str, choices, *, required: bool = True, error: str = "", hint: str = ""):
    field = forms.ChoiceField(
        label=label, choices=choices, required=required, error_messages={"required": error}
    )
    return tag(field, "select", hint)


def money(label: str):
    field = forms.DecimalField(
        label=label,
        required=False,
        min_value=0,
        max_digits=10,
        decimal_places=2,
        error_messages={
            "invalid": f"{label[:-4]} must be an amount in pounds, like 150 or 150.00",
            "min_value": f"{label[:-4]} cannot be negative",
            "max_decimal_places": f"{label[:-4]} must be in pounds and pence",
            "max_digits": f"{label[:-4]} is too large",
            "max_whole_digits": f"{label[:-4]} is too large",
        },
    )
    return tag(field, "input", "Leave blank if none.")


def owner_choices() -> list[tuple[str, str]]:
    people = (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=CASEWORK)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )
    return [
        ("", "Choose an owner"),
        *((f"user:{u.pk}", u.get_full_name() or u.get_username()) for u in people),
        *((f"team:{t.pk}", f"{t.name} (team)") for t in Team.objects.all()),
        *(
            (f"contractor:{c.pk}", f"{c.name} (contractor)")
            for c in Contractor.objects.filter(active=True)
        ),
    ]


class ItemForm(GovukForm):
    """A remedy or action form on the case page, headed and buttoned as the case forms are."""

    heading = ""
    button = "Save"


class AddRemedyForm(ItemForm):
    heading = "Add a remedy"
    button = "Add the remedy"
    refused_fields = {"offered_on": None}

    kind = select(
        "Kind of remedy",
        [("", "Choose a kind"), *RemedyKind.choices],
        error="Select the kind of remedy",
        hint="The remedies of Code provision 7.1.",
    )
    description = text("What we will do", error="Enter what we will do")
    owner = select("Owner", [], error="Select who owns the remedy")
    due_on = GovukDateField(label="Due date")
    agreed_with_resident = radios(
        "Was the due date agreed with the resident?",
        [("yes", "Yes"), ("no", "No")],
        error="Select whether the due date was agreed with the resident",
    )
    finding = select(
        "Finding (financial remedies)", [("", "Choose a finding"), *FINDING_CHOICES], required=False
    )
    impact = select(
        "Impact on the resident (financial remedies)",
        [("", "Choose the impact"), *IMPACT_CHOICES],
        required=False,
        hint="With the finding, this suggests the guidance band for the amount.",
    )
    actual_loss = money(PART_LABELS["actual_loss"])
    time_and_trouble = money(PART_LABELS["time_and_trouble"])
    distress = money(PART_LABELS["distress"])
    delay = money(PART_LABELS["delay"])
    update_every = update_interval(
        "Update the resident every how many working days (optional)",
        required=False,
        hint="Leave blank if no updates were agreed.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = owner_choices()

    def arguments(self) -> dict:
        data = dict(self.cleaned_data)
        owner_kind, _, owner_id = data.pop("owner").partition(":")
        data[f"owner_{owner_kind}_id"] = int(owner_id)
        data["agreed_with_resident"] = data["agreed_with_resident"] == "yes"
        return data


STATUS_CHOICES = [
    ("accepted", "The resident accepted it"),
    ("declined", "The resident declined it"),
    ("completed", "Done (for a financial remedy: paid)"),
]


class RemedyStatusForm(ItemForm):
    heading = "Record what happened"
    button = "Save"
    refused_fields = {"offered_on": "on"}

    status = radios("What happened?", STATUS_CHOICES, error="Select what happened")
    on = GovukDateField(label="Date", required=False, hint="Leave blank for today.")
    evidence = text(
        "Evidence it was done",
        required=False,
        hint="Needed when it is done: for example, the payment reference or the repair job.",
    )

    def __init__(self, *args, accepting: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not accepting:
            self.fields["status"].choices = STATUS_CHOICES[2:]


class CompleteActionForm(ItemForm):
    heading = "Record that it is done"
    button = "Record as done"

    on = GovukDateField(label="Date done", required=False, hint="Leave blank for today.")
    evidence = text("Evidence it was done", error="Enter the evidence it was done")


class BandForm(ItemForm):
    """An administrator's change to one guidance band."""

    label = text("Label", long=False, error="Enter the band's label")
    low = tag(
        forms.DecimalField(
            label="From (£)",
            min_value=0,
            max_digits=10,
            decimal_places=2,
            error_messages={
                "required": "Enter the lowest amount",
                "invalid": "From must be an amount in pounds",
            },
        ),
        "input",
    )
    high = tag(
        forms.DecimalField(
            label="Up to (£)",
            required=False,
            min_value=0,
            max_digits=10,
            decimal_places=2,
            error_messages={"invalid": "Up to must be an amount in pounds"},
        ),
        "input",
        "Leave blank for no upper limit.",
    )
    impact = select("Impact it fits", [("", "None"), *IMPACT_CHOICES], required=False)
    finding = select(
        "Finding it fits whatever the impact",
        [("", "None"), *FINDING_CHOICES],
        required=False,
        hint="For example, severe maladministration.",
    )
