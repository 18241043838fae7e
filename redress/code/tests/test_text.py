"""What counts as text (redress/code/text.py): invisible characters never make a blank
answer look given, and what cannot be stored is refused rather than dropped."""

from __future__ import annotations

import pytest

from redress.code.letters import LetterKind, missing_elements
from redress.code.text import Unstorable, clean_text, has_text
from redress.code.timescales import Extension, valid_extension

# Each looks typed and is not: a zero-width space, a word joiner, a byte-order mark, a
# soft hyphen, bidi marks, a bell, a no-break space and an ideographic space.
INVISIBLE = ["\u200b", "\u2060\ufeff", " \u00ad ", "\u200e\u202e\u2066", "\x07\x1b", "\u00a0\u3000"]


@pytest.mark.parametrize("value", INVISIBLE)
def test_invisible_characters_are_no_text(value):
    assert clean_text(value) == ""
    assert not has_text(value)


def test_whitespace_and_invisibles_are_stripped_from_both_ends():
    assert clean_text(" \u200b\t Damp in the bedroom \ufeff\n") == "Damp in the bedroom"


def test_inside_text_control_and_format_characters_are_dropped_but_lines_kept():
    typed = "First line\r\nSecond\u200b line\x07\rThird\tcolumn\n\nLast"
    assert clean_text(typed) == "First line\nSecond line\nThird\tcolumn\n\nLast"


def test_text_is_stored_in_one_unicode_form():
    assert clean_text("Cafe\u0301") == "Caf\u00e9"


def test_joiners_inside_words_are_kept_and_alone_are_no_text():
    persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"  # ZWNJ spells the word
    technologist = "\U0001f469\u200d\U0001f4bb"  # an emoji joined by ZWJ
    assert clean_text(persian) == persian
    assert clean_text(technologist) == technologist
    assert clean_text("\u200d\u200c") == ""


@pytest.mark.parametrize(
    ("value", "words"),
    [("Ada\x00Jones", "NUL"), ("Ada\ud800", "surrogate"), ("\udfff", "surrogate")],
)
def test_what_no_database_stores_is_refused_not_dropped(value, words):
    with pytest.raises(Unstorable, match=words):
        clean_text(value)
    assert isinstance(Unstorable("x"), ValueError)


def test_has_text_never_raises_on_what_it_is_given():
    assert not has_text(None)
    assert not has_text("\x00\ud800")
    assert has_text("\x00a")


def test_an_extension_reason_of_invisible_characters_is_no_reason():
    import datetime as dt

    day = dt.date(2024, 6, 10)
    given = Extension(working_days=5, agreed_on=day, reason="Awaiting the surveyor")
    blank = Extension(working_days=5, agreed_on=day, reason="\u200b\u2060")
    assert valid_extension(given, day, 0, 10)
    assert not valid_extension(blank, day, 0, 10)


def test_a_letter_element_of_invisible_characters_is_missing():
    context = {"stage": 1, "extension": {"new_date": "2026-12-20", "reason": "\u200b"}}
    assert ("the reasons for the extension", "6.4") in missing_elements(
        LetterKind.EXTENSION, context
    )
