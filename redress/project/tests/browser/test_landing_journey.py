"""Where each role's day starts, and a work queue sorted over every page (issue 19, item 4).

The complaints officer signs in to what waits for them: emails to triage, complaints
not yet accepted and cases with no handler, each counted. They follow the cases with no
handler, assign one, and the count drops. A manager in no team signs in to every open
case they may see, told why. Sorting by a column brings a case from the second page to
the top of the first. axe runs on every page visited.
"""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from redress.cases import services
from redress.cases.models import Complaint
from redress.cases.services import contacts
from redress.casework.views import queue
from redress.code.london import LONDON
from redress.intake import services as intake
from redress.intake.models import Contact

from .conftest import check_axe
from .journeys import staff_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.today(dt.date(2026, 12, 2)),
]

ROWS = "#queue table tbody tr"


def received(officer, name: str, day: dt.date, handler=None) -> str:
    """A complaint received on `day` (so due in that order), by phone."""
    resident = intake.create_resident(actor=officer, name=name, postcode="SE1 7PB")
    reference = services.open_complaint(
        actor=officer,
        resident=resident,
        summary="Damp in the bedroom",
        channel="phone",
        received_at=dt.datetime.combine(day, dt.time(10), tzinfo=LONDON),
    ).reference
    if handler is not None:
        services.assign(reference, actor=officer, handler_id=handler.pk)
    return reference


def test_the_officer_starts_with_what_waits_and_assigns_a_case(new_page, officer, handler):
    resident = intake.create_resident(actor=officer, name="Bea Smith", email="bea@example.org")
    contacts.record_contact(
        actor=None,
        resident_id=resident.pk,
        channel="email",
        classification=Contact.Classification.TO_TRIAGE,
        summary="Broken boiler",
    )
    new = received(officer, "Cara Brown", dt.date(2026, 11, 30))
    accepted = received(officer, "Ada Jones", dt.date(2026, 11, 27))
    services.accept(accepted, actor=officer)
    received(officer, "Dan Evans", dt.date(2026, 11, 26), handler=handler)

    page = staff_page(new_page, officer)
    expect(page.get_by_role("heading", level=1)).to_have_text("All open cases")
    expect(page.locator("#incoming-triage")).to_have_text("1")
    expect(page.locator("#incoming-unaccepted")).to_have_text("2")
    expect(page.locator("#incoming-unassigned")).to_have_text("2")
    expect(page.locator(ROWS)).to_have_count(3)
    check_axe(page)

    page.get_by_role("link", name="View emails to triage").click()
    page.wait_for_url("**/contacts/to-triage/")
    expect(page.get_by_text("Broken boiler")).to_be_visible()
    check_axe(page)
    page.go_back()

    page.get_by_role("link", name="View open cases with no handler").click()
    expect(page.locator("#selected-filters")).to_contain_text("No handler")
    expect(page.locator(ROWS)).to_have_count(2)
    check_axe(page)

    page.get_by_label(f"Select {new}").check()
    page.get_by_label("Assign the selected cases to").select_option(label=handler.get_full_name())
    page.get_by_role("button", name="Assign selected cases").click()

    expect(page.get_by_text("Assigned 1 case")).to_be_visible()
    expect(page.locator("#incoming-unassigned")).to_have_text("1")
    expect(page.locator(ROWS)).to_have_count(1)
    expect(page.locator(ROWS).first).to_contain_text(accepted)
    expect(page.locator("#selected-filters")).to_contain_text("No handler")  # still filtered
    check_axe(page)
    assert Complaint.objects.get(reference=new).handler == handler


def test_a_manager_in_no_team_starts_with_every_open_case(new_page, make_staff, officer, handler):
    cases = {
        received(officer, "Cara Brown", dt.date(2026, 11, 30), handler=handler),
        received(officer, "Ada Jones", dt.date(2026, 11, 27)),
    }
    page = staff_page(new_page, make_staff("mo", "manager"))
    expect(page.get_by_role("heading", level=1)).to_have_text("All open cases")
    expect(page.locator("#scope-notice")).to_have_text(
        "You are not in a team, so this shows all the open cases you may see."
    )
    expect(page.locator(ROWS)).to_have_count(2)
    assert {page.locator(f"{ROWS} td a").nth(i).inner_text() for i in range(2)} == cases
    check_axe(page)


def test_sorting_a_column_reorders_every_page(new_page, officer, handler, monkeypatch):
    monkeypatch.setattr(queue, "PAGE", 2)  # three cases, two pages
    first = received(officer, "Bea Smith", dt.date(2026, 12, 1), handler=handler)
    second = received(officer, "Cara Brown", dt.date(2026, 11, 30), handler=handler)
    third = received(officer, "Ada Jones", dt.date(2026, 11, 25), handler=handler)

    page = staff_page(new_page, handler)
    references = page.locator(f"{ROWS} td:first-child a")
    expect(references).to_have_text([third, second])  # soonest due first
    expect(page.locator("#queue th", has_text="Due")).to_have_attribute("aria-sort", "ascending")
    check_axe(page)

    header = page.locator("#queue th", has_text="Reference")
    expect(header).to_have_attribute("aria-sort", "none")
    header.get_by_role("link").click()
    # The first reference was on page 2: sorted by reference it leads page 1.
    expect(references).to_have_text([first, second])
    expect(header).to_have_attribute("aria-sort", "ascending")
    expect(page.locator("#queue caption")).to_have_text("Sorted by reference, A to Z")
    check_axe(page)

    page.locator("#page-next").click()
    expect(references).to_have_text([third])
    expect(header).to_have_attribute("aria-sort", "ascending")  # the next page keeps the sort
    check_axe(page)

    header.get_by_role("link").click()
    expect(references).to_have_text([third, second])
    expect(header).to_have_attribute("aria-sort", "descending")
    check_axe(page)

    page.locator("#queue th", has_text="Due").get_by_role("link").click()
    expect(references).to_have_text([third, second])  # back to soonest due first
    check_axe(page)
