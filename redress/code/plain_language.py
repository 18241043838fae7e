"""Plain-language warnings for letters: reading ease, long sentences, jargon.

The Code asks for "clear, plain language" (6.9, 6.19). These are warnings, not
blocks: a formula cannot judge a letter, but it can point at the sentence a
resident will stumble on. Flesch reading ease uses a vowel-group syllable
count, which is rough but stable and needs no dictionary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LONG_SENTENCE_WORDS = 25
# Below this, text is "difficult" on Flesch's scale; GOV.UK aims well above it.
READING_EASE_FLOOR = 50.0
DEFAULT_JARGON = (
    "aforementioned",
    "as per",
    "escalate",
    "in due course",
    "notwithstanding",
    "pursuant to",
    "remediation",
    "stage 0",
    "utilise",
    "with regard to",
    "going forward",
    "leverage",
)

_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_VOWELS = re.compile(r"[aeiouy]+")


@dataclass(frozen=True)
class Warning:
    code: str
    message: str


def syllables(word: str) -> int:
    word = word.lower().strip("'’-")
    groups = len(_VOWELS.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee")) and groups > 1:
        groups -= 1
    return max(groups, 1)


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.findall(text) if _WORD.search(s)]


def reading_ease(text: str) -> float | None:
    """Flesch reading ease (higher is easier), or None for text with no words."""
    found = sentences(text)
    words = [w for s in found for w in _WORD.findall(s)]
    if not words:
        return None
    syllable_count = sum(syllables(w) for w in words)
    return 206.835 - 1.015 * len(words) / len(found) - 84.6 * syllable_count / len(words)


def check(text: str, jargon: tuple[str, ...] | list[str] = DEFAULT_JARGON) -> list[Warning]:
    """Warnings a letter's writer should see before sending it."""
    warnings = []
    ease = reading_ease(text)
    if ease is not None and ease < READING_EASE_FLOOR:
        warnings.append(
            Warning(
                "reading-ease",
                f"Reading ease is {ease:.0f}; aim for {READING_EASE_FLOOR:.0f} or more "
                "with shorter sentences and words",
            )
        )
    for sentence in sentences(text):
        count = len(_WORD.findall(sentence))
        if count > LONG_SENTENCE_WORDS:
            start = " ".join(sentence.split()[:8])
            warnings.append(Warning("long-sentence", f"A sentence of {count} words: “{start} …”"))
    lowered = text.lower()
    for term in jargon:
        term = term.strip()
        if term and re.search(rf"(?<![a-z]){re.escape(term.lower())}(?![a-z])", lowered):
            warnings.append(Warning("jargon", f"“{term}” is jargon: say it plainly"))
    return warnings
