"""The Code's provisions as Redress holds them, checked against the published forms."""

import html
import re
from pathlib import Path

import pytest

from redress.code.provisions import BY_NUMBER, PROVISIONS, SECTIONS

SEEDS = Path(__file__).resolve().parents[2] / "assessments" / "tests" / "seeds"


def words(text: str) -> str:
    """Letters and digits only, lower case: the seeds differ in quotes, bullets and breaks."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def test_seventy_two_provisions_in_the_codes_order():
    numbers = [p.number for p in PROVISIONS]
    assert len(numbers) == 72 == len(set(numbers))
    assert numbers[0] == "1.2" and numbers[-1] == "9.8"
    keys = [tuple(int(n) for n in number.split(".")) for number in numbers]
    assert keys == sorted(keys)
    assert sorted(SECTIONS) == list(range(1, 10))
    assert {p.section for p in PROVISIONS} == set(SECTIONS)


@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_every_provision_opens_as_in_each_published_form(seed):
    """Each seed quotes the Code; rows split across pages, so only the opening is in all four."""
    published = words(seed.read_text(encoding="utf-8"))
    for provision in PROVISIONS:
        assert words(provision.text)[:40] in published, provision.number


def test_every_provisions_whole_text_is_quoted_by_some_published_form():
    published = [words(seed.read_text(encoding="utf-8")) for seed in SEEDS.glob("*.txt")]
    assert len(published) == 4
    for provision in PROVISIONS:
        text = words(provision.text)
        assert any(text in seed for seed in published), provision.number


def test_no_markup_or_page_furniture_in_the_text():
    for provision in PROVISIONS:
        assert "<" not in provision.text and "Code provision" not in provision.text
        assert provision.text == provision.text.strip()
    assert BY_NUMBER["6.13"].text.startswith("The person considering the complaint at stage 2")
