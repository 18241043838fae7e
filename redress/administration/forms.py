"""The administration forms: they check the shape of input; the services check the rules.

Fields carry the `govuk` attribute the shared field template (cases/_field.html)
renders, plus "checkboxes" and "password", which this app's own template renders.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth import password_validation

from redress.staff.models import Team
from redress.staff.roles import ALL
from redress.staff.selectors import active_case_workers
from redress.ui.fields import GovukDateField, radios, staff_choices, tag, text
from redress.ui.govuk import GovukForm

from .services import MAX_LOGO_BYTES


def checkboxes(label: str, *, hint: str = "") -> forms.MultipleChoiceField:
    return tag(forms.MultipleChoiceField(label=label, required=False), "checkboxes", hint)


def email(label: str, *, required: bool = True) -> forms.EmailField:
    field = forms.EmailField(
        label=label,
        required=required,
        error_messages={
            "required": "Enter an email address",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        },
    )
    return tag(field, "input")


def colour(label: str, hint: str) -> forms.CharField:
    field = forms.RegexField(
        label=label,
        regex=r"^#[0-9a-fA-F]{6}$",
        error_messages={
            "required": f"Enter the {label.lower()}",
            "invalid": f"{label} must be # and six hex digits, like #1d4f6b",
        },
    )
    return tag(field, "input", hint)


class UserDetailsForm(GovukForm):
    first_name = text("First name", long=False)
    last_name = text("Last name", long=False)
    email = email("Email address")
    roles = checkboxes("Roles", hint="Roles decide which pages they can use.")
    teams = checkboxes("Teams", hint="Handlers see their team-mates' cases.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["roles"].choices = [(role, role[:1].upper() + role[1:]) for role in ALL]
        self.fields["teams"].choices = [(str(t.pk), t.name) for t in Team.objects.all()]

    def arguments(self) -> dict:
        data = dict(self.cleaned_data)
        data["teams"] = [int(pk) for pk in data["teams"]]
        return data


class NewUserForm(UserDetailsForm):
    field_order = ["username", "first_name", "last_name", "email", "password", "roles", "teams"]

    username = text(
        "Username", long=False, hint="They sign in with this. It cannot be changed later."
    )
    password = tag(
        forms.CharField(
            label="Temporary password",
            strip=False,
            error_messages={"required": "Enter a temporary password"},
        ),
        "password",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        rules = password_validation.password_validators_help_texts()
        self.fields["password"].help_text = " ".join(["Give it to them privately.", *rules])


class LeaverForm(GovukForm):
    """What happens to a leaver's open cases and items as their account is deactivated."""

    REASSIGN, LEAVE = "reassign", "leave"
    then = radios(
        "What happens to them",
        [
            (REASSIGN, "Reassign them all to another handler"),
            (LEAVE, "Leave them listed for the complaints officers to hand on"),
        ],
        error="Choose what happens to their cases",
    )
    hand_to = tag(
        forms.ChoiceField(label="Handler to reassign them to", required=False),
        "select",
        "Only if you reassign them. Each case is assigned as the work queue would assign it.",
    )

    def __init__(self, person, *args, may_reassign: bool = True, **kwargs):
        """Only a complaints officer reassigns cases (4.1): anyone else may only leave them."""
        super().__init__(*args, **kwargs)
        if may_reassign:
            others = active_case_workers().exclude(pk=person.pk)
            self.fields["hand_to"].choices = staff_choices(others)
        else:
            self.fields["then"].choices = [(self.LEAVE, "Leave them for the complaints officers")]
            del self.fields["hand_to"]

    def clean(self):
        data = super().clean()
        if data.get("then") == self.REASSIGN and not data.get("hand_to"):
            self.add_error("hand_to", "Choose the handler to reassign them to")
        return data

    def arguments(self) -> dict:
        reassign = self.cleaned_data["then"] == self.REASSIGN
        return {
            "active": False,
            "hand_to": int(self.cleaned_data["hand_to"]) if reassign else None,
            "leave_for_officers": not reassign,
        }


class TeamForm(GovukForm):
    name = text("Team name", long=False)


LATE_HINT = (
    "Only for a date that has passed, and only by an administrator. Due dates that had "
    "already passed stay as they were."
)


class ClosureDayForm(GovukForm):
    date = GovukDateField(label="Date the office is closed")
    reason = text("Reason", long=False, hint="For example, staff training day")
    late_reason = text(
        "If the date has passed, why it is added only now", required=False, hint=LATE_HINT
    )


class WithdrawClosureForm(GovukForm):
    reason = text("Why it is withdrawn after the day", hint=LATE_HINT)


class LandlordSettingsForm(GovukForm):
    name = text("Landlord's name", long=False, hint="Shown on every page and in letters.")
    logo = tag(
        forms.FileField(label="Logo (optional)", required=False),
        "file",
        "A PNG or JPEG image, 200 KB or smaller. Leave empty to keep the current logo.",
    )
    remove_logo = tag(
        forms.BooleanField(label="Remove the current logo", required=False), "checkbox"
    )
    brand = colour("Brand colour", "The header's background, like #1d4f6b")
    brand_text = colour(
        "Brand text colour",
        "Text on the brand colour, like #ffffff. It needs a contrast of at least 4.5:1.",
    )
    accent = colour("Accent colour", "The line under the header, like #f3b61f")
    phone = text("Phone number for complaints (optional)", long=False, required=False)
    email = email("Email address for complaints (optional)", required=False)
    address = text("Postal address for complaints (optional)", required=False)
    help_text = text(
        "How to get help or an advocate (optional)",
        required=False,
        hint="Shown on the help and complaints policy pages.",
    )
    jargon = text(
        "Words letters should avoid (optional)",
        required=False,
        hint="One word or phrase a line. Letters that use them get a plain-language warning. "
        "Leave empty to use Redress's own list.",
    )

    def clean_logo(self):
        upload = self.cleaned_data.get("logo")
        if upload is None:
            return None
        if upload.size > MAX_LOGO_BYTES:
            raise forms.ValidationError("The logo must be 200 KB or smaller")
        return upload.read()
