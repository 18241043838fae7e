"""Where each role starts, and a work queue whose counts and sorting cover what it shows.

Issue 19's defects: the officer landed on an empty "My cases" with no view of new,
unaccepted or unassigned complaints; the tab counts ignored the stage, channel and
category filters; sorting covered only the page's 50 rows; a manager with no team
landed on an empty queue.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from redress.cases import selectors, services
from redress.cases.services.contacts import record_contact
from redress.casework.views import queue
from redress.intake.models import Contact
from redress.intake.services import create_resident
from redress.staff.tests.test_menu_and_sign_in import sign_in

from .factories import TODAY, same_team
from .test_views_queue import complaint as case

pytestmark = [pytest.mark.django_db, pytest.mark.today(TODAY)]


def references(client, query: str = "") -> list[str]:
    html = client.get(f"/cases/?{query}").content.decode()
    return re.findall(r'<a class="govuk-link" href="/cases/(CMP-[\d-]+)/">', html)


def tab(html: str, due: str) -> str:
    return re.search(rf'id="due-{due}"[^>]*>[^<(]*\(([^)]*)\)', html).group(1)


# --- the complaints officer starts with what waits for them ------------------------------


def test_the_officer_lands_on_what_waits_for_them_not_an_empty_my_cases(client, make_staff):
    officer = make_staff("olive", "complaints officer")
    hana = make_staff("hana", "handler")
    resident = create_resident(actor=officer, name="Bea Smith")
    record_contact(
        actor=None,
        resident_id=resident.pk,
        channel="email",
        classification=Contact.Classification.TO_TRIAGE,
        summary="Broken boiler",
    )
    waiting = case(officer, dt.date(2026, 11, 20), "Cy New")
    accepted = case(officer, dt.date(2026, 11, 19), "Di Accepted")
    services.accept(accepted, actor=officer)
    handled = case(officer, dt.date(2026, 11, 18), "Ed Handled", handler=hana)

    response = sign_in(client, "olive")
    assert response.status_code == 302 and response.url == "/cases/"
    html = client.get(response.url).content.decode()
    assert "All open cases</h1>" in html  # not an empty "My cases"
    assert {waiting, accepted, handled} <= set(references(client))
    first = html.index('id="incoming"')
    assert first < html.index('id="due-any"')  # before the queue itself
    assert re.search(r'id="incoming-triage">1<', html)
    assert re.search(r'id="incoming-unaccepted">2<', html)  # the waiting one and handled
    assert re.search(r'id="incoming-unassigned">2<', html)  # waiting and accepted
    assert 'id="incoming-triage-link" href="/contacts/to-triage/"' in html
    assert 'href="?scope=all&amp;needs=unaccepted"' in html
    assert 'href="?scope=all&amp;needs=unassigned"' in html

    assert set(references(client, "scope=all&needs=unaccepted")) == {waiting, handled}
    assert set(references(client, "scope=all&needs=unassigned")) == {waiting, accepted}
    filtered = client.get("/cases/?scope=all&needs=unassigned").content.decode()
    assert "Remove this filter</span> No handler" in filtered

    services.assign(waiting, actor=officer, handler_id=hana.pk)
    after = client.get("/cases/?scope=all&needs=unassigned").content.decode()
    assert re.search(r'id="incoming-unassigned">1<', after)
    assert set(references(client, "scope=all&needs=unassigned")) == {accepted}


def test_only_the_officer_is_shown_what_waits_to_be_triaged_and_assigned(client, make_staff):
    client.force_login(make_staff("mo", "manager"))
    assert 'id="incoming"' not in client.get("/cases/").content.decode()


# --- each role's start ---------------------------------------------------------------------


def test_a_manager_with_no_team_lands_on_all_open_cases_saying_why(client, make_staff):
    manager = make_staff("mo", "manager")
    hana = make_staff("hana", "handler")
    theirs = case(manager, dt.date(2026, 11, 20), handler=hana)
    response = sign_in(client, "mo")
    assert response.url == "/cases/"
    html = client.get("/cases/").content.decode()
    assert "All open cases</h1>" in html and theirs in html
    assert "You are not in a team, so this shows all the open cases you may see." in html
    # Asked for "my team's" with no team: said so, rather than an unexplained empty list.
    team = client.get("/cases/?scope=team").content.decode()
    assert "You are not in a team, so these are only your own cases." in team


def test_a_manager_in_a_team_lands_on_the_teams_cases(client, make_staff):
    manager = make_staff("mo", "manager")
    hana, olu = make_staff("hana", "handler"), make_staff("olu", "handler")
    same_team(manager, hana)
    ours = case(manager, dt.date(2026, 11, 20), handler=hana)
    other = case(manager, dt.date(2026, 11, 20), handler=olu)
    client.force_login(manager)
    html = client.get("/cases/").content.decode()
    assert "My team&#x27;s cases</h1>" in html and 'id="scope-notice"' not in html
    assert ours in html and other not in html


def test_a_handler_lands_on_their_own_cases(client, make_staff):
    client.force_login(make_staff("hana", "handler"))
    assert "My cases</h1>" in client.get("/cases/").content.decode()


@pytest.mark.parametrize(
    ("role", "home"),
    [
        ("complaints officer", "/cases/"),
        ("handler", "/cases/"),
        ("manager", "/cases/"),
        ("senior lead", "/oversight/"),
        ("MRC", "/oversight/"),
        ("administrator", "/administration/"),
    ],
)
def test_the_home_link_takes_staff_where_signing_in_does(client, make_staff, role, home):
    make_staff("ada", role)
    assert sign_in(client, "ada").url == home
    response = client.get("/")  # the header's name links here from every page
    assert response.status_code == 302 and response.url == home


def test_the_front_door_stays_the_residents_and_its_staff_link_signs_in(client):
    html = client.get("/").content.decode()
    assert "Make a complaint" in html
    # To the sign-in page itself, so signing in lands each role on its own start
    # (not "next=/cases/", which an MRC may not open).
    assert '<a class="govuk-link" href="/accounts/login/">Staff sign in</a>' in html


# --- the counts follow the filters --------------------------------------------------------


def test_tab_counts_follow_the_stage_channel_category_and_needs_filters(client, make_staff):
    officer = make_staff("olive", "complaints officer")
    case(officer, dt.date(2026, 10, 1), channel="phone", category="Repairs")
    case(officer, dt.date(2026, 11, 23), channel="email")
    client.force_login(officer)

    def counts(query: str) -> tuple[str, str]:
        html = client.get(f"/cases/?scope=all&{query}").content.decode()
        return tab(html, "any"), tab(html, "overdue")

    assert counts("") == ("2", "1")
    assert counts("stage=2") == ("0", "0")
    assert counts("channel=email") == ("1", "0")
    assert counts("category=Repairs") == ("1", "1")
    assert counts("needs=unassigned") == ("2", "1")
    assert counts("needs=unaccepted&channel=phone") == ("1", "1")


def test_tab_counts_follow_the_handler_filter(client, make_staff):
    officer = make_staff("olive", "complaints officer")
    hana = make_staff("hana", "handler")
    case(officer, dt.date(2026, 11, 20), handler=hana)
    case(officer, dt.date(2026, 11, 20))
    client.force_login(officer)
    assert tab(client.get(f"/cases/?scope=all&handler={hana.pk}").content.decode(), "any") == "1"


# --- sorting sorts the whole result -------------------------------------------------------


@pytest.fixture
def three_pages(client, make_staff, monkeypatch):
    """Three cases, two to a page, received so that due order is the reverse of
    reference order."""
    monkeypatch.setattr(queue, "PAGE", 2)
    officer = make_staff("olive", "complaints officer")
    refs = [
        case(officer, dt.date(2026, 11, 23), "Bea Smith"),
        case(officer, dt.date(2026, 11, 20), "Cara Brown"),
        case(officer, dt.date(2026, 11, 2), "Ada Jones"),
    ]
    client.force_login(officer)
    return refs


def test_sorting_by_a_column_sorts_every_page_not_just_this_one(client, three_pages):
    first, second, third = three_pages
    assert references(client, "scope=all") == [third, second]  # due soonest first
    assert references(client, "scope=all&page=2") == [first]
    # The first reference was on page 2; sorted by reference, it leads page 1.
    assert references(client, "scope=all&sort=reference") == [first, second]
    assert references(client, "scope=all&sort=reference&page=2") == [third]
    assert references(client, "scope=all&sort=reference&order=descending") == [third, second]
    assert references(client, "scope=all&sort=due&order=descending") == [first, second]


def test_column_headers_are_links_that_say_how_the_queue_is_sorted(client, three_pages):
    html = client.get("/cases/?scope=all&sort=reference").content.decode()
    assert 'data-module="moj-sortable-table"' not in html  # no sorting of one page

    def header(key: str) -> tuple[str, str]:
        found = re.search(
            rf'<th [^>]*aria-sort="(\w+)"><a [^>]*id="sort-{key}" href="([^"]+)"', html
        )
        return found.group(1), found.group(2)

    aria_sort, url = header("reference")
    assert aria_sort == "ascending"
    assert "sort=reference&amp;order=descending" in url  # a second click reverses
    aria_sort, url = header("due")
    assert aria_sort == "none" and "sort=due&amp;order=ascending" in url
    assert "Sorted by reference, A to Z</caption>" in html
    # The tabs, pages and filter form keep the sort; unknown sorts are ignored.
    assert re.search(r'id="due-overdue" href="[^"]*sort=reference&amp;order=ascending', html)
    assert re.search(r'id="page-next" href="[^"]*sort=reference', html)
    assert 'name="sort" value="reference"' in html
    ignored = client.get("/cases/?scope=all&sort=summary&order=up").content.decode()
    assert "Sorted by next due date, overdue and soonest first</caption>" in ignored


def test_every_sort_ends_on_a_unique_column_so_pages_neither_repeat_nor_skip():
    for sort in selectors.SORTS:
        for descending in (False, True):
            ordering = selectors.work_queue(sort=sort, descending=descending).query.order_by
            assert ordering[-1].lstrip("-") in ("id", "reference"), (sort, ordering)
            assert all(f.startswith("-") == descending for f in ordering)


def test_equal_due_dates_page_through_every_case_once(client, make_staff, monkeypatch):
    monkeypatch.setattr(queue, "PAGE", 2)
    officer = make_staff("olive", "complaints officer")
    refs = {case(officer, dt.date(2026, 11, 20)) for _ in range(5)}
    client.force_login(officer)
    seen = [
        ref
        for page in (1, 2, 3)
        for ref in references(client, f"scope=all&sort=due&order=descending&page={page}")
    ]
    assert sorted(seen) == sorted(refs)
