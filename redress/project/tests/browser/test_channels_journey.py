"""What reaches staff by phone, letter or in person, logged on the pages (issue 19, item 1).

The services are called only to make the staff and the landlord's categories; everything
else is done on the pages, and the database is read only to check what the record ends
up with. axe runs on every page each journey visits.

1. A phone complaint: the work queue, "Log a contact" (find the resident; the form, a
   refusal, then logged), the case page (its acknowledgement due from the call, not from
   the logging; accepted with its category, assigned), the handler's case page
   (acknowledged and answered).
2. A service request: the service requests list, "Log a contact" (a new resident), the
   request's page, where a complaint is raised about its handling; the case page; the
   work queue with the complaint on it; then survey feedback from the same resident, found
   by the search, on the survey feedback list.
"""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from redress.cases.models import Category, Complaint
from redress.code.london import LONDON
from redress.intake.models import Contact, ServiceRequest
from redress.learning import models as learning
from redress.learning.defaults import seed

from .conftest import check_axe, open_action
from .journeys import acknowledge, assign, fill_date, respond, staff_page, status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Monday 30 November 2026: no bank holiday before Christmas, every weekday works.
MONDAY_30_NOV = dt.date(2026, 11, 30)
FRIDAY_27_NOV = dt.date(2026, 11, 27)


@pytest.fixture(autouse=True)
def taxonomies():
    # Transactional tests flush the database, data migrations' rows included.
    seed(Category, learning.Cause)


@pytest.fixture
def staff(make_staff):
    return {
        "olive": make_staff("olive", "complaints officer"),
        "harriet": make_staff("harriet", "handler"),
    }


def open_log_page(page):
    """From the work queue, as the officer starts: the "Log a contact" button."""
    page.goto("/cases/")
    page.get_by_role("button", name="Log a contact").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Log a contact")
    check_axe(page)


def the_contact(page, channel: str, kind: str, told: str, wants: str = "") -> None:
    """The form's contact part: how it came, what it is and what they said."""
    page.get_by_role("group", name="Who got in touch?").get_by_label("The resident").check()
    page.get_by_label("How they got in touch").select_option(label=channel)
    page.get_by_role("group", name="What is it?").get_by_label(kind).check()
    page.get_by_label("What they told us").fill(told)
    if wants:
        page.get_by_label("What they want to happen").fill(wants)


@pytest.mark.today(MONDAY_30_NOV)
def test_a_phone_complaint_is_logged_accepted_acknowledged_assigned_and_answered(new_page, staff):
    # Friday 27 November at 16:40 Rosa phoned Olive; Olive logs the call on Monday.
    olive = staff_page(new_page, staff["olive"])
    open_log_page(olive)
    olive.get_by_label("Find the resident").fill("Rosa")
    olive.get_by_role("button", name="Find").click()
    expect(olive.get_by_role("heading", name="0 residents found for “Rosa”")).to_be_visible()
    check_axe(olive)
    olive.get_by_role("link", name="They are not on our records yet").click()
    form = olive.locator("#log-contact")
    form.get_by_label("Full name", exact=True).fill("Rosa Diaz")
    form.get_by_label("Address", exact=True).fill("4 Mill Lane, Leeds")
    form.get_by_label("Postcode").fill("ls1 4ab")
    form.get_by_label("Phone number", exact=True).fill("0113 496 0000")
    the_contact(
        olive,
        "Phone",
        "A complaint: they are unhappy with us (1.2)",
        "The boiler has failed three times since May.",
        "A new boiler, and an apology.",
    )
    expect(form.get_by_label("Who received it")).to_have_value(str(staff["olive"].pk))
    # First with the time of the call typed as tonight's: refused, on its field.
    fill_date(form, "received_on", MONDAY_30_NOV)
    form.get_by_label("Time it was received").fill("23:40")
    form.get_by_role("button", name="Log it").click()
    summary = olive.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Cannot record something that has not happened yet")
    summary.get_by_role("link").click()
    expect(olive.locator("#id_received_on-day")).to_be_focused()
    expect(olive.locator("#id_received_on-error")).to_contain_text("has not happened yet")
    expect(form.get_by_label("What they told us")).to_have_value(
        "The boiler has failed three times since May."
    )
    check_axe(olive)
    assert not Complaint.objects.exists() and not Contact.objects.exists()

    fill_date(form, "received_on", FRIDAY_27_NOV)
    form.get_by_label("Time it was received").fill("16:40")
    form.get_by_role("button", name="Log it").click()
    expect(olive.locator(".govuk-notification-banner")).to_contain_text("logged")
    expect(status(olive)).to_have_text("Stage 1 – received")
    complaint = Complaint.objects.get()
    # The clock started with the call: five working days from Friday, not from Monday.
    stage_1 = olive.locator("h2:text-is('Stage 1') + dl .govuk-summary-list__row")
    expect(stage_1.filter(has_text="Requested")).to_contain_text("Friday 27 November 2026")
    expect(stage_1.filter(has_text="Acknowledge by")).to_contain_text("Friday 4 December 2026")
    check_axe(olive)
    call = complaint.contact
    assert call.received_at == dt.datetime(2026, 11, 27, 16, 40, tzinfo=LONDON)
    assert call.received_by == staff["olive"] and call.channel == "phone"
    assert complaint.resident.postcode == "LS1 4AB"

    # Olive accepts it in its category and gives it to Harriet.
    accept = open_action(olive, "accept")
    accept.get_by_label("Category (optional)").select_option(label="Repairs")
    accept.get_by_role("button", name="Accept").click()
    expect(status(olive)).to_have_text("Stage 1 – accepted")
    assign(olive, "Harriet")
    expect(olive.locator(".govuk-notification-banner")).to_contain_text("Handler assigned")
    check_axe(olive)

    # Harriet acknowledges it, then answers it.
    harriet = staff_page(new_page, staff["harriet"])
    harriet.get_by_role("link", name=complaint.reference).click()
    check_axe(harriet)
    acknowledge(harriet, "The boiler keeps failing", "A new boiler\nAn apology")
    expect(status(harriet)).to_have_text("Stage 1 – acknowledged")
    respond(harriet, ["upheld"], "Parts were ordered late, three times.")
    expect(status(harriet)).to_have_text("Stage 1 – responded")
    check_axe(harriet)
    complaint.refresh_from_db()
    assert complaint.category.name == "Repairs" and complaint.handler == staff["harriet"]
    assert complaint.stages.get().acknowledged_on == MONDAY_30_NOV


@pytest.mark.today(MONDAY_30_NOV)
def test_a_service_request_is_recorded_then_turned_into_a_complaint(new_page, staff):
    olive = staff_page(new_page, staff["olive"])
    olive.goto("/contacts/service-requests/")
    check_axe(olive)
    olive.get_by_role("button", name="Record a service request").click()
    check_axe(olive)
    olive.get_by_role("link", name="They are not on our records yet").click()
    form = olive.locator("#log-contact")
    expect(form.get_by_label("A service request: they want something done (1.4)")).to_be_checked()
    form.get_by_label("Full name", exact=True).fill("Sam Okafor")
    form.get_by_label("Email address", exact=True).fill("sam@example.org")
    the_contact(
        olive,
        "Letter",
        "A service request: they want something done (1.4)",
        "The kitchen tap drips.",
    )
    form.get_by_label("Category (optional)").select_option(label="Repairs")
    fill_date(form, "received_on", FRIDAY_27_NOV)
    form.get_by_label("Time it was received").fill("10:05")
    form.get_by_role("button", name="Log it").click()
    item = ServiceRequest.objects.get()
    expect(olive.get_by_role("heading", level=1)).to_have_text(f"Service request {item.pk}")
    expect(olive.locator("main")).to_contain_text("Friday 27 November 2026")
    check_axe(olive)
    assert item.contact.received_by == staff["olive"] and item.category == "Repairs"

    # Sam phones: the tap is still dripping and nobody came. That is a complaint (1.5).
    raise_it = olive.locator("form", has=olive.get_by_role("button", name="Raise complaint"))
    raise_it.get_by_label("What the complaint is about").fill("Nobody came to fix the tap.")
    raise_it.get_by_label("How they told us").select_option(label="Phone")
    raise_it.get_by_role("button", name="Raise complaint").click()
    complaint = Complaint.objects.get()
    expect(olive.get_by_role("heading", level=1)).to_have_text(f"Complaint {complaint.reference}")
    expect(status(olive)).to_have_text("Stage 1 – received")
    check_axe(olive)
    assert complaint.service_request == item and complaint.category.name == "Repairs"
    item.refresh_from_db()
    assert item.state == "open"  # the request carries on

    olive.goto("/cases/")
    olive.get_by_role("link", name="All open cases").click()
    expect(olive.get_by_role("link", name=complaint.reference)).to_be_visible()
    check_axe(olive)

    # Later Sam answers a survey: found by the search, the feedback recorded for him.
    olive.goto("/contacts/survey-feedback/")
    olive.get_by_role("button", name="Record survey feedback").click()
    olive.get_by_label("Find the resident").fill("sam@example.org")
    olive.get_by_role("button", name="Find").click()
    olive.get_by_role("link", name="Sam Okafor").click()
    form = olive.locator("#log-contact")
    expect(form).to_contain_text("sam@example.org")
    check_axe(olive)
    the_contact(olive, "Email", "Survey feedback (1.6)", "Repairs take too long.")
    fill_date(form, "received_on", MONDAY_30_NOV)
    form.get_by_label("Time it was received").fill("09:00")
    form.get_by_label("They were told how to make a complaint").check()
    form.get_by_label("They were offered the choice to make a complaint").check()
    form.get_by_role("button", name="Log it").click()
    expect(olive.get_by_role("heading", level=1)).to_have_text("Survey feedback")
    expect(olive.locator("table")).to_contain_text("Repairs take too long.")
    check_axe(olive)
    feedback = Contact.objects.get(classification="survey_feedback")
    assert feedback.resident == item.resident and feedback.told_how_to_complain
