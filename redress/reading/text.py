"""Cleaning cell text, reading comply answers and matching words against the Code's text."""

from __future__ import annotations

import html
import re

_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
# Bullets and list glyphs that word processors and PDF exporters leave in cells.
_BULLETS = re.compile(
    "[\u2022\u25e6\u25aa\u25ab\u25cf\u25cb\u25a0\u25a1\u2023\u2043\u2219\uf0b7\uf0a7\uf076\uf0d8]"
)
_MARKDOWN = re.compile(r"(?<!\w)(\*\*|__)(?=\S)|(?<=\S)(\*\*|__)(?!\w)")
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"[a-z0-9]+")

_ANSWER = re.compile(
    r"""^\W*(?:
        (?P<yes>yes|y|compliant|fully\s+compliant|fully\s+complies|complies|met)
      | (?P<partial>partial(?:ly)?(?:\s+compliant|\s+complies|\s+met)?|in\s+part|part)
      | (?P<no>no|n|non[\s-]?compliant|not\s+compliant|not\s+met)
      | (?P<na>n\s*/\s*a|na|not\s+applicable)
    )(?![a-z0-9/])""",
    re.IGNORECASE | re.VERBOSE,
)


def clean(text: str) -> str:
    """Markup, entities and bullets out; whitespace (NBSP too) to single spaces; else verbatim."""
    text = _TAG.sub(" ", text)
    text = html.unescape(text)
    text = _TAG.sub(" ", text)  # tags that were escaped in the source
    text = _BULLETS.sub(" ", text)
    text = _MARKDOWN.sub("", text)
    return _SPACE.sub(" ", text).strip()


def words(text: str) -> list[str]:
    """Lower-case letters and digits: quotes, dashes, bullets and breaks differ between forms."""
    return _WORD.findall(text.lower())


def read_answer(text: str) -> tuple[str | None, str] | None:
    """('yes'|'no'|'partial'|None for N/A, the words matched), or None when it is no answer."""
    match = _ANSWER.match(clean(text))
    if not match:
        return None
    kind = match.lastgroup
    return (None if kind == "na" else kind), match.group(0).strip()


def is_answer(text: str) -> bool:
    """The whole cell is an answer: "Yes", "Partially", "N/A", "No." (three words at most)."""
    cleaned = clean(text)
    return read_answer(cleaned) is not None and len(cleaned.split()) <= 3
