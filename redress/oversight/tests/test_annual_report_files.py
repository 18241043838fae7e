"""The published report as PDF (read back with pdftotext) and Word (read with python-docx)."""

from __future__ import annotations

import io
import re
import subprocess

import pytest
from docx import Document

from redress.oversight.annual_report import services as annual_report

from .annual_fixtures import CHFO_TEXT, IMPROVEMENT, report_set  # noqa: F401
from .test_annual_report_workflow import RESPONSE, ready

pytestmark = pytest.mark.django_db

EXPECTED = [
    "Annual complaints performance and service improvement report 2026/27",
    "(a) Our self-assessment against the Complaint Handling Code",
    "Complaints policy section 3 defines a complaint",  # the self-assessment's 1.2 row
    "Check the stage 2 handler differs before allocation",  # and 6.13's action
    "(b) How we handled complaints in 2026/27",
    "Legal proceedings filed",
    "£225.50",
    "(c) Findings of non-compliance with the Code by the Housing Ombudsman",
    CHFO_TEXT,
    IMPROVEMENT,
    "Special report on damp and mould",
    "The governing body's response",
    RESPONSE,
]


@pytest.fixture
def published(report_set, make_staff, client):  # noqa: F811
    officer = make_staff("oscar", "complaints officer")
    ready(officer)
    annual_report.publish(2026, actor=officer)
    return client


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u2019", "'"))


def test_the_pdf(published, tmp_path):
    response = published.get("/annual-report/2026/report.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    path = tmp_path / "report.pdf"
    path.write_bytes(response.content)
    text = _words(
        subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
    )
    for expected in EXPECTED:
        assert _words(expected) in text, expected
    # The figures: 7 received, 1 not accepted, 6 accepted, 2 escalated; CH02(1) 75.0%.
    assert re.search(
        r"Received at stage 1 7 Not accepted into the complaints process 1 "
        r"Accepted at stage 1 6 Escalated to stage 2 2",
        text,
    )
    assert "75.0%" in text
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Title:" in info and "2026/27" in info
    assert re.search(r"Tagged:\s+yes", info)
    assert "Gargoyle" not in text and "CMP-" not in text


def test_the_word_file(published):
    response = published.get("/annual-report/2026/report.docx")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    document = Document(io.BytesIO(response.content))
    paragraphs = [p.text for p in document.paragraphs]
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    text = _words("\n".join(paragraphs + cells))
    for expected in EXPECTED:
        assert _words(expected) in text, expected
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading 1")]
    assert [h[:3] for h in headings[:6]] == ["(a)", "(b)", "(c)", "(d)", "(e)", "(f)"]
    assert headings[6] == "The governing body's response"
    volumes = next(t for t in document.tables if t.rows[1].cells[0].text == "Received at stage 1")
    assert [[c.text for c in row.cells] for row in volumes.rows][1:] == [
        ["Received at stage 1", "7"],
        ["Not accepted into the complaints process", "1"],
        ["Accepted at stage 1", "6"],
        ["Escalated to stage 2", "2"],
    ]
    assert document.core_properties.title.endswith("2026/27")
    assert document.core_properties.language == "en-GB"
    assert "Gargoyle" not in text and "CMP-" not in text


def test_no_files_for_an_unpublished_year(report_set, client):  # noqa: F811
    assert client.get("/annual-report/2026/report.pdf").status_code == 404
    assert client.get("/annual-report/2026/report.docx").status_code == 404
