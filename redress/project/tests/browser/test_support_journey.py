"""An adjustment reviewed on its reminder (issue 19): the handler records a reasonable
adjustment from the case, the sweep reminds her when its review falls due, and she
follows the reminder, reads the adjustment for the reason of reviewing it, and records
the review; the reminder is then done. Axe on every page visited."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from redress.cli import main
from redress.intake.models import ReasonableAdjustment
from redress.record.models import Event

from .conftest import check_axe, new_case
from .journeys import fill_date, staff_page, travel

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WEDNESDAY, MONDAY = dt.date(2026, 12, 2), dt.date(2026, 12, 7)
DISABILITY = "Partially sighted"


@pytest.mark.today(WEDNESDAY)
def test_an_adjustment_is_reviewed_on_its_reminder(new_page, officer, handler):
    complaint = new_case(officer, handler)

    # Wednesday: Harriet records the adjustment agreed on the phone, review by Monday.
    harriet = staff_page(new_page, handler)
    harriet.goto(f"/cases/{complaint.reference}/")
    check_axe(harriet)
    harriet.get_by_role("link", name="Support needs and reviews").click()
    check_axe(harriet)
    harriet.get_by_role("link", name="Record a reasonable adjustment").click()
    expect(harriet.get_by_role("heading", level=1)).to_have_text("Record a reasonable adjustment")
    check_axe(harriet)
    form = harriet.locator("#record")
    form.get_by_label("The adjustment agreed").fill("Phone before visiting")
    form.get_by_label("Large print (18 point)").check()
    form.get_by_label("Disability disclosed (optional)").fill(DISABILITY)
    fill_date(form, "review_on", dt.date(2036, 1, 1))
    form.get_by_role("button", name="Record the reasonable adjustment").click()
    # A review in 2036 is a typing mistake: refused, naming the date.
    expect(harriet.locator(".govuk-error-summary")).to_contain_text("within 24 months")
    check_axe(harriet)
    fill_date(harriet.locator("#record"), "review_on", MONDAY)
    harriet.get_by_role("button", name="Record the reasonable adjustment").click()
    expect(harriet.locator(".govuk-notification-banner")).to_contain_text(
        "Reasonable adjustment recorded: review by 7 December 2026"
    )
    expect(harriet.locator("#reviews")).to_contain_text("Due by Monday 7 December 2026")
    expect(harriet.locator("main")).not_to_contain_text(DISABILITY)
    check_axe(harriet)
    adjustment = ReasonableAdjustment.objects.get()

    # Monday: the review falls due; the sweep reminds Harriet.
    with travel(MONDAY):
        assert main(["sweep"]) == 0
        harriet = staff_page(new_page, handler)
        harriet.get_by_role("link", name=re.compile("^Notifications")).click()
        notices = harriet.locator("#notifications")
        expect(notices).to_contain_text(
            f"A reasonable adjustment for the resident on complaint {complaint.reference} "
            "is due for review today."
        )
        check_axe(harriet)
        notices.get_by_role("link", name=re.compile("^Record the review")).click()
        expect(harriet.get_by_role("heading", level=1)).to_have_text(
            "Review the reasonable adjustment"
        )
        expect(harriet.locator("main")).not_to_contain_text(DISABILITY)
        check_axe(harriet)
        harriet.get_by_role("button", name="Show the reasonable adjustment to review it").click()
        expect(harriet.locator("#details")).to_contain_text(DISABILITY)
        check_axe(harriet)
        review = harriet.locator("#review")
        review.get_by_label("Keep it as it is").check()
        review.get_by_label("What the review found").fill("Spoke to her: still needed.")
        fill_date(review, "next_review_on", dt.date(2027, 6, 7))
        review.get_by_role("button", name="Record the review").click()
        expect(harriet.locator(".govuk-notification-banner")).to_contain_text(
            "Review recorded: reasonable adjustment kept, next review by 7 June 2027"
        )
        check_axe(harriet)
        harriet.get_by_role("link", name=re.compile("^Notifications")).click()
        expect(harriet.locator("#notifications")).to_contain_text("Review recorded")
        expect(
            harriet.locator("#notifications").get_by_role(
                "link", name=re.compile("^Record the review")
            )
        ).to_have_count(0)
        check_axe(harriet)

    adjustment.refresh_from_db()
    assert adjustment.review_on == dt.date(2027, 6, 7) and adjustment.ended_on is None
    reviewed = Event.objects.get(action="adjustment_reviewed")
    assert reviewed.actor == handler and reviewed.payload["outcome"] == "kept"
    assert reviewed.payload["due_on"] == "2026-12-07"
    read = Event.objects.get(action="special_category.read")
    assert read.actor == handler and read.payload["reason_code"] == "review"
