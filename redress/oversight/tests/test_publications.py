"""The Ombudsman's publications: a link or a checked PDF, served as a download, withdrawn."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from redress.oversight.annual_report import publications
from redress.oversight.annual_report.models import OmbudsmanPublication
from redress.record.errors import Refused
from redress.record.models import Event

from .annual_fixtures import PDF

pytestmark = pytest.mark.django_db

ON = dt.date(2026, 9, 1)


@pytest.fixture
def officer(make_staff):
    return make_staff("oscar", "complaints officer")


def add(officer, **changes):
    fields = {"year": 2026, "title": "Landlord report", "kind": "annual", "published_on": ON}
    return publications.add_publication(actor=officer, **(fields | changes))


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"pdf": b"<html>not a pdf</html>"}, "pdf", "must be a PDF"),
        ({"pdf": b"GIF89a%PDF-"}, "pdf", "must be a PDF"),
        ({}, "url", "web address or a PDF"),
        ({"url": "https://x.org/r", "pdf": PDF}, "pdf", "not both"),
        ({"url": "javascript:alert(1)"}, "url", "https://"),
        ({"url": "https://x.org/r", "title": " "}, "title", "required"),
        ({"url": "https://x.org/r", "kind": "gossip"}, "kind", "kind must be"),
        ({"url": "https://x.org/r", "published_on": dt.date(2099, 1, 1)}, "published_on", "future"),
    ],
)
def test_refusals_name_the_field_and_write_nothing(officer, changes, field, words):
    with pytest.raises(Refused) as refused:
        add(officer, **changes)
    assert refused.value.field == field
    assert words in refused.value.message
    assert not OmbudsmanPublication.objects.exists()
    assert not Event.objects.filter(subject_kind="ombudsman_publication").exists()


def test_too_big_is_refused(officer, monkeypatch):
    monkeypatch.setattr(publications, "MAX_PDF_BYTES", len(PDF) - 1)
    with pytest.raises(Refused) as refused:
        add(officer, pdf=PDF)
    assert refused.value.field == "pdf"


def test_a_pdf_is_served_as_an_attachment_until_withdrawn(officer, client):
    item = add(officer, pdf=PDF)
    url = f"/annual-report/ombudsman-publications/{item.pk}/file"
    response = client.get(url)
    assert response.status_code == 200
    assert response.content == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"

    with pytest.raises(Refused) as refused:
        publications.withdraw_publication(item.pk, actor=officer, reason="")
    assert refused.value.field == "reason"
    publications.withdraw_publication(item.pk, actor=officer, reason="Wrong file")
    assert client.get(url).status_code == 404
    assert OmbudsmanPublication.objects.filter(pk=item.pk, withdrawn_reason="Wrong file").exists()
    actions = list(Event.objects.filter(subject_id=item.pk).values_list("action", flat=True))
    assert actions == ["ombudsman_publication.added", "ombudsman_publication.withdrawn"]


def test_a_link_has_no_file(officer, client):
    item = add(officer, url="https://www.housing-ombudsman.org.uk/report")
    assert client.get(f"/annual-report/ombudsman-publications/{item.pk}/file").status_code == 404


def test_the_page_uploads_checks_and_withdraws(officer, client, known_set):
    client.force_login(officer)
    url = "/oversight/ombudsman-publications/"
    form = {
        "form": "add",
        "add-year": "2026",
        "add-title": "Special report",
        "add-kind": "special",
        "add-published_on_day": "1",
        "add-published_on_month": "9",
        "add-published_on_year": "2026",
    }
    fake = SimpleUploadedFile("report.pdf", b"MZ not really a pdf", "application/pdf")
    response = client.post(url, {**form, "add-pdf": fake})
    assert response.status_code == 422
    html = response.content.decode()
    assert 'href="#id_add-pdf"' in html and "The file must be a PDF" in html
    assert 'value="Special report"' in html
    assert not OmbudsmanPublication.objects.exists()

    real = SimpleUploadedFile("report.pdf", PDF, "application/pdf")
    assert client.post(url, {**form, "add-pdf": real}).status_code == 303
    item = OmbudsmanPublication.objects.get()
    assert bytes(item.pdf) == PDF and item.pdf_size == len(PDF)
    assert "Special report" in client.get(url).content.decode()

    response = client.post(url, {"form": f"withdraw-{item.pk}", f"withdraw-{item.pk}-reason": ""})
    assert response.status_code == 422
    page = response.content.decode()
    assert f'id="withdraw-{item.pk}"' in page and '<details class="govuk-details" open>' in page
    response = client.post(
        url, {"form": f"withdraw-{item.pk}", f"withdraw-{item.pk}-reason": "Superseded"}
    )
    assert response.status_code == 303
    assert "Superseded" in client.get(url).content.decode()  # withdrawn stays listed
