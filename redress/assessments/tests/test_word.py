"""The self-assessment as Word, in the Ombudsman's table layout."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest

from redress.assessments import services
from redress.assessments.word import HEADER, INTRODUCTION, assessment_docx
from redress.code.provisions import BY_NUMBER, SECTIONS

from .conftest import SHORTFALL, answer_all

pytestmark = pytest.mark.django_db


def opened(assessment) -> docx.document.Document:
    return docx.Document(io.BytesIO(assessment_docx(assessment, "Kent Homes")))


def test_one_table_a_section_with_the_ombudsmans_columns(draft, drafter):
    answer_all(draft, drafter)
    document = opened(draft)
    assert len(document.tables) == 9
    rows = 0
    for table in document.tables:
        assert tuple(cell.text for cell in table.rows[0].cells) == HEADER
        rows += len(table.rows) - 1
    assert rows == 72
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    for number, title in SECTIONS.items():
        assert f"Section {number}: {title}" in headings
    texts = [p.text for p in document.paragraphs]
    assert texts[0].startswith("Kent Homes: Self-assessment against the Complaint Handling Code")
    assert all(paragraph in texts for paragraph in INTRODUCTION)


def test_each_answer_in_its_cell(draft, drafter):
    answer_all(draft, drafter)
    services.save_answer(
        draft.pk,
        actor=drafter,
        number="6.13",
        comply="partial",
        use_drafted=True,
        action="Route stage 2 to another team",
        action_owner="Head of Customer",
        action_due=dt.date(2027, 3, 31),
    )
    section6 = opened(draft).tables[5]
    row = next(r for r in section6.rows if r.cells[0].text == "6.13")
    number, requirement, comply, evidence, commentary = (cell.text for cell in row.cells)
    assert requirement == BY_NUMBER["6.13"].text
    assert comply == "Partial"
    assert evidence.startswith("Policy section 6.13") and SHORTFALL in evidence
    assert commentary.startswith("Two were in a team of one")
    assert (
        "Action: Route stage 2 to another team (owner: Head of Customer) by 31 March 2027."
        in commentary
    )
    first = opened(draft).tables[0].rows[1].cells
    assert (first[0].text, first[2].text, first[3].text) == ("1.2", "Yes", "Policy section 1.2")


def test_an_unanswered_draft_exports_blank_cells(draft):
    row = opened(draft).tables[0].rows[1].cells
    assert (row[0].text, row[2].text, row[3].text, row[4].text) == ("1.2", "", "", "")
