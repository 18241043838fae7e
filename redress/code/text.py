"""What counts as text: one normaliser for every form, API schema and "required" check.

Typed and pasted text carries characters nobody sees: a zero-width space, a byte-order
mark, a control character from a copied spreadsheet cell. Left in, they make a blank answer
look given (an extension's reason, 6.4; a response's reasons, 6.7; what a complaint is
about, 5.6) and one word look like two. So text is normalised once, where it comes in (the
API's `Input` schema and every page's form, in redress/project), and a check of whether a
required answer was given tests the normalised value (`has_text`):

- line breaks become "\\n" (a browser sends "\\r\\n");
- control (Cc) and format (Cf) characters are dropped, except newline and tab, and the zero-
  width joiner and non-joiner inside text: they spell words in Persian and Indic scripts,
  and join emoji;
- the result is in Unicode's composed form (NFC), so one word is stored one way;
- whitespace, and those joiners, are stripped from both ends.

A NUL or a lone surrogate is refused (`Unstorable`), not dropped: no database stores either
(PostgreSQL refuses both) and no resident's words contain them, so they mean a broken client,
which should hear so. Plain Python, as everything in redress/code.
"""

from __future__ import annotations

import re
import unicodedata

JOINERS = "\u200c\u200d"
_KEPT = "\n\t" + JOINERS
_DROPPED = ("Cc", "Cf", "Cs")
_ENDS = re.compile(rf"^[\s{JOINERS}]+|[\s{JOINERS}]+$")
_SURROGATE = re.compile("[\ud800-\udfff]")


class Unstorable(ValueError):
    """Text holding what no database stores (a NUL, a lone surrogate)."""


def _visible(value: str) -> str:
    lines = value.replace("\r\n", "\n").replace("\r", "\n")
    kept = "".join(c for c in lines if c in _KEPT or unicodedata.category(c) not in _DROPPED)
    return _ENDS.sub("", unicodedata.normalize("NFC", kept))


def clean_text(value: str) -> str:
    """The text as it is stored (see the module docstring); Unstorable for a NUL or a lone
    surrogate."""
    if "\x00" in value:
        raise Unstorable("must not contain a NUL character")
    if _SURROGATE.search(value):
        raise Unstorable("must not contain a lone surrogate (text that is not valid Unicode)")
    return _visible(value)


def clean_each(value):
    """`value` as a form or schema field takes it: a text cleaned, a list or tuple with each
    text in it cleaned, anything else (a number, a file) as it is."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list | tuple):
        return [clean_each(item) for item in value]
    return value


def has_text(value: str | None) -> bool:
    """Whether anything is left of `value` once normalised: the test of a required answer.

    Never raises, so that the Code's checks can ask it of any text, a tracker's included.
    """
    return bool(_visible(value or ""))
