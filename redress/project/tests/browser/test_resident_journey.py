"""A resident's complaint from the public form to closure, with staff working it in between.

The resident needs no account: the reference and a one-time code sent by
email open the status page, and only for that complaint. Staff work on the
case pages; stage 2 goes to a different handler (6.13).
"""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from .conftest import check_axe, new_case, sign_in
from .journeys import acknowledge, check_progress, make_complaint, respond, status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    """The status code's task runs in the page's request, so its email is in the outbox
    when the page answers (the queue itself: intake/tests/test_no_account_oracle.py)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def work_stage(page, reference: str, points: str, decisions: list[str], reasons: str) -> None:
    page.goto(f"/cases/{reference}/")
    acknowledge(page, points, "A working boiler")
    respond(page, decisions, reasons)


def test_a_resident_complains_escalates_and_two_handlers_answer(new_page, handler, second_handler):
    resident = new_page()
    reference = make_complaint(resident, "Rosa Diaz", "rosa@example.org")
    check_axe(resident)

    # Harriet finds the new, unassigned complaint among all open cases and works stage 1.
    harriet = new_page()
    sign_in(harriet, handler)
    harriet.get_by_role("link", name="All open cases").click()
    harriet.get_by_role("link", name=reference).click()
    expect(status(harriet)).to_have_text("Stage 1 – received")
    harriet.locator("#action-accept summary").click()
    harriet.locator("#action-accept").get_by_role("button", name="Accept").click()
    work_stage(harriet, reference, "Boiler failed repeatedly", ["upheld"], "Parts were late.")
    expect(status(harriet)).to_have_text("Stage 1 – responded")

    # Rosa checks progress with a one-time code and asks for stage 2, giving no reason.
    check_progress(resident, reference, "rosa@example.org")
    check_axe(resident)
    resident.get_by_role("button", name="Take my complaint to stage 2").click()
    expect(
        resident.get_by_text("We have your request to take your complaint to stage 2")
    ).to_be_visible()

    # Harriet answered stage 1, so she is refused stage 2 (6.13); Hamid takes it.
    harriet.goto(f"/cases/{reference}/")
    expect(status(harriet)).to_have_text("Stage 2 – requested")
    acknowledge(harriet, "Still no heating", "A working boiler")
    expect(harriet.locator(".govuk-error-summary")).to_contain_text("6.13")

    hamid = new_page()
    sign_in(hamid, second_handler)
    work_stage(hamid, reference, "Still no heating", ["partly_upheld"], "New boiler fitted.")
    expect(status(hamid)).to_have_text("Closed")

    resident.reload()
    expect(resident.get_by_text("Closed", exact=False).first).to_be_visible()
    expect(resident.get_by_role("button", name="Take my complaint to stage 2")).to_have_count(0)


def test_a_resident_cannot_open_another_residents_complaint(new_page, officer):
    theirs = new_case(officer)  # Ada Jones's complaint
    resident = new_page()
    mine = make_complaint(resident, "Rosa Diaz", "rosa@example.org")
    check_progress(resident, mine, "rosa@example.org")

    # Rosa tries Ada's reference with her own email: no code is sent, none works,
    # and the page she can reach is still only her own complaint.
    sent = len(mail.outbox)
    resident.goto("/check-a-complaint/")
    resident.get_by_label("Complaint reference").fill(theirs.reference)
    resident.get_by_label("Email address").fill("rosa@example.org")
    resident.get_by_role("button", name="Send me a code").click()
    assert len(mail.outbox) == sent
    resident.get_by_label(re.compile("code", re.I)).fill("123456")
    resident.get_by_role("button", name="Continue").click()
    expect(resident.locator(".govuk-error-summary")).to_be_visible()
    resident.goto("/check-a-complaint/status/")
    expect(resident.get_by_role("heading", level=1)).not_to_contain_text(theirs.reference)
    assert "Ada Jones" not in resident.content()
    assert theirs.reference not in resident.locator("main").inner_text()
