"""Emails that named no complaint: triaged by a person into a complaint, a request or neither."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from redress.cases.models import Complaint
from redress.intake.models import Contact, ServiceRequest
from redress.reception.receiving import receive_message
from redress.record.models import Event

from .test_inbound import email

pytestmark = pytest.mark.django_db

ARRIVED = timezone.now() - dt.timedelta(hours=3)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def untriaged():
    raw = email(
        subject="Boiler",
        text="Nobody came to fix the boiler. I am fed up.",
        date=ARRIVED,
        attachments=(("photo.png", b"\x89PNG\r\n\x1a\n", "image/png"),),
    )
    receive_message(raw, via="test")
    return Contact.objects.get(classification="to_triage")


@pytest.fixture
def staff(client, make_staff):
    client.force_login(make_staff("hana", "handler"))
    return client


def test_the_list_and_page_show_the_email_and_its_attachment(staff, untriaged):
    listing = staff.get("/contacts/to-triage/").content.decode()
    assert "Nobody came to fix the boiler" in listing and "Ada Jones" in listing
    page = staff.get(f"/contacts/to-triage/{untriaged.pk}/").content.decode()
    attachment = untriaged.attachments.get()
    assert f"/contacts/attachments/{attachment.pk}/" in page
    download = staff.get(f"/contacts/attachments/{attachment.pk}/")
    assert download.status_code == 200 and "attachment;" in download["Content-Disposition"]
    assert b"".join(download.streaming_content).startswith(b"\x89PNG")


def test_a_complaint_keeps_the_time_the_email_arrived(staff, untriaged):
    response = staff.post(
        f"/contacts/to-triage/{untriaged.pk}/",
        {"classification": "complaint", "summary": "Boiler not fixed"},
    )
    complaint = Complaint.objects.get()
    assert response.status_code == 303 and response.url == f"/cases/{complaint.reference}/"
    assert complaint.summary == "Boiler not fixed" and complaint.channel == "email"
    assert complaint.received_on == timezone.localdate(ARRIVED)
    untriaged.refresh_from_db()
    assert untriaged.classification == "complaint"
    assert Event.objects.filter(subject_kind="contact", action="contact_triaged").count() == 1
    again = staff.post(
        f"/contacts/to-triage/{untriaged.pk}/", {"classification": "complaint", "summary": "x"}
    )
    assert again.status_code == 404 and Complaint.objects.count() == 1


def test_a_service_request_or_no_action(staff, untriaged):
    response = staff.post(
        f"/contacts/to-triage/{untriaged.pk}/",
        {"classification": "service_request", "summary": "Boiler repair"},
    )
    request = ServiceRequest.objects.get()
    assert response.url == f"/contacts/service-requests/{request.pk}/"
    assert not Complaint.objects.exists()


def test_neither_takes_it_off_the_list(staff, untriaged):
    staff.post(
        f"/contacts/to-triage/{untriaged.pk}/", {"classification": "no_action", "summary": "Spam"}
    )
    assert "There are no emails to triage." in staff.get("/contacts/to-triage/").content.decode()


def test_bad_input_names_the_field_and_writes_nothing(staff, untriaged):
    before = Event.objects.count()
    response = staff.post(f"/contacts/to-triage/{untriaged.pk}/", {"summary": ""})
    html = response.content.decode()
    assert response.status_code == 422
    assert "Choose what this email is" in html and "govuk-error-summary" in html
    assert Event.objects.count() == before


def test_oversight_roles_cannot_read_emails(client, make_staff, untriaged):
    client.force_login(make_staff("mo", "MRC"))
    attachment = untriaged.attachments.get()
    for url in ("/contacts/to-triage/", f"/contacts/attachments/{attachment.pk}/"):
        assert client.get(url).status_code == 403
