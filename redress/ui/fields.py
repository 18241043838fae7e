"""The GOV.UK form kit every app's forms are built from.

Each field carries a `govuk` attribute naming the GOV.UK component the template
renders it as (input, number, textarea, lines, radios, select, date, file or
checkbox), and error messages in the Design System's words. The kit checks only
shape; the Code's rules stay in the services.
"""

from __future__ import annotations

import datetime as dt

from django import forms

from redress.code.timescales import LONGEST_UPDATE_INTERVAL


def tag(field: forms.Field, kind: str, hint: str = "") -> forms.Field:
    field.govuk = kind
    field.help_text = hint
    return field


def text(label: str, *, required: bool = True, hint: str = "", long: bool = True, error: str = ""):
    error = error or f"Enter {label[:1].lower()}{label[1:]}"
    field = forms.CharField(
        label=label, required=required, strip=True, error_messages={"required": error}
    )
    return tag(field, "textarea" if long else "input", hint)


class LinesField(forms.CharField):
    """A textarea read as a list: one item a line, blank lines dropped."""

    def to_python(self, value) -> list[str]:
        return [line.strip() for line in str(value or "").splitlines() if line.strip()]


def lines(label: str, *, required: bool = True, hint: str = "Put each one on its own line."):
    field = LinesField(
        label=label,
        required=required,
        error_messages={"required": f"Enter at least one item for: {label.lower()}"},
    )
    return tag(field, "lines", hint)


def checkbox(label: str) -> forms.Field:
    return tag(forms.BooleanField(required=False, label=label), "checkbox")


def radios(label: str, choices, *, error: str, hint: str = ""):
    field = forms.ChoiceField(label=label, choices=choices, error_messages={"required": error})
    return tag(field, "radios", hint)


def whole_number(label: str, *, most: int, hint: str = "", required: bool = True, what=""):
    """A count from 1 to `most`: every number people type has a bound that means something.
    `what` names it in the error messages where the label is a question."""
    what = what or label
    field = forms.IntegerField(
        label=label,
        min_value=1,
        max_value=most,
        required=required,
        error_messages={
            "required": f"Enter {label.lower()}",
            "invalid": f"{what} must be a whole number, like 5",
            "min_value": f"{what} must be 1 or more",
            "max_value": f"{what} must be {most:,} or fewer",
        },
    )
    return tag(field, "number", hint)


def staff_choices(queryset) -> list[tuple[str, str]]:
    return [("", "Choose a person")] + [
        (str(u.pk), u.get_full_name() or u.get_username()) for u in queryset
    ]


class DateParts(forms.MultiWidget):
    """A GOV.UK date input: day, month and year boxes named <field>_day and so on."""

    def __init__(self, attrs=None):
        boxes = {part: forms.TextInput for part in ("day", "month", "year")}
        super().__init__(widgets=boxes, attrs=attrs)

    def decompress(self, value):
        return [value.day, value.month, value.year] if value else [None, None, None]


class GovukDateField(forms.MultiValueField):
    """Day, month and year, with the GOV.UK pattern's error messages."""

    widget = DateParts

    def __init__(self, *, label: str, required: bool = True, hint: str = "For example, 27 3 2026"):
        parts = (forms.CharField(), forms.CharField(), forms.CharField())
        super().__init__(parts, label=label, required=required, require_all_fields=False)
        tag(self, "date", hint)

    def clean(self, value) -> dt.date | None:
        parts = [str(v or "").strip() for v in (value or ["", "", ""])]
        if not any(parts):
            if self.required:
                raise forms.ValidationError(f"Enter {self.label.lower()}")
            return None
        missing = [
            name for name, part in zip(("day", "month", "year"), parts, strict=True) if not part
        ]
        if missing:
            raise forms.ValidationError(f"{self.label} must include a {' and '.join(missing)}")
        try:
            day, month, year = (int(p) for p in parts)
            return dt.date(year, month, day)
        except ValueError:
            raise forms.ValidationError(f"{self.label} must be a real date") from None

    def compress(self, data_list):  # pragma: no cover - clean() does the work
        return None


def update_interval(label: str, *, hint: str = "", required: bool = True):
    """Working days between updates to the resident: 1 to a working quarter."""
    return whole_number(
        label,
        most=LONGEST_UPDATE_INTERVAL,
        hint=hint,
        required=required,
        what="The working days between updates",
    )
