"""Importing published self-assessments: every seed's shape, .html, .docx, .pdf and junk.

No database: redress.reading has no Django in it.
"""

import contextlib
import html
import io
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redress.code.provisions import PROVISIONS
from redress.reading import (
    AssessmentFileError,
    parse_text,
    read_assessment,
    read_bytes,
)

SEEDS = Path(__file__).resolve().parent / "seeds"
SEED = {path.name[:3]: path for path in SEEDS.glob("*.txt")}
NUMBERS = [p.number for p in PROVISIONS]

# 001 (Ashford) is the one form not answered "Yes" throughout; read off its comply column.
ASHFORD_NOT_YES = {
    "2.4": "no",
    "3.1": "partial",
    "3.4": "partial",
    "3.5": "partial",
    "5.7": "partial",
    "5.9": "no",
    "8.3": None,  # N/A
    "8.4": None,  # N/A
    "8.5": None,  # N/A
    "9.3": "partial",
    "9.6": "partial",
    "9.7": "no",
}


def expected_comply(seed: str) -> list:
    if seed == "001":
        return [ASHFORD_NOT_YES.get(number, "yes") for number in NUMBERS]
    return ["yes"] * 72


@pytest.fixture(scope="module")
def seeds():
    return {name: read_assessment(path) for name, path in SEED.items()}


def test_four_seeds_are_there():
    assert sorted(SEED) == ["000", "001", "002", "003"]


@pytest.mark.parametrize("seed", ["000", "001", "002", "003"])
def test_all_72_provisions_in_order_with_the_right_answers(seeds, seed):
    assessment = seeds[seed]
    assert [p.number for p in assessment.provisions] == NUMBERS
    assert [p.section for p in assessment.provisions] == [int(n.split(".")[0]) for n in NUMBERS]
    assert [p.comply for p in assessment.provisions] == expected_comply(seed)
    assert all(p.found and p.requirement for p in assessment.provisions)
    assert assessment.warnings == []


@pytest.mark.parametrize("seed", ["000", "001", "002", "003"])
def test_no_markup_entities_bullets_or_stray_whitespace_left(seeds, seed):
    for p in seeds[seed].provisions:
        for text in (p.requirement, p.evidence, p.commentary):
            assert "<" not in text and ">" not in text, (p.number, text)
            assert not re.search(r"&(?:[a-z]+|#\d+);", text), (p.number, text)
            assert "•" not in text and "\xa0" not in text and "\t" not in text
            assert "**" not in text
            assert text == " ".join(text.split())


def test_the_answers_raw_text_is_kept_for_explanations(seeds):
    ashford = {p.number: p for p in seeds["001"].provisions}
    assert ashford["8.3"].answer == "N/A"
    assert ashford["3.1"].answer == "Partial"


def test_landlord_and_period_only_where_the_document_says_so(seeds):
    assert (seeds["001"].landlord, seeds["001"].period) == ("Ashford Borough Council", None)
    assert (seeds["003"].landlord, seeds["003"].period) == (None, "2024/25")
    for seed in ("000", "002"):  # "West Kent" and "rbkc" appear only in answers
        assert (seeds[seed].landlord, seeds[seed].period) == (None, None)


def by_number(assessment):
    return {p.number: p for p in assessment.provisions}


def test_tab_rows_with_html_cells_are_joined_across_pages(seeds):
    rows = by_number(seeds["000"])
    assert rows["1.3"].evidence.endswith("or a friend or family member.'")
    assert rows["1.5"].requirement.endswith("if the resident complains.")
    assert rows["1.5"].evidence.startswith("Our complaints policy and complaints procedure both")
    assert rows["6.3"].requirement.endswith(
        "within 10 working days of the complaint being acknowledged."
    )
    assert rows["6.2"].requirement.endswith(
        "within five working days of the complaint being received ."
    )
    assert rows["2.2"].requirement.endswith("considered under the complaints policy.")
    assert rows["9.6"].evidence.startswith("We report to the Communities & Housing Committee")


def test_markdown_rows_split_across_pages_are_joined(seeds):
    rows = by_number(seeds["001"])
    assert rows["2.5"].commentary.endswith(
        "in the process of drafting our policy along these lines."
    )
    assert rows["6.9"].requirement.endswith("if the individual is not satisfied with the response.")
    assert rows["6.9"].commentary == (
        "All of this is confirmed in writing and captured in our response templates."
    )
    assert rows["5.9"].requirement.endswith(
        "suitable intervals for keeping them informed about their complaint."
    )
    assert rows["5.9"].commentary.endswith("and the resident's agreement sought.")
    assert rows["5.9"].evidence == ""
    assert rows["2.1"].evidence == "Complaint Decline.docx"


def test_bold_heading_rows_with_drifting_cells_are_joined(seeds):
    rows = by_number(seeds["002"])
    assert rows["1.6"].requirement.endswith("provide details of how residents can complain.")
    assert rows["1.6"].commentary.endswith("workshops that will be introduced in early 2026.")
    assert "takes the lead on all ombudsman cases." in rows["4.1"].commentary
    assert rows["4.1"].requirement.endswith("This role may be in addition to other duties.")
    assert rows["4.3"].evidence.endswith("at staff forums and events.")
    assert rows["9.8"].commentary.endswith("supervision, 1:1 and performance reviews.")


def test_one_cell_per_line_and_rows_on_one_line(seeds):
    rows = by_number(seeds["003"])
    assert rows["1.2"].requirement.startswith("A complaint must be defined as:")
    assert rows["1.2"].evidence.endswith("can always be found on our policies webpage.")
    # "2.1 Landlords must ... merits Yes Our Feedback Policy ... \xa0" on one line.
    assert rows["2.1"].requirement.endswith("must be considered on its own merits")
    assert rows["2.1"].evidence.startswith("Our Feedback Policy details the circumstances")
    assert rows["2.1"].commentary == ""
    # "2.3 ... Yes" on one line, its evidence on the lines after.
    assert rows["2.3"].requirement.endswith("where there are good reasons to do so.")
    assert rows["2.3"].evidence.startswith("Our Feedback Policy details when we would not")
    assert rows["3.7"].evidence.endswith("engage with the Ombudsman about their complaint.")
    assert rows["5.8"].requirement.endswith(
        "consider all relevant information and evidence carefully"
    )
    assert rows["6.15"].evidence.endswith(
        "seek advice from the Housing Ombudsman and provide their details."
    )


# Made in the tests from the seed's rows: Word and PDF versions of Ashford's form.


def seed_rows(seed="001"):
    return read_assessment(SEED[seed]).provisions


def make_docx(rows, title="ASHFORD BOROUGH COUNCIL", split=("5.9",)) -> bytes:
    from docx import Document

    document = Document()
    document.add_heading(title, level=1)
    document.add_paragraph("Self-assessment 2024/25")
    table = document.add_table(rows=1, cols=5)
    for cell, text in zip(
        table.rows[0].cells,
        [
            "Code provision",
            "Code requirement",
            "Comply: Yes / No",
            "Evidence",
            "Commentary / explanation",
        ],
        strict=True,
    ):
        cell.text = text
    for p in rows:
        cells = table.add_row().cells
        requirement = p.requirement
        if p.number in split:  # a row broken over two table rows, as at a page break
            words = requirement.split()
            requirement, rest = " ".join(words[:5]), " ".join(words[5:])
        for cell, text in zip(
            cells, [p.number, requirement, p.answer, p.evidence, p.commentary], strict=True
        ):
            cell.text = text
        if p.number in split:
            table.add_row().cells[1].text = rest
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_word_document_made_from_the_seed_rows():
    rows = seed_rows()
    imported = read_bytes(make_docx(rows), ".docx", "ashford.docx")
    assert imported.warnings == []
    assert (imported.landlord, imported.period) == ("Ashford Borough Council", "2024/25")
    assert [p.comply for p in imported.provisions] == expected_comply("001")
    for original, again in zip(rows, imported.provisions, strict=True):
        assert (again.requirement, again.evidence, again.commentary) == (
            original.requirement,
            original.evidence,
            original.commentary,
        )


def make_pdf(rows) -> bytes:
    from weasyprint import HTML

    cells = "".join(
        "<tr>"
        + "".join(
            f"<td>{html.escape(t)}</td>"
            for t in (p.number, p.requirement, p.answer, p.evidence, p.commentary)
        )
        + "</tr>"
        for p in rows
    )
    page = (
        "<html><head><style>@page{size:A4 landscape;margin:1cm}"
        "table{table-layout:fixed;width:100%;border-collapse:collapse}"
        "td,th{vertical-align:top;border:1px solid;font-size:9pt;overflow-wrap:anywhere}"
        "</style></head><body><h1>ASHFORD BOROUGH COUNCIL</h1><p>Self-assessment 2024/2025</p>"
        "<table><thead><tr><th>Code provision</th><th>Code requirement</th>"
        "<th>Comply: Yes / No</th><th>Evidence</th><th>Commentary / explanation</th></tr></thead>"
        f"<tbody>{cells}</tbody></table></body></html>"
    )
    return HTML(string=page).write_pdf()


def words(text):
    return re.findall(r"[a-z0-9]+", text.lower())


def test_a_text_pdf_made_from_the_seed_rows():
    rows = seed_rows()
    imported = read_bytes(make_pdf(rows), ".pdf", "ashford.pdf")
    assert imported.warnings == []
    assert (imported.landlord, imported.period) == ("Ashford Borough Council", "2024/25")
    assert [p.comply for p in imported.provisions] == expected_comply("001")
    # Lines wrap and hyphenate in a PDF: compare words; nearly every row comes back whole.
    same = [
        words(a.requirement) == words(b.requirement) and words(a.commentary) == words(b.commentary)
        for a, b in zip(rows, imported.provisions, strict=True)
    ]
    assert sum(same) >= 66, [r.number for r, ok in zip(rows, same, strict=True) if not ok]


def test_html_tables_become_rows():
    rows = seed_rows()
    body = "".join(
        "<tr>"
        + "".join(
            f"<td><p>{html.escape(t)}</p></td>"
            for t in (p.number, p.requirement, p.answer, p.evidence, p.commentary)
        )
        + "</tr>"
        for p in rows
    )
    page = (
        "<!DOCTYPE html><html><head><title>x</title><script>var x = '1.2\tYes';</script>"
        "</head><body><h1>ASHFORD BOROUGH COUNCIL &amp; partners</h1>"
        f"<table><tr><th>Code provision</th><th>Code requirement</th></tr>{body}</table>"
    )
    imported = read_bytes(page.encode(), ".html")
    assert imported.warnings == []
    assert [p.comply for p in imported.provisions] == expected_comply("001")
    assert [p.evidence for p in imported.provisions] == [p.evidence for p in rows]


def test_missing_duplicated_and_unknown_numbers_are_warned_about():
    lines = SEED["000"].read_text(encoding="utf-8").splitlines()
    lines = [line for line in lines if not line.startswith("4.2\t")]
    lines.append("2.3\tAgain\tNo\tA second 2.3")
    lines.append("10.1\tNot a provision\tYes\tx")
    imported = parse_text("\n".join(lines))
    rows = by_number(imported)
    assert rows["4.2"].comply is None and not rows["4.2"].found
    assert rows["2.3"].comply == "yes"  # the first is kept
    assert [p.number for p in imported.provisions] == NUMBERS
    joined = "\n".join(imported.warnings)
    assert "provision 4.2 is missing" in joined
    assert "provision 2.3 appears more than once" in joined
    assert "10.1 is not a provision" in joined


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("a.xlsx", b"PK\x03\x04", "cannot read a file '.xlsx'"),
        ("a.docx", b"not a zip", "not a readable Word"),
        ("a.pdf", b"%PDF-1.4 broken", "not a readable PDF"),
        ("a.txt", b"\x00\x01binary\x00", "not a text file"),
        ("a.txt", b"Just a letter, no provisions.", "no provision numbers"),
    ],
)
def test_unreadable_files_get_one_clear_error(name, data, message):
    with pytest.raises(AssessmentFileError, match=re.escape(message)):
        read_bytes(data, Path(name).suffix, name)


def test_a_missing_file(tmp_path):
    with pytest.raises(AssessmentFileError, match="no such file"):
        read_assessment(tmp_path / "absent.txt")


JUNK = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
cells = st.one_of(
    st.sampled_from(
        [
            "1.2",
            "2.3",
            "9.8",
            "10.1",
            "6.1",
            "Yes",
            "No",
            "Partial",
            "N/A",
            "",
            "\xa0",
            "<p>",
            "&amp;",
            "•",
            "Section 2: Exclusions",
            "Code provision",
        ]
    ),
    st.text(max_size=40),
)


@JUNK
@given(st.text(max_size=2000))
def test_junk_text_never_crashes(text):
    with contextlib.suppress(AssessmentFileError):
        parse_text(text)


@JUNK
@given(st.lists(st.lists(cells, max_size=7).map("\t".join), max_size=60).map("\n".join))
def test_junk_rows_of_tabs_and_numbers_never_crash(text):
    try:
        imported = parse_text(text)
    except AssessmentFileError:
        return
    assert [p.number for p in imported.provisions] == NUMBERS


@JUNK
@given(st.binary(max_size=3000), st.sampled_from([".txt", ".md", ".html", ".docx", ".pdf"]))
def test_junk_bytes_never_raise_anything_but_a_clear_error(data, suffix):
    with contextlib.suppress(AssessmentFileError):
        read_bytes(data, suffix)
