"""The API token form: a name, the scopes, how many days it lasts."""

from __future__ import annotations

import datetime as dt

from django import forms

from redress.ui.fields import tag, text, whole_number
from redress.ui.govuk import GovukForm

from .models import DEFAULT_LIFETIME, MAX_LIFETIME, SCOPES


class NewTokenForm(GovukForm):
    name = text("Name", long=False, hint="What uses it, like “housing system sync”.")
    scopes = tag(
        forms.MultipleChoiceField(
            label="What it may do",
            choices=[(scope, f"{scope}: {words}") for scope, words in SCOPES.items()],
            error_messages={"required": "Choose what the token may do"},
        ),
        "checkboxes",
        "Give it only what it needs.",
    )
    days = whole_number(
        "Days until it expires", most=MAX_LIFETIME.days, hint=f"At most {MAX_LIFETIME.days}."
    )
    refused_fields = {"days": "days"}

    def arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "scopes": data["scopes"],
            "lifetime": dt.timedelta(days=data["days"]),
        }


INITIAL = {"scopes": ["cases:read"], "days": DEFAULT_LIFETIME.days}
