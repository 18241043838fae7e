"""Plain-language warnings: reading ease, long sentences and the landlord's jargon list."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from redress.code.plain_language import check, reading_ease, syllables


def codes(text: str, **kwargs) -> list[str]:
    return [w.code for w in check(text, **kwargs)]


def test_short_plain_sentences_raise_nothing():
    assert codes("We are sorry. We will fix the boiler by Friday. Call us if it fails.") == []


def test_a_long_sentence_is_flagged_with_its_start():
    text = " ".join(["word"] * 30) + "."
    warnings = check(text)
    assert [w.code for w in warnings] == ["long-sentence"]
    assert "30 words" in warnings[0].message


def test_dense_text_has_low_reading_ease():
    dense = (
        "Notwithstanding organisational considerations, comprehensive remediation "
        "necessitates multidisciplinary investigation."
    )
    assert reading_ease(dense) < 0
    assert "reading-ease" in codes(dense)


def test_jargon_is_matched_as_whole_words_from_the_landlords_list():
    assert "jargon" in codes("We will utilise a contractor.", jargon=["utilise"])
    assert "jargon" not in codes("The utilisers came.", jargon=["utilise"])
    assert "jargon" in codes("As per our policy.", jargon=["as per"])


def test_syllables():
    assert [syllables(w) for w in ("cat", "table", "make", "boiler", "the")] == [1, 2, 1, 2, 1]


@given(st.text())
def test_any_text_is_checked_without_crashing(text):
    check(text)
