"""Rendering a letter template in a sandbox that can reach only the letter's facts.

Templates are landlord-edited text. Jinja's immutable sandbox refuses access to
Python internals (no `__class__`, no method calls that change data), the
context holds only plain data (`redress.letters.facts`), autoescaping keeps the
facts from becoming markup, and an unknown name is an error, not a blank.
"""

from __future__ import annotations

from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from redress.record.errors import Refused

ENVIRONMENT = ImmutableSandboxedEnvironment(
    autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True
)
MAX_OUTPUT = 200_000


def render(source: str, facts: dict, field: str = "body") -> str:
    """The template's output for these facts, or Refused naming `field` and the problem."""
    try:
        output = ENVIRONMENT.from_string(source).render(facts)
    except TemplateError as error:
        raise Refused(f"the template cannot be rendered: {error}", field=field) from None
    if len(output) > MAX_OUTPUT:
        raise Refused("the letter is too long to send", field=field)
    return output
