"""Starting this year's draft from a self-assessment published outside Redress (issue 7)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from redress.assessments import services
from redress.assessments.models import Assessment
from redress.reading import read_assessment
from redress.record.models import Event

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).parent / "seeds"
ASHFORD = SEEDS / "001_975242c160a6e259.txt"  # answers No on 2.4, 5.9, 9.7; Partial on 3.1


def test_the_imported_answers_become_the_draft(drafter, drafted, year):
    assessment = services.start_version(
        actor=drafter, year=year, trigger="annual", imported=read_assessment(ASHFORD)
    )
    answers = {a.number: a for a in assessment.answers.all()}
    assert len(answers) == 72
    assert answers["2.4"].comply == "no" and answers["3.1"].comply == "partial"
    assert answers["1.2"].comply == "yes"
    assert answers["1.2"].evidence.startswith("How to make a formal complaint to Ashford")
    assert answers["8.3"].comply == ""  # "N/A" in the published form: left for the officer
    assert assessment.copied_from is None
    started = Event.objects.get(subject_kind="assessment", action="started")
    assert started.payload["imported_from"] == ASHFORD.name
    assert started.payload["imported_landlord"] == "Ashford Borough Council"


def test_the_start_page_takes_a_published_form(drafter, drafted, year):
    client = Client()
    client.force_login(drafter)
    upload = SimpleUploadedFile(ASHFORD.name, ASHFORD.read_bytes(), "text/plain")
    response = client.post(
        reverse("assessments:start"), {"year": year, "trigger": "annual", "imported": upload}
    )
    assert response.status_code == 303
    assessment = Assessment.objects.get()
    assert assessment.answers.get(number="9.7").comply == "no"
    history = client.get(reverse("assessments:history", args=[assessment.pk])).text
    assert f"from the published form {ASHFORD.name}" in history


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("minutes.xlsx", b"PK\x03\x04", "must be a Word document, PDF, web page or text file"),
        ("broken.docx", b"not a zip at all", "could not be read"),
    ],
)
def test_a_file_that_is_not_a_self_assessment_starts_nothing(
    drafter, drafted, year, name, content, message
):
    client = Client()
    client.force_login(drafter)
    upload = SimpleUploadedFile(name, content)
    response = client.post(
        reverse("assessments:start"), {"year": year, "trigger": "annual", "imported": upload}
    )
    assert response.status_code == 422
    assert message in response.text
    assert 'href="#id_imported"' in response.text
    assert not Assessment.objects.exists()
