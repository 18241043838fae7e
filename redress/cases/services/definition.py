"""The complaint definition (5.6, 5.7): what it must hold.

The acknowledgement letter cannot be issued without the points, the outcomes sought and
what we are responsible for (`redress.code.letters`), so a definition is refused
without them here, wherever it is entered (acknowledging or amending; the case page or
the API).
"""

from __future__ import annotations

from redress.record.checks import storable_text
from redress.record.errors import Refused

RESPONSIBILITY = "5.7"
ALL_OF_IT = ", or say that we are responsible for all of it"


def _texts(values, field: str, rule: str, required: bool, unless: str = "") -> list[str]:
    cleaned = [t for t in (storable_text(str(v), field, rule) for v in values or []) if t]
    if required and not cleaned:
        raise Refused(
            f"{field.replace('_', ' ')}: give at least one{unless}", field=field, rule=rule
        )
    return cleaned


def clean_definition(
    *,
    points: list[str],
    outcomes_sought: list[str],
    responsible_for: list[str] | None = None,
    not_responsible_for: list[str] | None = None,
    responsible_for_all: bool = False,
) -> dict:
    """The definition as stored, or Refused naming the field that needs more: the points
    and outcomes (5.6), and either that we are responsible for all of it or what we are
    responsible for and what we are not (5.7)."""
    definition = {
        "points": _texts(points, "points", "5.6", required=True),
        "outcomes_sought": _texts(outcomes_sought, "outcomes_sought", "5.6", required=True),
        "responsible_for_all": bool(responsible_for_all),
        "responsible_for": _texts(
            responsible_for,
            "responsible_for",
            RESPONSIBILITY,
            required=not responsible_for_all,
            unless=ALL_OF_IT,
        ),
        "not_responsible_for": _texts(
            not_responsible_for,
            "not_responsible_for",
            RESPONSIBILITY,
            required=not responsible_for_all,
            unless=ALL_OF_IT,
        ),
    }
    if responsible_for_all and definition["not_responsible_for"]:
        raise Refused(
            "we are responsible for all of it, or there are things we are not responsible "
            "for: not both",
            field="not_responsible_for",
            rule=RESPONSIBILITY,
        )
    return definition
