"""A resident's reply reaches someone, and triage puts an email on the complaint it is about.

Issue 19: nobody was told when a resident replied, even on a closed case; triage could
not attach an email to the resident's existing complaint, nor set the category of a
complaint it opened.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from redress.cases import services
from redress.cases.models import Category, Complaint, Correspondence
from redress.cases.services import contacts
from redress.cases.tests.factories import TODAY
from redress.cases.tests.test_views_correspondence import acknowledge, respond
from redress.cases.tests.test_views_correspondence import open_case as opened
from redress.intake import services as intake
from redress.intake.models import Contact
from redress.notifications.models import Kind, Notification
from redress.reception.receiving import receive_message
from redress.record.errors import Refused
from redress.record.models import Event

from .test_inbound import email

pytestmark = [pytest.mark.django_db, pytest.mark.today(TODAY)]

PNG = b"\x89PNG\r\n\x1a\n a photo of the damp"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def officer(make_staff):
    return make_staff("olive", "complaints officer")


@pytest.fixture
def other_officer(make_staff):
    return make_staff("omar", "complaints officer")


@pytest.fixture
def handler(make_staff):
    return make_staff("harriet", "handler")


@pytest.fixture
def manager(make_staff):
    return make_staff("maya", "manager")


def open_case(officer, handler=None):
    complaint = opened(officer)
    if handler is not None:
        services.assign(complaint.reference, actor=officer, handler_id=handler.pk)
    return complaint


def replies(complaint) -> list[Notification]:
    return list(Notification.objects.filter(kind=Kind.REPLY, complaint=complaint))


def reply(complaint, message_id="<reply-1@mail.example.org>"):
    raw = email(subject=f"Re: {complaint.reference}", message_id=message_id)
    return receive_message(raw, via="imap")


# --- who hears of a reply ---------------------------------------------------------------


def test_a_reply_on_a_handled_case_tells_its_handler(officer, handler, manager):
    complaint = open_case(officer, handler)
    reply(complaint)
    (notice,) = replies(complaint)
    assert notice.recipient == handler
    assert notice.reason == (
        f"The resident wrote on your complaint {complaint.reference}. Read it on the case page."
    )


def test_the_same_reply_twice_tells_once(officer, handler):
    complaint = open_case(officer, handler)
    reply(complaint)
    reply(complaint)
    assert len(replies(complaint)) == 1


def test_a_reply_on_an_unassigned_case_tells_the_officers_not_managers(
    officer, other_officer, manager
):
    complaint = open_case(officer)
    reply(complaint)
    assert {n.recipient for n in replies(complaint)} == {officer, other_officer}
    assert "unassigned complaint" in replies(complaint)[0].reason


def test_a_reply_on_a_closed_case_tells_the_officers(officer, handler):
    complaint = open_case(officer, handler)
    ref = complaint.reference
    services.accept(ref, actor=handler)
    acknowledge(ref, handler, dt.date(2026, 11, 20))
    respond(ref, handler, dt.date(2026, 11, 23))
    services.close(ref, actor=handler)
    reply(complaint)
    (notice,) = replies(complaint)
    assert notice.recipient == officer
    assert "closed complaint" in notice.reason


def test_a_reply_when_the_handler_has_left_tells_the_officers(officer, handler):
    complaint = open_case(officer, handler)
    handler.is_active = False
    handler.save()
    reply(complaint)
    assert [n.recipient for n in replies(complaint)] == [officer]


# --- triage: onto an existing complaint -------------------------------------------------


@pytest.fixture
def untriaged():
    return untriaged_email()


def untriaged_email():
    """An email from the resident that named no complaint, with a photo."""
    raw = email(
        subject="The damp again",
        text="It is back in the bedroom.",
        attachments=(("damp.png", PNG, "image/png"),),
        message_id="<no-reference@mail.example.org>",
    )
    receive_message(raw, via="imap")
    return Contact.objects.get(classification=Contact.Classification.TO_TRIAGE)


def triage(client, user, contact, **data):
    client.force_login(user)
    return client.post(reverse("contacts:triage", args=[contact.pk]), {"summary": "x", **data})


def test_triage_puts_an_email_and_its_attachment_on_an_existing_complaint(
    client, officer, handler, untriaged
):
    complaint = open_case(officer, handler)
    response = triage(
        client,
        officer,
        untriaged,
        classification="on_complaint",
        reference=complaint.reference.lower(),
    )
    assert response.status_code == 303
    assert response["Location"].endswith(f"/cases/{complaint.reference}/#correspondence")
    message, photo = Correspondence.objects.filter(complaint=complaint).order_by("pk")
    assert (message.kind, message.direction, message.title) == (
        "email",
        "incoming",
        "The damp again",
    )
    assert "It is back in the bedroom." in message.body
    assert message.occurred_at == untriaged.received_at
    with photo.file.open("rb") as stored:
        assert stored.read() == PNG
    # The contact keeps its own copy (each under its own retention).
    assert photo.file.name != untriaged.attachments.get().file.name
    untriaged.refresh_from_db()
    assert untriaged.classification == "on_complaint"
    received = Event.objects.get(
        subject_kind="complaint", subject_id=complaint.pk, action="correspondence_received"
    )
    assert received.actor == officer
    assert received.payload["from"] == "ada@example.org"
    assert received.payload["correspondence"] == [message.pk, photo.pk]
    assert [n.recipient for n in replies(complaint)] == [handler]
    page = client.get(response["Location"]).content.decode()
    assert "Ada Jones &lt;ada@example.org&gt; (the resident)" in page
    assert reverse("cases:file", args=[complaint.reference, photo.pk]) in page


def test_the_officer_attaching_an_unassigned_cases_email_is_not_told_of_it(
    client, officer, other_officer, untriaged
):
    complaint = open_case(officer)
    triage(client, officer, untriaged, classification="on_complaint", reference=complaint.reference)
    assert [n.recipient for n in replies(complaint)] == [other_officer]


@pytest.mark.parametrize("reference", ["", "CMP-2026-999999"])
def test_triage_refuses_a_missing_or_unknown_reference_writing_nothing(
    client, officer, untriaged, reference
):
    open_case(officer)
    response = triage(
        client, officer, untriaged, classification="on_complaint", reference=reference
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert 'href="#id_reference"' in html and 'id="id_reference-error"' in html
    assert not Correspondence.objects.exists()
    untriaged.refresh_from_db()
    assert untriaged.classification == "to_triage"


def test_triage_cannot_reach_a_complaint_the_person_may_not_open(
    client, officer, make_staff, untriaged
):
    someone = make_staff("sam", "handler")
    complaint = open_case(officer, make_staff("tom", "handler"))
    response = triage(
        client, someone, untriaged, classification="on_complaint", reference=complaint.reference
    )
    assert response.status_code == 422
    assert not Correspondence.objects.filter(complaint=complaint).exists()


def test_triage_lists_the_senders_complaints(client, officer):
    complaint = open_case(officer)
    untriaged = untriaged_email()
    assert untriaged.resident == complaint.resident
    client.force_login(officer)
    html = client.get(reverse("contacts:triage", args=[untriaged.pk])).content.decode()
    assert f'href="/cases/{complaint.reference}/"' in html


def test_a_complaint_from_triage_gets_the_category_chosen(client, officer, untriaged):
    repairs, _ = Category.objects.get_or_create(name="Repairs")
    response = triage(
        client, officer, untriaged, classification="complaint", category=str(repairs.pk)
    )
    assert response.status_code == 303
    assert Complaint.objects.get(contact=untriaged).category == repairs


def test_a_message_on_a_complaint_is_not_logged_as_a_contact(officer):
    resident = intake.create_resident(actor=officer, name="Ada Jones", postcode="SE1 7PB")
    with pytest.raises(Refused) as caught:
        contacts.record_contact(
            actor=officer,
            resident_id=resident.pk,
            channel="phone",
            classification="on_complaint",
            summary="Hello",
        )
    assert caught.value.field == "classification"
