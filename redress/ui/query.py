"""Numbers people send in a query string or a form: read as ASCII digits, then bounded.

`str.isdigit()` is True for "²" and other Unicode digits that `int()` refuses, and `int()`
reads digits of any length, which the database then cannot hold: so a number from a
request is read here, as 1 to 18 ASCII digits (inside every database's integers), and a
page's query parameter that is not what the page takes is refused as a 400 naming it
(`BadQuery`, shown by `BadQueryPage` on the GOV.UK error page; the API maps it as any
refusal).
"""

from __future__ import annotations

import re

from django.shortcuts import render

from redress.record.errors import Refused

DIGITS = "[0-9]{1,18}"
_NUMBER = re.compile(DIGITS)


def digits(text) -> int | None:
    """The whole number `text` spells in 1 to 18 ASCII digits, else None."""
    return int(text) if isinstance(text, str) and _NUMBER.fullmatch(text) else None


class BadQuery(Refused):
    """A query parameter that is not one the page takes: the link is wrong, not the case."""


def query_number(query, name: str, label: str, *, default: int, low: int, high: int) -> int:
    """The query's whole number `name` (or `default` when it is absent or empty), from
    `low` to `high`; anything else is refused, naming it."""
    text = query.get(name, "")
    if text == "":
        return default
    number = digits(text)
    if number is None or not low <= number <= high:
        raise BadQuery(f"{label} must be a whole number from {low:,} to {high:,}", field=name)
    return number


def query_text(query, name: str, label: str, *, longest: int) -> str:
    """The query's text `name`, trimmed, at most `longest` characters; one holding a NUL
    (which no stored text can, and PostgreSQL will not compare) is refused, naming it."""
    text = query.get(name, "")
    if "\x00" in text:
        raise BadQuery(f"{label} cannot contain a NUL character", field=name)
    return text.strip()[:longest]


class BadQueryPage:
    """Show a page's `BadQuery` as the GOV.UK error page, with a 400, naming the parameter."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, BadQuery):
            return None
        context = {"message": exception.message, "parameter": exception.field}
        return render(request, "redress/bad_query.html", context, status=400)
