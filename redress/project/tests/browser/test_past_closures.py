"""The past stays as it was: an administrator records closure days for dates already gone
by, with a reason; the calendar page shows them, and the dashboard's overdue and
timeliness figures for the cases already overdue or answered late do not move."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from redress.cases import services
from redress.cases.models import Complaint
from redress.cases.tests.factories import by_letter
from redress.code.london import LONDON
from redress.intake import services as intake

from .conftest import check_axe, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.today(dt.date(2026, 12, 4)),
]
# The closures: Monday 23 to Monday 30 November 2026, recorded on 4 December.
CLOSED = [dt.date(2026, 11, day) for day in (23, 24, 25, 26, 27, 30)]


def at(day: int, month: int = 11) -> dt.datetime:
    return dt.datetime(2026, month, day, 10, tzinfo=LONDON)


def cases(officer, handler) -> tuple[Complaint, Complaint]:
    """One overdue to acknowledge since Friday 27 November (received Friday 20th: a closure
    over 23 to 27 November would have moved it to 4 December, today, and off the overdue
    count); one answered on 1 December, 9 working days after its Wednesday 18 November."""
    resident = intake.create_resident(actor=officer, name="Ada Jones", postcode="SE1 7PB")
    overdue = services.open_complaint(
        actor=officer, resident=resident, summary="Damp", channel="phone", received_at=at(20)
    )
    late = services.open_complaint(
        actor=officer, resident=resident, summary="Leak", channel="phone", received_at=at(2)
    )
    services.assign(late.reference, actor=officer, handler_id=handler.pk)
    services.accept(late.reference, actor=handler, occurred_at=at(3))
    services.acknowledge(
        late.reference,
        actor=handler,
        points=["Leak not fixed"],
        outcomes_sought=["Fix the leak"],
        responsible_for_all=True,
        communication=by_letter(at(4)),
    )
    services.respond(
        late.reference,
        actor=handler,
        decisions=[{"point": "Leak not fixed", "decision": "upheld"}],
        reasons="The repair was late.",
        communication=by_letter(at(1, 12)),
    )
    return overdue, late


def figures(page) -> dict[str, str]:
    page.goto("/oversight/dashboard/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Complaints dashboard")
    return {name: page.locator(f"table#{name}").inner_text() for name in ("open", "timeliness")}


def test_a_past_closure_is_shown_and_moves_no_overdue_case(new_page, officer, handler, make_staff):
    overdue, late = cases(officer, handler)
    mrc, admin = make_staff("morwenna", "MRC"), make_staff("ada", "administrator")
    dashboard = new_page()
    sign_in(dashboard, mrc, lands_on="**/oversight/")
    before = figures(dashboard)
    assert "Stage 1: answered late\t1\t" in before["timeliness"]
    assert "Stage 1: working days late, in total\t9\t" in before["timeliness"]
    assert "Stage 1\t0\t1\t0\t0\t0\t1\t1" in before["open"]  # open 1, overdue 1

    page = new_page()
    sign_in(page, admin, lands_on="**/administration/")
    page.goto("/administration/calendar/")
    for day in CLOSED:
        page.fill("#id_date-day", str(day.day))
        page.fill("#id_date-month", str(day.month))
        page.fill("#id_date-year", str(day.year))
        page.fill("#id_reason", "Office flooded")
        if day == CLOSED[0]:  # a past date without a reason is refused, naming the field
            page.get_by_role("button", name="Add the closure day").click()
            expect(page.locator(".govuk-error-summary")).to_contain_text(
                "23 November 2026 has passed: enter why you add it now"
            )
        page.fill("#id_late_reason", "Not recorded while the office was shut")
        page.get_by_role("button", name="Add the closure day").click()
        expect(page.locator(".govuk-notification-banner")).to_contain_text("as a closure day")

    past = page.locator("#past-closures + table")
    expect(past).to_contain_text("Monday 23 November 2026")
    expect(past).to_contain_text("Office flooded")
    expect(past).to_contain_text("4 December 2026 by Ada")
    expect(past).to_contain_text("Added after the day: Not recorded while the office was shut")
    assert past.locator("tbody tr").count() == len(CLOSED)
    check_axe(page)

    assert figures(dashboard) == before
    overdue.refresh_from_db()
    assert overdue.next_due == dt.date(2026, 11, 27)

    # Withdrawing one of them is as much a change to the past: a reason, and nothing moves.
    page.get_by_role("link", name="Withdraw the closure on 30 November 2026").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Monday 30 November 2026")
    check_axe(page)
    page.get_by_role("button", name="Withdraw the closure").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter why it is withdrawn after the day"
    )
    page.fill("#id_reason", "The office opened that day after all")
    page.get_by_role("button", name="Withdraw the closure").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("is withdrawn")
    expect(past).to_contain_text("The office opened that day after all")
    assert figures(dashboard) == before
