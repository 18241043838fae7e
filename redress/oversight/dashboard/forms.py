"""The dashboard's dates: GOV.UK date inputs in a GET form, or ?from=&to= in ISO form.

The page's own form sends from_day, from_month, from_year (and to_...); links to
the charts and downloads carry from=YYYY-MM-DD&to=YYYY-MM-DD, which the form
reads as the same boxes, so both are checked by the same rules.
"""

from __future__ import annotations

import datetime as dt

from redress.code.calendars import FIRST_YEAR, LAST_YEAR
from redress.code.periods import Period
from redress.ui.fields import GovukDateField
from redress.ui.forms import TextForm

PARTS = ("day", "month", "year")
# The longest period the dashboard reports on (against as long a period before it): under
# ten years. Longer is a mistyped year, and more months than a page (or a database query
# with a column a month) can hold.
LONGEST_YEARS = 10


class PeriodForm(TextForm):
    def __init__(self, data):
        super().__init__(data)
        self.fields["from"] = GovukDateField(label="From", hint="For example, 1 4 2026")
        self.fields["to"] = GovukDateField(label="To", hint="For example, 31 3 2027")

    def clean(self):
        data = super().clean()
        for name in ("from", "to"):
            day = data.get(name)
            if day is not None and not FIRST_YEAR < day.year <= LAST_YEAR:
                self.add_error(
                    name,
                    f"{self.fields[name].label} must be a date from"
                    f" {FIRST_YEAR + 1} to {LAST_YEAR}",
                )
        first, last = data.get("from"), data.get("to")
        if first and last and not self.errors:
            if last < first:
                self.add_error("to", "To must be the same as or after From")
            elif last >= _years_after(first, LONGEST_YEARS):
                self.add_error("to", f"To must be less than {LONGEST_YEARS} years after From")
        return data

    def period(self) -> Period:
        return Period(self.cleaned_data["from"], self.cleaned_data["to"])


def _years_after(day: dt.date, years: int) -> dt.date:
    """The same date `years` later (29 February: 1 March, where that year has none)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return dt.date(day.year + years, 3, 1)


def _boxes(name: str, day: dt.date) -> dict[str, str]:
    return {f"{name}_{part}": str(getattr(day, part)) for part in PARTS}


def period_form(query, default: Period) -> PeriodForm:
    """A bound form from the query: the date boxes if any were sent, else ISO from/to
    (split into the boxes, so a bad one is refused in the same words), else the default."""
    data = {key: query.get(key, "") for name in ("from", "to") for key in _keys(name)}
    if not any(data.values()):
        for name, day in (("from", default.first_day), ("to", default.last_day)):
            iso = query.get(name, "")
            if not iso:
                data.update(_boxes(name, day))
                continue
            parts = iso.split("-")
            year, month, day = parts if len(parts) == 3 else ("", "", iso)
            data.update({f"{name}_day": day, f"{name}_month": month, f"{name}_year": year})
    return PeriodForm(data)


def _keys(name: str) -> list[str]:
    return [f"{name}_{part}" for part in PARTS]
