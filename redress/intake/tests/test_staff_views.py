"""Staff pages for service requests and survey feedback (Code 1.4 to 1.6)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from redress.administration import deployment
from redress.cases.models import Complaint
from redress.cases.services import contacts
from redress.intake import services
from redress.intake.models import Contact, ServiceRequest

pytestmark = pytest.mark.django_db

TODAY = deployment.today()


@pytest.fixture
def staff(make_staff):
    return make_staff("olive", "complaints officer")


@pytest.fixture
def client(staff) -> Client:
    client = Client()
    client.force_login(staff)
    return client


def resident(staff, name: str = "Ada Jones"):
    return services.create_resident(actor=staff, name=name)


def service_request(staff, who, description: str, days_ago: int = 3) -> ServiceRequest:
    _, item = contacts.record_contact(
        actor=staff,
        resident_id=who.pk,
        channel="phone",
        classification="service_request",
        summary=description,
        received_at=timezone.now() - dt.timedelta(days=days_ago),
        category="Repairs",
    )
    return item


def feedback(staff, who, summary: str, days_ago: int = 1) -> Contact:
    contact, _ = contacts.record_contact(
        actor=staff,
        resident_id=who.pk,
        channel="online_form",
        classification="survey_feedback",
        summary=summary,
        received_at=timezone.now() - dt.timedelta(days=days_ago),
        told_how_to_complain=True,
        offered_choice_to_complain=True,
    )
    return contact


@pytest.mark.parametrize(
    "url",
    [
        "/contacts/service-requests/",
        "/contacts/service-requests/1/",
        "/contacts/survey-feedback/",
        "/contacts/survey-feedback/1/complaint/",
    ],
)
def test_pages_are_for_staff_only(url, django_user_model):
    response = Client().get(url)
    assert response.status_code == 302
    assert "login" in response["Location"]
    resident_user = django_user_model.objects.create_user(username="res", password="x")
    client = Client()
    client.force_login(resident_user)
    assert client.get(url).status_code == 403


def test_service_request_posts_are_for_staff_only(staff, django_user_model):
    item = service_request(staff, resident(staff), "Fix the boiler")
    user = django_user_model.objects.create_user(username="res", password="x")
    client = Client()
    client.force_login(user)
    url = f"/contacts/service-requests/{item.pk}/complete/"
    assert client.post(url, {"complete-completed_on_day": "1"}).status_code == 403
    assert Client().post(url).status_code == 302
    item.refresh_from_db()
    assert item.state == ServiceRequest.State.OPEN


def test_service_request_lists_show_open_and_completed_with_counts(client, staff):
    ada, bob = resident(staff), resident(staff, "Bob Smith")
    newer = service_request(staff, ada, "Fix the boiler", days_ago=2)
    older = service_request(staff, bob, "Replace the window", days_ago=9)
    done = service_request(staff, ada, "Unblock the drain", days_ago=5)
    services.complete_service_request(
        actor=staff, service_request_id=done.pk, completed_on=TODAY - dt.timedelta(days=1)
    )
    complaint = contacts.raise_complaint_about_service_request(
        actor=staff, service_request_id=newer.pk, summary="Nobody came", channel="phone"
    )

    response = client.get("/contacts/service-requests/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Open (2)" in page and "Completed (1)" in page
    assert page.index("Replace the window") < page.index("Fix the boiler")
    assert "Unblock the drain" not in page
    assert "Bob Smith" in page
    assert f'href="{reverse("cases:case", args=[complaint.reference])}"' in page
    assert [row["item"].pk for row in response.context["rows"]] == [older.pk, newer.pk]
    assert response.context["rows"][0]["days_open"] == (TODAY - older.raised_on).days

    response = client.get("/contacts/service-requests/?state=completed")
    page = response.content.decode()
    assert "Unblock the drain" in page and "Fix the boiler" not in page
    assert [row["item"].pk for row in response.context["rows"]] == [done.pk]

    # An unknown state falls back to the open tab.
    response = client.get("/contacts/service-requests/?state=nonsense")
    assert response.context["state"] == "open"


def test_empty_service_request_list(client):
    response = client.get("/contacts/service-requests/")
    assert response.status_code == 200
    assert "No open service requests" in response.content.decode()


def test_service_request_page_shows_details_and_forms(client, staff):
    item = service_request(staff, resident(staff), "Fix the boiler")
    response = client.get(f"/contacts/service-requests/{item.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Fix the boiler" in page and "Ada Jones" in page and "Repairs" in page
    assert "Raise a complaint about how this request is being handled" in page
    assert 'name="complete-completed_on_day"' in page
    assert client.get("/contacts/service-requests/999999/").status_code == 404


def test_raising_a_complaint_links_it_and_leaves_the_request_open(client, staff):
    item = service_request(staff, resident(staff), "Fix the boiler")
    response = client.post(
        f"/contacts/service-requests/{item.pk}/complaint/",
        {"complaint-summary": "Three missed appointments", "complaint-channel": "email"},
    )
    assert response.status_code == 303
    complaint = Complaint.objects.get(service_request=item)
    assert response["Location"] == reverse("cases:case", args=[complaint.reference])
    assert complaint.summary == "Three missed appointments"
    assert complaint.channel == "email"
    assert complaint.resident_id == item.resident_id
    item.refresh_from_db()
    assert item.state == ServiceRequest.State.OPEN

    page = client.get(response["Location"]).content.decode()
    assert "raised about service request" in page

    page = client.get(f"/contacts/service-requests/{item.pk}/").content.decode()
    assert complaint.reference in page


def test_raising_a_complaint_without_a_summary_is_422_and_keeps_input(client, staff):
    item = service_request(staff, resident(staff), "Fix the boiler")
    response = client.post(
        f"/contacts/service-requests/{item.pk}/complaint/",
        {"complaint-summary": "  ", "complaint-channel": "letter"},
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "There is a problem" in page
    assert 'href="#id_complaint-summary"' in page
    assert 'id="id_complaint-summary"' in page
    assert "Enter what the complaint is about" in page
    assert '<option value="letter" selected>' in page
    assert not Complaint.objects.exists()


def test_completing_a_service_request(client, staff):
    item = service_request(staff, resident(staff), "Fix the boiler", days_ago=4)
    response = client.post(
        f"/contacts/service-requests/{item.pk}/complete/",
        {
            "complete-completed_on_day": str(TODAY.day),
            "complete-completed_on_month": str(TODAY.month),
            "complete-completed_on_year": str(TODAY.year),
        },
    )
    assert response.status_code == 303
    assert response["Location"] == f"/contacts/service-requests/{item.pk}/"
    item.refresh_from_db()
    assert item.state == ServiceRequest.State.COMPLETED
    assert item.completed_on == TODAY
    page = client.get(response["Location"]).content.decode()
    assert "marked as completed" in page
    assert 'name="complete-completed_on_day"' not in page


@pytest.mark.parametrize(
    ("day", "month", "year", "error"),
    [
        ("31", "2", "2026", "Completed on must be a real date"),
        ("", "", "", "Enter completed on"),
        ("1", "1", "2000", "Completed before it was raised"),
    ],
)
def test_a_bad_completion_date_is_422_and_writes_nothing(client, staff, day, month, year, error):
    item = service_request(staff, resident(staff), "Fix the boiler")
    response = client.post(
        f"/contacts/service-requests/{item.pk}/complete/",
        {
            "complete-completed_on_day": day,
            "complete-completed_on_month": month,
            "complete-completed_on_year": year,
        },
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "There is a problem" in page
    assert 'href="#id_complete-completed_on-day"' in page
    assert 'id="id_complete-completed_on-day"' in page
    assert error in page
    assert f'value="{day}"' in page
    item.refresh_from_db()
    assert item.state == ServiceRequest.State.OPEN
    assert item.completed_on is None


def test_a_future_completion_date_is_refused(client, staff):
    item = service_request(staff, resident(staff), "Fix the boiler")
    later = TODAY + dt.timedelta(days=3)
    response = client.post(
        f"/contacts/service-requests/{item.pk}/complete/",
        {
            "complete-completed_on_day": str(later.day),
            "complete-completed_on_month": str(later.month),
            "complete-completed_on_year": str(later.year),
        },
    )
    assert response.status_code == 422
    assert "cannot be in the future" in response.content.decode()
    item.refresh_from_db()
    assert item.state == ServiceRequest.State.OPEN


def test_survey_feedback_list_newest_first(client, staff):
    ada, bob = resident(staff), resident(staff, "Bob Smith")
    older = feedback(staff, ada, "The repair was slow", days_ago=5)
    newer = feedback(staff, bob, "Friendly operative", days_ago=1)
    service_request(staff, ada, "Fix the boiler")

    response = client.get("/contacts/survey-feedback/")
    assert response.status_code == 200
    page = response.content.decode()
    assert [c.pk for c in response.context["contacts"]] == [newer.pk, older.pk]
    assert page.index("Friendly operative") < page.index("The repair was slow")
    assert "Fix the boiler" not in page
    assert f'href="/contacts/survey-feedback/{older.pk}/complaint/"' in page
    assert "Yes" in page


def test_raising_a_complaint_from_survey_feedback(client, staff):
    contact = feedback(staff, resident(staff), "The repair was slow")
    url = f"/contacts/survey-feedback/{contact.pk}/complaint/"
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert ">The repair was slow</textarea>" in page
    assert '<option value="online_form" selected>' in page

    response = client.post(url, {"summary": "The repair took six weeks", "channel": "phone"})
    assert response.status_code == 303
    complaint = Complaint.objects.get(contact=contact)
    assert response["Location"] == reverse("cases:case", args=[complaint.reference])
    assert complaint.resident_id == contact.resident_id
    assert complaint.summary == "The repair took six weeks"
    assert complaint.channel == "phone"

    page = client.get("/contacts/survey-feedback/").content.decode()
    assert complaint.reference in page


def test_survey_complaint_errors_are_422(client, staff):
    contact = feedback(staff, resident(staff), "The repair was slow")
    url = f"/contacts/survey-feedback/{contact.pk}/complaint/"
    response = client.post(url, {"summary": "Typed words", "channel": ""})
    assert response.status_code == 422
    page = response.content.decode()
    assert "There is a problem" in page and "Choose how they told us" in page
    assert "Typed words" in page
    assert not Complaint.objects.exists()


def test_survey_complaint_only_for_survey_feedback(client, staff):
    item = service_request(staff, resident(staff), "Fix the boiler")
    assert client.get(f"/contacts/survey-feedback/{item.contact_id}/complaint/").status_code == 404
