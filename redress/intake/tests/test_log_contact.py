"""The "Log a contact" page (issue 19): any channel, when it came and who took it, in the
pages, through the services the API uses; a refusal names its field and writes nothing."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client

from redress.cases.models import Category, Complaint
from redress.cases.services import assign, contacts
from redress.cases.tests.factories import writes_nothing
from redress.code.london import LONDON
from redress.intake import services
from redress.intake.models import Contact, Representative, Resident, ServiceRequest
from redress.record.errors import Refused
from redress.record.models import Event

pytestmark = [pytest.mark.django_db, pytest.mark.today(dt.date(2026, 12, 2))]

URL = "/contacts/log/"


@pytest.fixture
def officer(make_staff):
    return make_staff("olive", "complaints officer")


@pytest.fixture
def client(officer) -> Client:
    client = Client()
    client.force_login(officer)
    return client


REPRESENTATIVE = {
    "made_by": "new",
    "representative_name": "Cllr Rita Patel",
    "representative_relationship": "Ward councillor",
    "representative_authority": "Ada's signed consent form",
    "representative_authority_recorded_on_day": "30",
    "representative_authority_recorded_on_month": "11",
    "representative_authority_recorded_on_year": "2026",
}


def new_resident(**changes) -> dict:
    return {"name": "Ada Jones", "address": "4 Mill Lane", "postcode": "ls1 4ab", **changes}


def contact(officer, **changes) -> dict:
    """A phone complaint taken by `officer` on the morning of Tuesday 1 December 2026."""
    return {
        "made_by": "resident",
        "channel": "phone",
        "received_on_day": "1",
        "received_on_month": "12",
        "received_on_year": "2026",
        "received_time": "09:15",
        "received_by": str(officer.pk),
        "classification": "complaint",
        "summary": "The boiler has failed three times.",
        "wants": "A new boiler.",
        **changes,
    }


def error_on(response, field_id: str) -> str:
    """The inline error of the field with `field_id`, checking the summary links to it."""
    html = response.content.decode()
    assert f'href="#{field_id}' in html, html[:3000]
    assert f'id="{field_id.removesuffix("-day")}-error"' in html
    return html


def test_the_work_queue_links_to_the_page_which_is_for_case_workers_only(client, make_staff):
    assert 'href="/contacts/log/"' in client.get("/cases/").content.decode()
    anonymous = Client().get(URL)
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]
    oversight = Client()
    oversight.force_login(make_staff("mrc", "MRC"))
    assert oversight.get(URL).status_code == 403


def test_a_phone_complaint_from_someone_new_starts_the_clock_when_it_was_received(
    client, officer, make_staff
):
    colleague = make_staff("carl", "handler")
    response = client.post(
        f"{URL}?new=1", new_resident() | contact(officer, received_by=str(colleague.pk))
    )
    complaint = Complaint.objects.get()
    assert response.status_code == 303
    assert response["Location"] == f"/cases/{complaint.reference}/"
    assert complaint.status == "stage1_received" and complaint.channel == "phone"
    assert complaint.received_on == dt.date(2026, 12, 1)
    assert complaint.summary == (
        "The boiler has failed three times.\n\nWhat would put it right: A new boiler."
    )
    assert complaint.resident.postcode == "LS1 4AB"
    logged = complaint.contact
    assert logged.received_at == dt.datetime(2026, 12, 1, 9, 15, tzinfo=LONDON)
    assert logged.received_by == colleague
    event = Event.objects.get(subject_kind="contact", action="contact_recorded")
    assert event.actor == officer and event.payload["received_by"] == "carl"
    received = Event.objects.get(subject_kind="complaint", action="received")
    assert received.occurred_at == logged.received_at


def test_an_existing_resident_is_found_and_a_new_representative_recorded(client, officer):
    ada = services.create_resident(actor=officer, name="Ada Jones", postcode="LS1 4AB")
    services.create_resident(actor=officer, name="Bob Smith")
    found = client.get(URL, {"q": "ada"}).content.decode()
    assert f"?resident={ada.pk}" in found and "Bob Smith" not in found
    response = client.post(
        f"{URL}?resident={ada.pk}",
        contact(
            officer,
            channel="third_party",
            made_by="new",
            representative_name="Cllr Rita Patel",
            representative_relationship="Ward councillor",
            representative_authority="Ada's signed consent form",
            representative_authority_recorded_on_day="30",
            representative_authority_recorded_on_month="11",
            representative_authority_recorded_on_year="2026",
        ),
    )
    assert response.status_code == 303
    rita = Representative.objects.get()
    assert rita.resident == ada and rita.authority_recorded_on == dt.date(2026, 11, 30)
    assert Complaint.objects.get().representative == rita
    assert Resident.objects.count() == 2
    # Next time Rita is on the list of who got in touch.
    form = client.get(f"{URL}?resident={ada.pk}").content.decode()
    assert f'value="{rita.pk}"' in form and "Cllr Rita Patel (Ward councillor)" in form


def test_a_service_request_and_survey_feedback_are_recorded_on_their_pages(client, officer):
    Category.objects.get_or_create(name="Repairs")
    response = client.post(
        f"{URL}?new=1",
        new_resident()
        | contact(officer, classification="service_request", category="Repairs", wants=""),
    )
    item = ServiceRequest.objects.get()
    assert response["Location"] == f"/contacts/service-requests/{item.pk}/"
    assert item.category == "Repairs" and item.raised_on == dt.date(2026, 12, 1)
    assert item.description == "The boiler has failed three times."

    ada = item.resident
    response = client.post(
        f"{URL}?resident={ada.pk}",
        contact(
            officer,
            classification="survey_feedback",
            channel="letter",
            told_how_to_complain="on",
            offered_choice_to_complain="on",
        ),
    )
    assert response["Location"] == "/contacts/survey-feedback/"
    feedback = Contact.objects.get(classification="survey_feedback")
    assert feedback.told_how_to_complain and feedback.offered_choice_to_complain
    assert not Complaint.objects.exists()


def test_the_lists_link_to_the_page_with_the_kind_chosen(client):
    for page, kind in (
        ("/contacts/service-requests/", "service_request"),
        ("/contacts/survey-feedback/", "survey_feedback"),
    ):
        assert f"/contacts/log/?kind={kind}" in client.get(page).content.decode()
        form = client.get(URL, {"kind": kind, "new": "1"}).content.decode()
        assert f'value="{kind}" checked' in form


@pytest.mark.parametrize(
    ("changes", "field_id", "words"),
    [
        # The service's refusals, on the field that caused them.
        ({"received_time": "23:59", "received_on_day": "2"}, "id_received_on-day", "not happened"),
        ({"received_on_day": "4"}, "id_received_on-day", "must be today or in the past"),
        ({"received_on_year": "2025"}, "id_received_on-day", "within the last 12 months"),
        ({"email": "not-an-address"}, "id_email", "is not an email address"),
        ({"category": "Nonsense"}, "id_category", "Select a valid choice"),
        (
            {"classification": "survey_feedback", "told_how_to_complain": "on"},
            "id_offered_choice_to_complain",
            "Code provision 1.6",
        ),
        (
            REPRESENTATIVE | {"representative_email": "x"},
            "id_representative_email",
            "is not an email address",
        ),
        # The form's own checks.
        ({"made_by": "new"}, "id_representative_relationship", "Enter their relationship"),
        ({"received_time": "9am"}, "id_received_time", "24-hour time"),
        ({"representative_name": "Rita"}, "id_made_by", "You entered details of someone"),
        ({"received_on_month": "13"}, "id_received_on-day", "real date"),
        ({"channel": "online_form"}, "id_channel", "Select a valid choice"),
        ({"summary": " "}, "id_summary", "Enter what they told us"),
        ({"name": ""}, "id_name", "Enter full name"),
        ({"postcode": "LS1 4AB 99999"}, "id_postcode", "Postcode must be 10 characters or fewer"),
        (
            REPRESENTATIVE | {"representative_relationship": "x" * 101},
            "id_representative_relationship",
            "must be 100 characters or fewer",
        ),
    ],
)
def test_every_refusal_names_its_field_and_writes_nothing(
    client, officer, changes, field_id, words
):
    with writes_nothing():
        response = client.post(f"{URL}?new=1", new_resident() | contact(officer, **changes))
    assert response.status_code == 422
    html = error_on(response, field_id)
    assert words in html, re.findall(r'error-message">(.*?)</p>', html, re.S)
    assert "There is a problem" in html


def test_who_received_it_must_be_an_active_case_worker(client, officer, make_staff):
    leaver = make_staff("lee", "handler")
    leaver.is_active = False
    leaver.save()
    with writes_nothing():
        response = client.post(
            f"{URL}?new=1", new_resident() | contact(officer, received_by=str(leaver.pk))
        )
    error_on(response, "id_received_by")
    with pytest.raises(Refused) as refused:
        contacts.record_contact(
            actor=officer,
            resident_id=services.create_resident(actor=officer, name="Ada").pk,
            channel="phone",
            classification="complaint",
            summary="Damp",
            received_by_id=leaver.pk,
        )
    assert refused.value.field == "received_by_id"


def test_a_handler_finds_only_residents_they_may_open(officer, make_staff):
    hana = make_staff("hana", "handler")
    harry = make_staff("harry", "handler")
    theirs = services.create_resident(actor=officer, name="Ada Other")
    complaint = contacts.record_contact(
        actor=officer,
        resident_id=theirs.pk,
        channel="phone",
        classification="complaint",
        summary="Damp",
    )[1]

    assign(complaint.reference, actor=officer, handler_id=harry.pk)
    fresh = services.create_resident(actor=officer, name="Ada New")
    client = Client()
    client.force_login(hana)
    found = client.get(URL, {"q": "Ada"}).content.decode()
    assert "Ada New" in found and "Ada Other" not in found
    assert client.get(URL, {"resident": theirs.pk}).status_code == 404
    assert client.get(URL, {"resident": fresh.pk}).status_code == 200


@pytest.mark.parametrize("value", ["abc", "99999999999999999999999", "0"])
def test_a_resident_that_is_not_one_is_not_found(client, value):
    assert client.get(URL, {"resident": value}).status_code == 404
