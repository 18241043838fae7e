"""Which category a complaint is filed under: one of the landlord's, never a new string.

The landlord administers the list (`redress.learning`); a complaint points at an active
one, named by its id or by its name in any case ("repairs" is "Repairs"). Anything else
is refused naming the field, so the figures never split one category in two.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from redress.record.errors import Refused
from redress.ui.converters import MAX_ID
from redress.ui.query import digits

from .models import Category


def administered(value, field: str = "category") -> Category | None:
    """The active category `value` names (a Category, its id, or its name); None for
    blank; otherwise Refused naming `field`."""
    if isinstance(value, Category) or value is None:
        return value
    found = None
    if isinstance(value, str):
        value = value.strip()
        if not value:
            return None
        found = matching(value)
        value = digits(value)
    number = value if type(value) is int else None  # an id: not a bool, not a float
    if found is None and number is not None and 0 < number <= MAX_ID:
        found = Category.objects.filter(pk=number, active=True).first()
    if found is None:
        names = ", ".join(active_names()) or "none yet"
        raise Refused(f"category must be one of the landlord's: {names}", field=field)
    return found


def matching(name: str) -> Category | None:
    """The active category a free-text label (a service request's) names, if any: a
    complaint raised about the request starts there, or uncategorised until triage."""
    name = (name or "").strip()
    return Category.objects.filter(name__iexact=name, active=True).first() if name else None


def active() -> list[Category]:
    """The active categories, in the landlord's order (one query: call once per request)."""
    return list(Category.objects.filter(active=True))


def active_names() -> list[str]:
    return [c.name for c in active()]


# The reports' rows beside the landlord's own categories.
NOT_LISTED = "Not in the landlord's category list"
UNCATEGORISED = "No category recorded"


def report_rows(found: dict, empty, total: Callable[[list], Any]) -> list[tuple[str, Any, bool]]:
    """Figures per category id (None for no category) as every report shows them:
    (label, figures, whether it is one of the landlord's categories). The landlord's in
    their order (a deactivated one only while it has figures); the imported ones added
    together and never named (someone else's wording); then those with none."""
    rows, imported = [], []
    for category in Category.objects.all():
        figures = found.get(category.pk)
        if category.imported:
            imported += [figures] if figures is not None else []
        elif category.active or figures is not None:
            rows.append((category.name, empty if figures is None else figures, True))
    if imported:
        rows.append((NOT_LISTED, total(imported), False))
    rows.append((UNCATEGORISED, found.get(None, empty), False))
    return rows
