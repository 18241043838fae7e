"""Acknowledging and answering a stage in the browser: the letter previewed, then issued.

A handler acknowledges by letter (preview, then issue) and answers stage 1 with a £150
remedy and an outstanding action: the preview shows them, the issued letter's PDF names
them, and the case page and its record say the response was sent that day, by letter.
"""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from redress.cases.models import Complaint
from redress.code.london import long_date
from redress.letters.models import Letter
from redress.record.checks import today

from .conftest import check_axe, new_case, open_action, sign_in
from .journeys import answer, pdf_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.today(dt.date(2026, 12, 2))  # a Wednesday: every date typed is a working day
def test_a_handler_acknowledges_and_answers_by_letter(new_page, officer, handler):
    complaint = new_case(officer, handler)
    page = new_page()
    sign_in(page, handler)
    page.goto(f"/cases/{complaint.reference}/")
    open_action(page, "accept").get_by_role("button", name="Accept").click()

    ack = open_action(page, "acknowledge")
    ack.locator("#id_acknowledge-points").fill("Damp not fixed")
    ack.locator("#id_acknowledge-outcomes_sought").fill("Fix the damp")
    ack.get_by_label("No, only for some of it: say which below").check()
    ack.locator("#id_acknowledge-responsible_for").fill("Repairs to the bedroom wall")
    ack.locator("#id_acknowledge-not_responsible_for").fill("The neighbour's leaking pipe")
    ack.locator("input[name='acknowledge-how'][value='post']").check()
    check_axe(page)
    ack.get_by_role("button", name="Preview the letter").click()
    preview = page.locator("#action-acknowledge #letter-preview")
    expect(preview).to_contain_text("Repairs to the bedroom wall")
    expect(preview).to_contain_text("The neighbour's leaking pipe")
    expect(preview).not_to_contain_text("cannot be issued")
    assert not Letter.objects.exists()  # a preview writes nothing
    check_axe(page)
    open_action(page, "acknowledge").get_by_role("button", name="Acknowledge").click()
    expect(page.locator(".govuk-caption-l")).to_have_text("Stage 1 – acknowledged")

    sent_on = long_date(today())
    answer(
        page,
        ["upheld"],
        "The repair was missed.",
        remedy=("Payment for the ruined carpet", "150", today()),
        action=("Treat the mould in the bedroom", today()),
    )
    check_axe(page)
    open_action(page, "respond").get_by_role("button", name="Preview the letter").click()
    preview = page.locator("#action-respond #letter-preview")
    expect(preview).to_contain_text("Payment for the ruined carpet (£150.00)")
    expect(preview).to_contain_text("Treat the mould in the bedroom")
    expect(preview).not_to_contain_text("We are not offering a remedy")
    check_axe(page)
    open_action(page, "respond").get_by_role("button", name="Respond", exact=True).click()
    expect(page.locator(".govuk-caption-l")).to_have_text("Stage 1 – responded")

    letter = Letter.objects.get(kind="stage_response")
    text = pdf_text(bytes(letter.pdf))
    for said in ("Payment for the ruined carpet", "£150.00", "Treat the mould in the bedroom"):
        assert said in text, (said, text[:1500])
    stage = Complaint.objects.get(pk=complaint.pk).stages.get()
    assert stage.responded_on == today() and stage.response_sent.title == letter.subject

    # The case page and its record say when and how it went.
    expect(page.get_by_text(f"Sent by letter: {letter.subject}")).to_be_visible()
    timeline = page.locator("#timeline")
    expect(timeline.locator(".moj-timeline__item").first).to_contain_text("Response sent")
    expect(timeline).to_contain_text("Sent by letter issued from Redress (post)")
    expect(page.locator("main")).to_contain_text(sent_on)
