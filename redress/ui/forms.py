"""The base every page's form uses: each field's value is normalised before it is checked.

The same normaliser as the API's (redress/code/text.py, used by project/schemas.Input), so
a required box holding only zero-width spaces or control characters is empty, and is refused
with the field's own "Enter ..." message; and what is stored has its invisible characters
dropped and its lines kept. A NUL (or a lone surrogate, which a browser cannot send) is
refused on its field in words, never passed on to fail in the database.
"""

from __future__ import annotations

from django import forms
from django.forms.utils import pretty_name

from redress.code.text import Unstorable, clean_each


def _cleaning(field: forms.Field, name: str):
    """`field.clean`, taking the normalised value. A FileField's clean takes the initial
    value too, so the rest of the arguments pass through."""
    clean = field.clean

    def clean_normalised(value, *rest):
        try:
            value = clean_each(value)
        except Unstorable as problem:
            label = field.label or pretty_name(name)
            raise forms.ValidationError(f"{label} {problem}", code="unstorable") from None
        return clean(value, *rest)

    clean_normalised.normalises = True
    return clean_normalised


class TextForm(forms.Form):
    """A form whose fields clean normalised text. Fields are wrapped when the form is
    cleaned, so those a form adds in its __init__ are wrapped too."""

    def full_clean(self):
        for name, field in self.fields.items():
            if not getattr(field.clean, "normalises", False):
                field.clean = _cleaning(field, name)
        super().full_clean()
