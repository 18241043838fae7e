"""The GOV.UK error summary lists a form's errors in the page's order (its fields'), not
the order they were found in."""

from __future__ import annotations

from django import forms

from redress.ui.forms import TextForm
from redress.ui.govuk import error_summary


class TwoBoxes(TextForm):
    first = forms.CharField(required=False)
    second = forms.CharField(error_messages={"required": "Enter the second"})

    def clean(self):
        # Found after `second`'s own error, though the page shows `first` above it.
        self.add_error("first", "Enter the first")
        self.add_error(None, "Something is wrong with the whole form")


def test_errors_follow_the_fields_whole_form_first():
    form = TwoBoxes(data={})
    assert list(form.errors) == ["second", "first", "__all__"]  # the order found
    assert error_summary(form, "#top") == [
        {"href": "#top", "text": "Something is wrong with the whole form"},
        {"href": "#id_first", "text": "Enter the first"},
        {"href": "#id_second", "text": "Enter the second"},
    ]
