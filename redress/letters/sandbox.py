"""Rendering a letter template in a sandbox that can reach only the letter's facts.

Templates are text an administrator edits in the browser, so the template language
is cut down to what a letter needs, and everything else is refused with a message:

- Jinja's immutable sandbox refuses Python internals (no `__class__`, nothing
  starting with `_`), and here every method too: an attribute that is a method is
  refused, so nothing can be called but the template's own macros;
- no globals (`range`, `lipsum`, `dict`...), and only the filters in FILTERS;
- no loader: `{% include %}`, `{% import %}` and `{% extends %}` are refused, and
  tags Jinja lacks (`{% load %}`, `{% debug %}`) do not parse;
- autoescaping keeps the facts (`redress.letters.facts`, plain data) from becoming
  markup, and the output is cleaned to the HTML a letter is made of (`clean`);
- an unknown name is an error, not a blank, and no string can grow past MAX_OUTPUT.
"""

from __future__ import annotations

import functools
import re
from html import escape
from html.parser import HTMLParser
from urllib.parse import urlsplit

from jinja2 import BaseLoader, StrictUndefined, TemplateError
from jinja2.defaults import DEFAULT_FILTERS
from jinja2.exceptions import SecurityError
from jinja2.runtime import Macro, Undefined
from jinja2.sandbox import ImmutableSandboxedEnvironment

from redress.record.errors import Refused

MAX_OUTPUT = 200_000
# Filters that only shape text and lists; `safe` is not one (facts stay escaped).
FILTERS = [
    "abs",
    "capitalize",
    "count",
    "d",
    "default",
    "e",
    "escape",
    "first",
    "float",
    "forceescape",
    "int",
    "join",
    "last",
    "length",
    "list",
    "lower",
    "max",
    "min",
    "replace",
    "reverse",
    "round",
    "sort",
    "string",
    "striptags",
    "sum",
    "title",
    "trim",
    "truncate",
    "unique",
    "upper",
    "wordcount",
]


class _NoLoader(BaseLoader):
    def get_source(self, environment, template):
        raise SecurityError(
            f"a letter template cannot include, import or extend another ({template!r})"
        )


def _bounded(value):
    if isinstance(value, str | list | tuple) and len(value) > MAX_OUTPUT:
        raise SecurityError("the letter is too long to send")
    return value


def _limited(function):
    """A filter whose result may not grow past MAX_OUTPUT (keeps Jinja's pass_* marks)."""

    @functools.wraps(function)
    def limited(*args, **kwargs):
        return _bounded(function(*args, **kwargs))

    return limited


class LetterSandbox(ImmutableSandboxedEnvironment):
    intercepted_binops = frozenset({"*", "**", "%", "//", "/"})

    def __init__(self) -> None:
        super().__init__(
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            loader=_NoLoader(),
        )
        self.globals.clear()
        self.filters = {name: _limited(DEFAULT_FILTERS[name]) for name in FILTERS}
        self.tests = dict(self.tests)

    def is_safe_attribute(self, obj, attr, value) -> bool:
        return super().is_safe_attribute(obj, attr, value) and not callable(value)

    def is_safe_callable(self, obj) -> bool:
        return isinstance(obj, Macro)

    def wrap_str_format(self, value):
        return None  # str.format is a method like any other: refused

    def call(self, context, obj, /, *args, **kwargs):
        if isinstance(obj, Undefined):
            obj._fail_with_undefined_error()  # says which name or attribute was refused
        if not self.is_safe_callable(obj):
            raise SecurityError("only the template's own macros can be called")
        return context.call(obj, *args, **kwargs)

    def call_binop(self, context, operator_name, left, right):
        if operator_name == "**" and isinstance(right, int) and abs(right) > 100:
            raise SecurityError("the power is too large")
        if operator_name == "%" and isinstance(left, str):
            raise SecurityError("the % operator cannot format text in a letter")
        return _bounded(self.binop_table[operator_name](left, right))


ENVIRONMENT = LetterSandbox()


def render(source: str, facts: dict, field: str = "body") -> str:
    """The template's output for these facts, or Refused naming `field` and the problem."""
    try:
        parts, length = [], 0
        for part in ENVIRONMENT.from_string(source).generate(facts):
            length += len(part)
            if length > MAX_OUTPUT:
                raise Refused("the letter is too long to send", field=field)
            parts.append(part)
    except TemplateError as error:
        raise Refused(f"the template cannot be rendered: {error}", field=field) from None
    return clean("".join(parts))


# --- The letter's HTML: an allow-list of tags, and links only to web, mail and phone -------

TAGS = {
    "p", "br", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "strong", "b", "em",
    "i", "a", "table", "thead", "tbody", "tr", "th", "td", "blockquote", "address",
}  # fmt: skip
# Dropped with everything in them, not just their tags.
DROPPED = {"script", "style", "iframe", "object", "embed", "svg", "math", "template", "noscript"}
LINK_SCHEMES = {"http", "https", "mailto", "tel"}
VOID = {"br"}


class _Cleaner(HTMLParser):
    """Keeps allowed tags without attributes (but a link's safe href), and all text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self.dropping = 0

    def handle_starttag(self, tag, attrs):
        if tag in DROPPED:
            self.dropping += 1
        elif tag in TAGS and not self.dropping:
            href = dict(attrs).get("href") or "" if tag == "a" else ""
            if href and urlsplit(href.strip()).scheme.lower() in LINK_SCHEMES:
                self.out.append(f'<a href="{escape(href.strip())}">')
            else:
                self.out.append(f"<{tag}>")

    def handle_startendtag(self, tag, attrs):
        if tag not in DROPPED:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag in DROPPED:
            self.dropping = max(self.dropping - 1, 0)
        elif tag in TAGS and tag not in VOID and not self.dropping:
            self.out.append(f"</{tag}>")

    def handle_data(self, data):
        if not self.dropping:
            self.out.append(escape(data, quote=False))

    def handle_entityref(self, name):
        if not self.dropping:
            self.out.append(f"&{name};" if re.fullmatch(r"[A-Za-z][A-Za-z0-9]*", name) else "")

    def handle_charref(self, name):
        if not self.dropping:
            self.out.append(f"&#{name};" if re.fullmatch(r"[0-9]+|[xX][0-9a-fA-F]+", name) else "")


def clean(html: str) -> str:
    """The fragment with only a letter's tags: no scripts, styles, attributes or handlers."""
    cleaner = _Cleaner()
    cleaner.feed(html)
    cleaner.close()
    return "".join(cleaner.out)
