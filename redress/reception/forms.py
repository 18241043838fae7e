"""Forms for the residents' pages. Messages follow the GOV.UK Design System's error style."""

from __future__ import annotations

import datetime as dt
import re

from django import forms

from redress.administration import deployment
from redress.ui.forms import TextForm

YES_NO = [("yes", "Yes"), ("no", "No")]
CONTACT_BY = [("email", "Email"), ("phone", "Phone"), ("letter", "Letter")]

# Date inputs: (prefix, words used in messages).
DATES = (("happened", "the date it happened"), ("aware", "the date you became aware"))
# The complaint form's answers the service takes as they are.
SUBMITTED = (
    "name",
    "email",
    "phone",
    "address",
    "postcode",
    "what_happened",
    "put_right",
    "contact_by",
    "happened_on",
    "aware_on",
    "help_needed",
)


def _required(message: str) -> dict:
    return {"required": message}


def _too_long(words: str, most: int) -> dict:
    return {"max_length": f"{words} must be {most} characters or fewer"}


def _date_part(date: tuple[str, str], most: int) -> forms.CharField:
    """A box of a GOV.UK date input, whose error names the date."""
    return forms.CharField(
        required=False,
        max_length=most,
        error_messages={"max_length": f"Enter {date[1]} as a real date"},
    )


# A UK postcode: outward code (area, district) and inward code (sector, unit).
POSTCODE = re.compile(r"[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}")
POSTCODE_WRONG = "Enter a real postcode, like LS1 4AB"


class ComplaintForm(TextForm):
    """Fields in the order the page shows them, so the error summary lists them so."""

    name = forms.CharField(
        max_length=200,
        error_messages=_required("Enter your full name") | _too_long("Your full name", 200),
    )
    email = forms.EmailField(
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        }
    )
    phone = forms.CharField(
        max_length=40, required=False, error_messages=_too_long("Your phone number", 40)
    )
    address = forms.CharField(widget=forms.Textarea, error_messages=_required("Enter your address"))
    postcode = forms.CharField(
        max_length=10,
        error_messages=_required("Enter your postcode") | {"max_length": POSTCODE_WRONG},
    )
    on_behalf = forms.ChoiceField(
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages=_required("Select yes if you are making this on someone else's behalf"),
    )
    their_name = forms.CharField(
        max_length=200, required=False, error_messages=_too_long("Their full name", 200)
    )
    relationship = forms.CharField(
        max_length=100,
        required=False,
        error_messages=_too_long("Your relationship to them", 100),
    )
    consent = forms.BooleanField(required=False)
    what_happened = forms.CharField(
        widget=forms.Textarea, error_messages=_required("Tell us what happened")
    )
    put_right = forms.CharField(
        widget=forms.Textarea, error_messages=_required("Tell us what would put it right")
    )
    happened_day = _date_part(DATES[0], 2)
    happened_month = _date_part(DATES[0], 2)
    happened_year = _date_part(DATES[0], 4)
    aware_day = _date_part(DATES[1], 2)
    aware_month = _date_part(DATES[1], 2)
    aware_year = _date_part(DATES[1], 4)
    attachment = forms.FileField(required=False)
    contact_by = forms.ChoiceField(
        choices=CONTACT_BY,
        widget=forms.RadioSelect,
        error_messages=_required("Select how you would like us to contact you"),
    )
    help_needed = forms.CharField(widget=forms.Textarea, required=False)

    def clean_postcode(self) -> str:
        postcode = " ".join(self.cleaned_data["postcode"].upper().split())
        if not POSTCODE.fullmatch(postcode):
            raise forms.ValidationError(POSTCODE_WRONG)
        return postcode

    def _date(self, prefix: str, words: str) -> dt.date | None:
        data = self.cleaned_data
        parts = [data.get(f"{prefix}_{p}", "").strip() for p in ("day", "month", "year")]
        if not any(parts):
            return None
        if not all(parts):
            self.add_error(f"{prefix}_day", f"Enter {words} as a day, month and year")
            return None
        try:
            day, month, year = (int(p) for p in parts)
            value = dt.date(year, month, day)
        except ValueError:
            self.add_error(f"{prefix}_day", f"Enter {words} as a real date")
            return None
        if year < 1900:
            self.add_error(f"{prefix}_day", f"Enter {words} as a real date")
            return None
        if value > deployment.today():
            self.add_error(f"{prefix}_day", f"{words.capitalize()} must be today or in the past")
            return None
        return value

    def clean(self):
        data = super().clean()
        data["happened_on"] = self._date(*DATES[0])
        data["aware_on"] = self._date(*DATES[1])
        if data.get("on_behalf") == "yes":
            if not data.get("their_name", "").strip():
                self.add_error("their_name", "Enter the name of the person you are acting for")
            if not data.get("relationship", "").strip():
                self.add_error("relationship", "Enter your relationship to them")
            if not data.get("consent"):
                self.add_error(
                    "consent", "Confirm that they have given their consent for you to act for them"
                )
        return data

    def submission(self) -> dict:
        """The answers as `online.submit_complaint` takes them: on behalf of someone, the
        name, email and phone given are the representative's."""
        data = self.cleaned_data
        on_behalf = data["on_behalf"] == "yes"
        return {
            **{key: data[key] for key in SUBMITTED},
            "on_behalf_of": data["their_name"] if on_behalf else "",
            "relationship": data["relationship"] if on_behalf else "",
            "attachment": data.get("attachment"),
        }


class StatusStartForm(TextForm):
    reference = forms.CharField(
        max_length=30, error_messages=_required("Enter your complaint reference")
    )
    email = forms.EmailField(
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        }
    )

    def clean_reference(self) -> str:
        return self.cleaned_data["reference"].strip().upper()


class CodeForm(TextForm):
    code = forms.CharField(max_length=20, error_messages=_required("Enter the code we sent you"))

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if not (len(code) == 6 and code.isdigit()):
            raise forms.ValidationError("Enter the 6-digit code we sent you")
        return code


class EscalateForm(TextForm):
    still_wrong = forms.CharField(widget=forms.Textarea, required=False, max_length=5000)
