"""The review's flags, pinned on the seeds (a true case of each) and on negatives."""

from pathlib import Path

import pytest

from redress.reading import ImportedProvision, read_assessment
from redress.reading.flags import CODES, review_provision
from redress.reading.review import compare, review

SEEDS = Path(__file__).resolve().parent / "seeds"


@pytest.fixture(scope="module")
def seeds():
    return {path.name[:3]: read_assessment(path) for path in SEEDS.glob("*.txt")}


def flags_of(seeds, seed, number):
    provision = next(p for p in seeds[seed].provisions if p.number == number)
    return {flag.code: flag for flag in review_provision(provision)}


def row(comply="yes", evidence="", commentary="", answer="Yes", found=True):
    return ImportedProvision("5.1", 5, "req", comply, evidence, commentary, answer, found)


def codes(provision):
    return [flag.code for flag in review_provision(provision)]


@pytest.mark.parametrize(
    "seed, number, code, phrase",
    [
        ("001", "5.9", "not-compliant", "No"),
        ("001", "3.1", "not-compliant", "Partial"),
        ("001", "8.3", "no-answer", "N/A"),
        ("000", "6.2", "awareness-only", "We have referred to this requirement"),
        ("000", "8.5", "awareness-only", "We are aware of this requirement"),
        ("001", "5.5", "future-tense", "This will be reflected in the new policy"),
        ("001", "9.8", "future-tense", "Looking to formalise this"),
        ("001", "2.5", "future-tense", "in the process of drafting"),
        ("002", "4.3", "future-tense", "Going forward"),
        ("001", "2.3", "contradiction", "We are currently working"),
        ("000", "9.4", "unverifiable", "The Executive Director of Housing"),
        ("003", "5.3", "unverifiable", "Our process features two stages."),
    ],
)
def test_a_true_case_of_each_flag_from_the_seeds_with_its_phrase(seeds, seed, number, code, phrase):
    found = flags_of(seeds, seed, number)
    assert code in found
    assert phrase in found[code].phrase
    assert found[code].explanation


@pytest.mark.parametrize(
    "seed, number, code",
    [
        # Quoted policy ("'We will ensure ... we have not yet recorded'") is not the landlord's
        # own intention nor an admitted gap.
        ("000", "5.10", "contradiction"),
        ("000", "5.10", "future-tense"),
        ("000", "6.6", "future-tense"),
        # "We do not stop our efforts" meets the Code: not a contradiction.
        ("000", "1.5", "contradiction"),
        ("003", "6.20", "contradiction"),
        # "however, we will not delay a response" describes practice.
        ("003", "6.1", "contradiction"),
        # Evidence naming a policy, a link or a file is checkable.
        ("000", "1.2", "unverifiable"),
        ("002", "3.2", "unverifiable"),
        ("001", "2.1", "unverifiable"),
        # Awareness plus a described practice is more than awareness.
        ("000", "7.1", "awareness-only"),
    ],
)
def test_negatives_from_the_seeds(seeds, seed, number, code):
    assert code not in flags_of(seeds, seed, number)


def test_no_evidence_and_no_answer():
    assert codes(row(comply=None, answer="")) == ["no-answer", "no-evidence"]
    assert codes(row(comply=None, answer="", found=False))[0] == "no-answer"


def test_future_tense_ignores_what_residents_will_be_able_to_do():
    text = "Our leaflet (2024) says residents will be able to complain by phone or email."
    assert "future-tense" not in codes(row(evidence=text))
    assert "future-tense" in codes(row(evidence="We will be introducing a leaflet in 2025."))
    assert "future-tense" in codes(row(evidence="The policy will be formalised next year."))


def test_contradiction_needs_a_yes():
    text = "Our policy is not yet published."
    assert "contradiction" in codes(row(evidence=text))
    assert "contradiction" not in codes(row(comply="partial", answer="Partial", evidence=text))
    assert "contradiction" in codes(
        row(evidence="Although our policy covers this, staff are not trained.")
    )


def test_unverifiable_accepts_figures_dates_links_documents():
    assert "unverifiable" in codes(row(evidence="We do this well."))
    for evidence in (
        "95% within 10 working days.",
        "Board minutes, March 2024.",
        "See https://example.org/x",
        "Stage 1 letter.docx",
    ):
        assert "unverifiable" not in codes(row(evidence=evidence)), evidence


def test_section_summary_and_totals(seeds):
    result = review(seeds["001"])
    totals = result.totals()
    assert totals["provisions"] == 72
    assert totals["answers"] == {"yes": 60, "partial": 6, "no": 3, "none": 3}
    assert totals["flags"]["not-compliant"] == 9
    assert totals["flags"]["no-answer"] == 3
    sections = result.sections()
    assert [s["section"] for s in sections] == list(range(1, 10))
    assert sum(s["provisions"] for s in sections) == 72
    for code in CODES:
        assert sum(s["flags"][code] for s in sections) == totals["flags"][code]
    assert sections[2]["answers"]["partial"] == 3  # 3.1, 3.4, 3.5


def test_compare_names_columns_and_keeps_the_codes_order(seeds):
    comparison = compare([seeds["000"], seeds["001"], seeds["000"]])
    assert comparison.names() == [
        "000_96dd6a746f122873.txt",
        "Ashford Borough Council",
        "000_96dd6a746f122873.txt [2]",
    ]
    rows = comparison.rows()
    assert [number for number, _, _ in rows][:3] == ["1.2", "1.3", "1.4"]
    assert all(len(cells) == 3 for _, _, cells in rows)
