"""A complaint through both stages in the browser, as handlers do it.

The officer's part (logging the complaint, assigning it, recording the
resident's escalation) is done with the services; the handlers' part is
done on the pages.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .conftest import escalated, new_case, open_action, sign_in
from .journeys import acknowledge, respond, status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_two_handlers_take_a_complaint_through_both_stages(
    new_page, officer, handler, second_handler
):
    complaint = new_case(officer, handler)

    page = new_page()
    sign_in(page, handler)
    expect(page.get_by_role("heading", level=1)).to_have_text("My cases")
    page.get_by_role("link", name=complaint.reference).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Complaint {complaint.reference}")
    expect(status(page)).to_have_text("Stage 1 – received")

    open_action(page, "accept").get_by_role("button", name="Accept").click()
    expect(status(page)).to_have_text("Stage 1 – accepted")

    acknowledge(page, "Damp not fixed\nMould on the wall", "Fix the damp")
    expect(status(page)).to_have_text("Stage 1 – acknowledged")
    expect(page.get_by_text("Mould on the wall", exact=True)).to_be_visible()

    respond(page, ["upheld", "not_upheld"], "The repair was late.")
    expect(status(page)).to_have_text("Stage 1 – responded")
    # The stage's reasons (the response letter's text, with them, is on the page too).
    reasons = page.get_by_role("definition").get_by_text("The repair was late.", exact=True)
    expect(reasons).to_be_visible()

    from redress.cases import services

    services.escalate(complaint.reference, actor=officer, still_wrong="Still damp")

    other = new_page()
    sign_in(other, second_handler)
    other.goto(f"/cases/{complaint.reference}/")
    expect(status(other)).to_have_text("Stage 2 – requested")
    acknowledge(other, "Stage 1 did not fix the damp", "Fix the damp for good")
    expect(status(other)).to_have_text("Stage 2 – acknowledged")
    respond(other, ["partly_upheld"], "The damp is fixed; the delay was ours.")
    expect(status(other)).to_have_text("Closed")
    expect(other.get_by_role("heading", name="Stage 2 response")).to_be_visible()


def test_stage_one_handler_cannot_acknowledge_at_stage_two(page, officer, handler):
    complaint = escalated(officer, handler)
    sign_in(page, handler)
    page.goto(f"/cases/{complaint.reference}/")
    acknowledge(page, "Stage 1 did not fix the damp", "Fix the damp")

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_contain_text(re.compile(r"6\.13"))
    expect(status(page)).to_have_text("Stage 2 – requested")
