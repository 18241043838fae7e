"""The one written form of a record's id or a complaint's reference in an API path.

A path value that is not in its canonical form never reaches a route: the URL does
not match, so the answer is 404 before any check or handler runs. Without this,
Django's plain `{name}` captured any text and pydantic read "+3", " 3" or "3.0" as
the integer 3, while the visibility check, reading the raw text, let them through.
The bound keeps every id inside a 64-bit integer column on either engine.
"""

from django.urls import register_converter

# 18 digits at most: below 2**63, so no id overflows SQLite's or PostgreSQL's integers.
MAX_ID = 10**18 - 1


class IdConverter:
    """A row's id: ASCII digits, no sign, no leading zero, no space."""

    regex = "[1-9][0-9]{0,17}"
    # As the API's schema documents it (redress/project/openapi.py).
    schema = {"type": "integer", "minimum": 1, "maximum": MAX_ID}

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(int(value))


class ReferenceConverter:
    """A complaint's reference as stored (at most 40 characters, the column's width),
    with no control character and no white space at either end."""

    regex = r"[^/\s\x00-\x1f\x7f](?:[^/\x00-\x1f\x7f]{0,38}[^/\s\x00-\x1f\x7f])?"
    schema = {"type": "string", "minLength": 1, "maxLength": 40, "pattern": f"^{regex}$"}

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(IdConverter, "id")
register_converter(ReferenceConverter, "ref")
