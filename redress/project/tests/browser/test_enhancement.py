"""Progressive enhancement: MoJ Frontend's timeline, the queue's sorting links, and htmx.

With JavaScript, htmx swaps the work queue's region and the search results in
place (a property set on `window` before the change survives, so the page did not
reload) and the URL follows; without it, the same links and GET forms load pages.
"""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from redress.cases import services
from redress.cases.selectors import complaint_events
from redress.intake import services as intake

from .conftest import acknowledged, check_axe, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROWS = "#queue table tbody tr"


def case_for(officer, handler, name: str, channel: str = "phone"):
    resident = intake.create_resident(actor=officer, name=name, postcode="SE1 7PB")
    complaint = services.open_complaint(
        actor=officer, resident=resident, summary="Damp in the bedroom", channel=channel
    )
    services.assign(complaint.reference, actor=officer, handler_id=handler.pk)
    return complaint


@pytest.fixture
def three_cases(officer, handler):
    return [
        case_for(officer, handler, "Cara Brown", "phone"),
        case_for(officer, handler, "Ada Jones", "email"),
        case_for(officer, handler, "Bea Smith", "phone"),
    ]


def mark_window(page) -> None:
    page.evaluate("() => { window.redressStillHere = true; }")


def still_same_page(page) -> bool:
    return page.evaluate("() => window.redressStillHere === true")


def filter_by_email(page) -> None:
    details = page.locator("#queue-filters")
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    page.select_option("#channel", "email")
    page.get_by_role("button", name="Apply filters").click()


def test_case_page_shows_every_event_on_an_moj_timeline(page, officer, handler):
    complaint = acknowledged(officer, handler)
    events = complaint_events(complaint).count()
    assert events >= 4
    events += complaint.notifications.count()  # the notices sent about it are shown too
    sign_in(page, handler)
    page.goto(f"/cases/{complaint.reference}/")

    items = page.locator("#timeline.moj-timeline > li.moj-timeline__item")
    expect(items).to_have_count(events)
    expect(items.first.locator(".moj-timeline__title")).to_have_text("Acknowledged (stage 1)")
    expect(items.first.locator(".moj-timeline__byline")).to_have_text("by Harriet")
    expect(items.last.locator(".moj-timeline__title")).to_have_text("Complaint received (stage 1)")
    for i in range(events):
        time = items.nth(i).locator(".moj-timeline__date time")
        assert re.match(r"\d{4}-\d\d-\d\dT", time.get_attribute("datetime"))
    # MoJ's styles are compiled in, drawing the line in the landlord's colour.
    line = page.evaluate(
        "() => getComputedStyle(document.querySelector('.moj-timeline'), '::before')"
        ".backgroundColor"
    )
    assert line == rgb(settings.REDRESS_BRAND["brand"])
    check_axe(page)


def rgb(hex_colour: str) -> str:
    r, g, b = (int(hex_colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgb({r}, {g}, {b})"


def test_queue_filter_swaps_the_table_in_place_and_back_works(page, handler, three_cases):
    console = []
    page.on("console", lambda message: console.append((message.text, message.location["url"])))
    sign_in(page, handler)
    expect(page.locator(ROWS)).to_have_count(3)
    mark_window(page)

    filter_by_email(page)

    expect(page.locator(ROWS)).to_have_count(1)
    expect(page.locator(ROWS).first).to_contain_text("Ada Jones")
    assert still_same_page(page), "the filter reloaded the whole page"
    assert "channel=email" in page.url
    expect(page.locator("[data-results-status]")).to_have_text("1 case")
    expect(page.locator("#apply-filters")).to_be_focused()
    # Nothing inline for the coming Content-Security-Policy; no component started twice.
    assert page.locator("style, [style]").count() == 0
    assert [text for text, url in console if not url.endswith("/favicon.ico")] == []
    check_axe(page)

    page.locator("#due-overdue").click()
    expect(page.locator("#queue")).to_contain_text("No cases here.")
    assert still_same_page(page)
    assert "due=overdue" in page.url and "channel=email" in page.url

    page.go_back()
    expect(page).to_have_url(re.compile(r"due=any.*channel=email"))
    expect(page.locator(ROWS)).to_have_count(1)

    # Clearing the filters: the server sends the filters closed, but the person's
    # place (the button, inside them) is kept.
    page.select_option("#channel", "")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator(ROWS)).to_have_count(3)
    expect(page.locator("#queue-filters")).to_have_attribute("open", "")
    expect(page.locator("#apply-filters")).to_be_focused()


def test_queue_filter_works_without_javascript(new_page, handler, three_cases):
    page = new_page(java_script_enabled=False)
    sign_in(page, handler)
    expect(page.locator(ROWS)).to_have_count(3)

    filter_by_email(page)

    expect(page).to_have_url(re.compile(r"channel=email"))
    expect(page.locator(ROWS)).to_have_count(1)
    expect(page.locator(ROWS).first).to_contain_text("Ada Jones")
    page.get_by_role("link", name="All open cases").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("All open cases")


def test_clicking_a_column_header_sorts_the_queue(page, handler, three_cases):
    """The headers are links: the server sorts the whole queue (here all on one page)."""
    sign_in(page, handler)
    residents = page.locator(f"{ROWS} td:nth-child(2)")
    expect(residents).to_have_text(["Cara Brown", "Ada Jones", "Bea Smith"])
    due = page.locator("#queue th", has_text="Due")
    expect(due).to_have_attribute("aria-sort", "ascending")

    mark_window(page)
    due.get_by_role("link").click()  # all due the same day: latest first, then newest
    expect(residents).to_have_text(["Bea Smith", "Ada Jones", "Cara Brown"])
    expect(due).to_have_attribute("aria-sort", "descending")
    assert still_same_page(page)  # htmx swapped the queue in place

    header = page.locator("#queue th", has_text="Reference")
    header.get_by_role("link").click()
    expect(residents).to_have_text(["Cara Brown", "Ada Jones", "Bea Smith"])
    expect(header).to_have_attribute("aria-sort", "ascending")
    expect(due).to_have_attribute("aria-sort", "none")

    header.get_by_role("link").click()
    expect(residents).to_have_text(["Bea Smith", "Ada Jones", "Cara Brown"])
    expect(header).to_have_attribute("aria-sort", "descending")
    expect(page).to_have_url(re.compile(r"sort=reference&order=descending"))


def test_sorting_still_works_after_htmx_swaps_the_table(page, handler, three_cases):
    sign_in(page, handler)
    page.locator("#due-soon").click()
    expect(page.locator("#queue")).to_contain_text("No cases here.")
    page.locator("#due-any").click()
    expect(page).to_have_url(re.compile(r"due=any"))
    header = page.locator("#queue th", has_text="Reference")
    header.get_by_role("link").click()
    expect(header).to_have_attribute("aria-sort", "ascending")
    header.get_by_role("link").click()
    expect(header).to_have_attribute("aria-sort", "descending")
    expect(page.locator(f"{ROWS} td:nth-child(2)")).to_have_text(
        ["Bea Smith", "Ada Jones", "Cara Brown"]
    )


def test_search_shows_results_as_the_person_types(page, handler, three_cases):
    sign_in(page, handler)
    page.goto("/cases/search/")
    mark_window(page)

    page.locator("#q").press_sequentially("Bea Sm", delay=30)

    results = page.locator("#search-results")
    expect(results.get_by_role("heading", level=2)).to_have_text("1 result for “Bea Sm”")
    expect(results.locator("tbody tr")).to_have_count(1)
    expect(results).to_contain_text(three_cases[2].reference)
    expect(page.locator("[data-results-status]")).to_have_text("1 result for “Bea Sm”")
    expect(page.locator("#q")).to_be_focused()
    assert still_same_page(page), "searching reloaded the whole page"
    expect(page).to_have_url(re.compile(r"/cases/search/\?q=Bea(\+|%20)Sm$"))
    check_axe(page)
