"""Forms for the staff pages: logging a contact, service requests and survey feedback.

They check only the shape of what was typed; the Code's rules stay in the
services, whose refusals the views put back on these forms. Fields carry the
`govuk` attribute that `cases/_field.html` renders them by.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import MaxLengthValidator

from redress.cases import categories
from redress.code.london import LONDON
from redress.intake.models import Channel, Contact, Representative, Resident, Tenure
from redress.record import checks
from redress.staff.roles import CASEWORK
from redress.ui.fields import GovukDateField, checkbox, radios, staff_choices, tag, text
from redress.ui.govuk import GovukForm


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


# What staff log by hand: everything but the online form, which residents fill in themselves.
LOGGED_CHANNELS = [(value, label) for value, label in Channel.choices if value != "online_form"]
KINDS = [
    (Contact.Classification.COMPLAINT, "A complaint: they are unhappy with us (1.2)"),
    (Contact.Classification.SERVICE_REQUEST, "A service request: they want something done (1.4)"),
    (Contact.Classification.SURVEY_FEEDBACK, "Survey feedback (1.6)"),
]
RESIDENT_FIELDS = (
    "name",
    "address",
    "postcode",
    "email",
    "phone",
    "tenancy_reference",
    "block",
    "estate",
    "tenure",
)
# How far back a contact may be logged as received: further is a mistyped year.
OLDEST_LOGGED = dt.timedelta(days=365)
THE_RESIDENT, SOMEONE_NEW = "resident", "new"
REPRESENTATIVE_FIELDS = ("name", "relationship", "authority", "authority_recorded_on")


def short(label: str, model=None, column: str = "", *, required: bool = False, hint: str = ""):
    """A one-line box, as long as the model's `column` holds (so the database never has
    to refuse what the form let through)."""
    field = text(label, required=required, hint=hint, long=False)
    if model is not None:
        field.max_length = most = model._meta.get_field(column).max_length
        field.validators.append(MaxLengthValidator(most))
        field.error_messages["max_length"] = f"{label} must be {most} characters or fewer"
    return field


class LogContactForm(GovukForm):
    """A contact that reached a member of staff: who it is from, who made it, how and when
    it came, who took it, and what it is. Without a `resident` already on the record the
    form asks for a new one's details, as the API's create does."""

    refused_fields = {
        "received_at": "received_on",
        "received_by_id": "received_by",
        "representative_id": "made_by",
    }

    # The resident, when they are new to the record.
    name = short("Full name", Resident, "name", required=True)
    address = text("Address", required=False)
    postcode = short("Postcode", Resident, "postcode")
    email = short("Email address", Resident, "email")
    phone = short("Phone number", Resident, "phone")
    tenancy_reference = short("Tenancy reference", Resident, "tenancy_reference")
    block = short("Block", Resident, "block")
    estate = short("Estate", Resident, "estate")
    tenure = tag(
        forms.ChoiceField(label="Tenure", choices=Tenure.choices, required=False), "select"
    )
    # Who made the contact.
    made_by = radios("Who got in touch?", [], error="Choose who got in touch")
    representative_name = short("Their full name", Representative, "name")
    representative_relationship = short(
        "Their relationship to the resident",
        Representative,
        "relationship",
        hint="For example, daughter, MP, advocate",
    )
    representative_authority = text(
        "What authorises them to act",
        required=False,
        hint="For example, consent given by the resident on the phone, a signed form.",
    )
    representative_authority_recorded_on = GovukDateField(
        label="Date their authority was given", required=False
    )
    representative_email = short("Their email address", Representative, "email")
    representative_phone = short("Their phone number", Representative, "phone")
    # The contact.
    channel = tag(
        forms.ChoiceField(
            label="How they got in touch",
            choices=[("", "Choose how they got in touch"), *LOGGED_CHANNELS],
            error_messages={"required": "Choose how they got in touch"},
        ),
        "select",
    )
    received_on = GovukDateField(
        label="Date it was received",
        hint="The day it reached us, which starts the clock. For example, 27 3 2026",
    )
    received_time = short(
        "Time it was received", required=True, hint="In 24-hour time, for example, 14:30"
    )
    received_by = tag(
        forms.ChoiceField(
            label="Who received it", error_messages={"required": "Choose who received it"}
        ),
        "select",
    )
    classification = radios("What is it?", KINDS, error="Choose what it is")
    summary = text(
        "What they told us",
        hint="In their words where you can.",
        error="Enter what they told us",
    )
    wants = text("What they want to happen", required=False)
    issue_arose_on = GovukDateField(label="When the problem happened (optional)", required=False)
    resident_aware_on = GovukDateField(
        label="When they became aware of it (optional)", required=False
    )
    category = tag(forms.ChoiceField(label="Category (optional)", required=False), "select")
    told_how_to_complain = checkbox("They were told how to make a complaint")
    offered_choice_to_complain = checkbox("They were offered the choice to make a complaint")

    def __init__(self, *args, resident: Resident | None, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.resident = resident
        if resident is not None:
            for name in RESIDENT_FIELDS:
                del self.fields[name]
        known = resident.representatives.order_by("name") if resident else []
        self.fields["made_by"].choices = [
            (THE_RESIDENT, "The resident"),
            *[(str(r.pk), f"{r.name} ({r.relationship}), for them") for r in known],
            (SOMEONE_NEW, "Someone else acting for them (a representative or third party)"),
        ]
        staff = get_user_model().objects.filter(is_active=True, groups__name__in=CASEWORK)
        self.fields["received_by"].choices = staff_choices(
            staff.distinct().order_by("first_name", "username")
        )
        self.fields["received_by"].initial = str(user.pk)
        self.fields["category"].choices = [("", "Not chosen yet")] + [
            (c.name, c.name) for c in categories.active()
        ]

    def resident_fields(self) -> list:
        return [self[name] for name in RESIDENT_FIELDS if name in self.fields]

    def survey_fields(self) -> list:
        return [self["told_how_to_complain"], self["offered_choice_to_complain"]]

    def clean_postcode(self) -> str:
        return self.cleaned_data["postcode"].upper()

    def clean_received_on(self) -> dt.date:
        """Today or before, and within a year: an older date is a slip of the keyboard."""
        day = self.cleaned_data["received_on"]
        today = checks.today()
        if day > today:
            raise forms.ValidationError("Date it was received must be today or in the past")
        if day < today - OLDEST_LOGGED:
            raise forms.ValidationError("Date it was received must be within the last 12 months")
        return day

    def clean_received_time(self) -> dt.time:
        value = self.cleaned_data["received_time"].replace(".", ":")
        try:
            return dt.datetime.strptime(value, "%H:%M").time()
        except ValueError:
            raise forms.ValidationError(
                "Enter the time it was received in 24-hour time, like 14:30"
            ) from None

    def clean(self):
        data = super().clean()
        typed = [f for f in self.fields if f.startswith("representative_") and data.get(f)]
        if data.get("made_by") not in (None, SOMEONE_NEW) and typed:
            self.add_error(
                "made_by",
                "You entered details of someone acting for them: choose someone else acting "
                "for them, or clear those details",
            )
        if data.get("made_by") == SOMEONE_NEW:
            for name in REPRESENTATIVE_FIELDS:
                field = f"representative_{name}"
                if not data.get(field) and field not in self.errors:
                    label = self.fields[field].label
                    self.add_error(field, f"Enter {label[:1].lower()}{label[1:]}")
        return data

    def arguments(self) -> dict:
        data = self.cleaned_data
        made_by = data["made_by"]
        summary = data["summary"]
        if data["wants"]:
            summary += f"\n\nWhat would put it right: {data['wants']}"
        return {
            "resident_id": self.resident and self.resident.pk,
            "resident": None if self.resident else {f: data[f] for f in RESIDENT_FIELDS},
            "representative_id": int(made_by) if made_by.isdigit() else None,
            "representative": {
                "email": data["representative_email"],
                "phone": data["representative_phone"],
                **{f: data[f"representative_{f}"] for f in REPRESENTATIVE_FIELDS},
            }
            if made_by == SOMEONE_NEW
            else None,
            "channel": data["channel"],
            "received_at": dt.datetime.combine(
                data["received_on"], data["received_time"], tzinfo=LONDON
            ),
            "received_by_id": int(data["received_by"]),
            "classification": data["classification"],
            "summary": summary,
            "issue_arose_on": data["issue_arose_on"],
            "resident_aware_on": data["resident_aware_on"],
            "category": data["category"],
            "told_how_to_complain": data["told_how_to_complain"],
            "offered_choice_to_complain": data["offered_choice_to_complain"],
        }
