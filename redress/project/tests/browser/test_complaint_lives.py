"""Whole lives of complaints, through the pages only (issue 18, "How it is shown to work").

Staff sign in and work on the pages; the resident uses the public pages and her email.
The services are called only to make the staff; the database, the mail outbox and the
letters' PDFs are read only to check what the resident and the record end up with.
Each journey runs over weeks: the clock moves from day to day (time-machine) and each
day starts by signing in again, as staff sessions last an hour. Mail goes through the
task queue and the worker runs between steps (`queued_tasks`).

The pages each journey visits:

1. A resident's complaint, answered with a remedy and an action, both then done:
   the complaint form and its confirmation; check a complaint (reference and email),
   enter your code, the status page and a letter downloaded from it; sign in and the
   code; the work queue; the case page (accept, assign, acknowledge with a preview,
   respond with a preview, "Putting things right": remedy paid, action done, the record).
2. The same resident asks for stage 2 on the status page; the case page (assign and
   acknowledge refused for both stage 1 people, 6.13; assigned to a third handler, who
   acknowledges and answers); the status page says it is closed.
3. A refusal and an extension: the case page (refuse, then its offer of the refusal
   letter; accept, assign, acknowledge, extend refused for a handler and recorded by a
   manager); the letters page (refusal letter, extension notice: preview, issue); the
   status pages of both residents.
4. The oversight figures: the case pages (an answer sent another way and recorded days
   later, a late answer by letter); the dashboard; the oversight summary (CH02); the
   administration calendar (a past closure day with its reason); the dashboard and the
   summary again.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from redress.cases.models import Complaint
from redress.letters.models import Letter

from .conftest import check_axe, open_action
from .journeys import (
    acknowledge,
    answer,
    assign,
    check_progress,
    download,
    fill_date,
    make_complaint,
    pdf_text,
    respond,
    staff_page,
    status,
    travel,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "rosa@example.org"
# November and December 2026 have no bank holidays before Christmas: every weekday works.
MONDAY_2_NOV = dt.date(2026, 11, 2)


def on(day: int, month: int = 11) -> dt.date:
    return dt.date(2026, month, day)


@pytest.fixture
def days():
    """days(date): the clock moves on to that date (forward only) for the rest of the test."""
    travels = []

    def move(day: dt.date) -> None:
        travels.append(travel(day))
        travels[-1].start()

    yield move
    for traveller in reversed(travels):
        traveller.stop()


@pytest.fixture
def staff(make_staff):
    return {
        "olive": make_staff("olive", "complaints officer"),
        "harriet": make_staff("harriet", "handler"),
        "hamid": make_staff("hamid", "handler"),
        "hana": make_staff("hana", "handler"),
        "maya": make_staff("maya", "manager"),
    }


def mail_to(address: str, containing: str = "") -> list:
    return [m for m in mail.outbox if address in m.to and containing in m.subject + m.body]


def case_page(new_page, user, reference: str):
    page = staff_page(new_page, user)
    page.goto(f"/cases/{reference}/")
    return page


def item_form(page, description: str):
    """The "Putting things right" form for the remedy or action described so."""
    form = page.locator("#putting-right ~ table details").filter(has_text=description)
    if form.get_attribute("open") is None:
        form.locator("summary").click()
    return form


@pytest.mark.today(MONDAY_2_NOV)
def test_a_resident_s_complaint_is_answered_put_right_escalated_and_closed(
    new_page, staff, queued_tasks, days, tmp_path
):
    # Monday 2 November: Rosa complains online; the reference comes by email from the
    # worker, and with it she asks for her code and opens her status page.
    resident = new_page()
    reference = make_complaint(resident, "Rosa Diaz", EMAIL)
    check_axe(resident)
    queued_tasks()
    [confirmation] = mail_to(EMAIL, "Your reference is")
    assert reference in confirmation.subject
    check_progress(resident, reference, EMAIL, deliver=queued_tasks, axe=True)
    expect(resident.locator(".govuk-caption-l")).to_contain_text("Stage 1: received")
    expect(resident.locator("main")).to_contain_text("Due by Monday 9 November 2026")
    check_axe(resident)

    # Tuesday 3 November: the complaints officer accepts it and gives it to Harriet, who
    # acknowledges it by a letter emailed from Redress, after previewing it.
    days(on(3))
    olive = staff_page(new_page, staff["olive"])
    olive.get_by_role("link", name="All open cases").click()
    olive.get_by_role("link", name=reference).click()
    check_axe(olive)
    open_action(olive, "accept").get_by_role("button", name="Accept").click()
    expect(status(olive)).to_have_text("Stage 1 – accepted")
    assign(olive, "Harriet")
    expect(olive.locator(".govuk-notification-banner")).to_contain_text("Handler assigned")

    harriet = staff_page(new_page, staff["harriet"])
    harriet.get_by_role("link", name=reference).click()
    acknowledge(harriet, "The boiler keeps failing", "A working boiler", "email", preview=True)
    expect(status(harriet)).to_have_text("Stage 1 – acknowledged")
    queued_tasks()
    assert [m for m in mail_to(EMAIL) if m.attachments], "the acknowledgement was not emailed"

    # Wednesday 4 November: Harriet is away; the officer gives the case to Hamid.
    days(on(4))
    olive = case_page(new_page, staff["olive"], reference)
    assign(olive, "Hamid")

    # Tuesday 10 November: Hamid answers: upheld, £150 for the cold weeks and a new boiler
    # to fit, in a response letter he previews and then emails from Redress.
    days(on(10))
    hamid = case_page(new_page, staff["hamid"], reference)
    answer(
        hamid,
        ["upheld"],
        "Parts were ordered late, three times.",
        "email",
        remedy=("Payment for the weeks without heating", "150", on(24)),
        action=("Fit a new boiler", on(1, 12)),
    ).get_by_role("button", name="Preview the letter").click()
    expect(hamid.locator("#action-respond #letter-preview")).to_contain_text("£150.00")
    open_action(hamid, "respond").get_by_role("button", name="Respond", exact=True).click()
    expect(status(hamid)).to_have_text("Stage 1 – responded")
    response = Letter.objects.get(complaint__reference=reference, kind="stage_response")
    text = pdf_text(bytes(response.pdf))
    for said in ("Payment for the weeks without heating", "£150.00", "Fit a new boiler"):
        assert said in text, (said, text[:1500])
    queued_tasks()

    # That evening Rosa finds the response on her status page and downloads it.
    check_progress(resident, reference, EMAIL, deliver=queued_tasks)
    expect(resident.locator("main")).to_contain_text("Sent Tuesday 10 November 2026")
    link = resident.get_by_role("link", name=re.compile(re.escape(response.subject)))
    name, content = download(resident, link, tmp_path / "response.pdf")
    assert name.endswith(".pdf") and content.startswith(b"%PDF")
    downloaded = pdf_text(content)
    for said in ("Payment for the weeks without heating", "£150.00", "Fit a new boiler"):
        assert said in downloaded

    # Tuesday 24 November: the payment is made and the boiler fitted; Hamid records both
    # under "Putting things right", and the case's record says so.
    days(on(24))
    hamid = case_page(new_page, staff["hamid"], reference)
    paid = item_form(hamid, "Payment for the weeks without heating")
    paid.get_by_label("Done (for a financial remedy: paid)").check()
    paid.get_by_label("Evidence it was done").fill("BACS payment 55120")
    paid.get_by_role("button", name="Save").click()
    expect(hamid.locator(".govuk-notification-banner")).to_contain_text("Remedy updated")
    fitted = item_form(hamid, "Fit a new boiler")
    fitted.get_by_label("Evidence it was done").fill("Repair job 4471 signed off")
    fitted.get_by_role("button", name="Record as done").click()
    putting_right = hamid.locator("#putting-right + table")
    expect(putting_right).to_contain_text("Done 24 November 2026")
    expect(hamid.locator("#putting-right + table details")).to_have_count(0)
    expect(putting_right).to_contain_text("Evidence: BACS payment 55120")
    expect(putting_right).to_contain_text("Evidence: Repair job 4471 signed off")
    record = hamid.locator("#timeline .moj-timeline__item")
    expect(record.nth(0)).to_contain_text("Action completed")
    expect(record.nth(0)).to_contain_text("Fit a new boiler")
    expect(record.nth(1)).to_contain_text("Remedy completed")
    expect(record.nth(1)).to_contain_text("Payment for the weeks without heating")
    check_axe(hamid)

    check_progress(resident, reference, EMAIL, deliver=queued_tasks)
    righted = resident.locator("#putting-right + ul")
    expect(righted).to_contain_text("Payment for the weeks without heating (£150.00): paid on 24")
    expect(righted).to_contain_text("Fit a new boiler: done on 24 November 2026")
    check_axe(resident)

    # Wednesday 25 November: Rosa takes it to stage 2 with one click, giving no reason.
    days(on(25))
    check_progress(resident, reference, EMAIL, deliver=queued_tasks)
    resident.get_by_role("button", name="Take my complaint to stage 2").click()
    expect(
        resident.get_by_text("We have your request to take your complaint to stage 2")
    ).to_be_visible()

    # Thursday 26 November: neither stage 1 person may take stage 2 (6.13), Hana may.
    days(on(26))
    olive = case_page(new_page, staff["olive"], reference)
    expect(status(olive)).to_have_text("Stage 2 – requested")
    for name in ("Harriet", "Hamid"):
        assign(olive, name)
        expect(olive.locator(".govuk-error-summary")).to_contain_text("6.13")
        expect(olive.locator(".govuk-error-summary")).to_contain_text(
            f"{name} considered the complaint at stage 1"
        )
    check_axe(olive)
    hamid = case_page(new_page, staff["hamid"], reference)
    acknowledge(hamid, "Stage 1 took too long", "An apology for the delay")
    expect(hamid.locator(".govuk-error-summary")).to_contain_text("6.13")
    expect(status(hamid)).to_have_text("Stage 2 – requested")
    olive.goto(f"/cases/{reference}/")
    assign(olive, "Hana")
    expect(olive.locator(".govuk-notification-banner")).to_contain_text("Handler assigned")

    hana = case_page(new_page, staff["hana"], reference)
    acknowledge(hana, "Stage 1 took too long", "An apology for the delay")
    expect(status(hana)).to_have_text("Stage 2 – acknowledged")
    respond(hana, ["upheld"], "Stage 1 was slow; we are sorry.", "email")
    expect(status(hana)).to_have_text("Closed")
    stage2 = Letter.objects.filter(complaint__reference=reference, kind="stage_response")
    assert "Housing Ombudsman" in pdf_text(bytes(stage2.latest("issued_at").pdf))
    complaint = Complaint.objects.get(reference=reference)
    assert complaint.status == "closed"
    assert [s.handler.username for s in complaint.stages.order_by("number")] == ["hamid", "hana"]

    queued_tasks()
    check_progress(resident, reference, EMAIL, deliver=queued_tasks)
    expect(resident.locator(".govuk-caption-l")).to_have_text(
        "Closed: we have sent our final response"
    )
    expect(resident.get_by_role("button", name="Take my complaint to stage 2")).to_have_count(0)
    assert resident.locator("#letters + ul li").count() == 4  # two acknowledgements, two answers


def issue_letter(page, kind: str, delivery: str, *, shows: str, link="Write a letter") -> Letter:
    """From the case page's `link`, write the letter of that kind, preview it, issue it."""
    reference = page.locator("h1").inner_text().removeprefix("Complaint ")
    page.get_by_role("link", name=link).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Write a letter")
    page.get_by_label("Letter", exact=True).select_option(label=kind)
    page.get_by_role("button", name="Preview").click()
    expect(page.locator("#preview")).to_contain_text(shows)
    check_axe(page)
    page.get_by_role("button", name=f"Issue {delivery}").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("issued")
    return Letter.objects.filter(complaint__reference=reference).latest("issued_at")


@pytest.mark.today(MONDAY_2_NOV)
def test_a_refusal_with_its_letter_and_an_extension_a_manager_approves(
    new_page, staff, queued_tasks, days
):
    sam = new_page()
    refused = make_complaint(sam, "Sam Okafor", "sam@example.org")
    rosa = new_page()
    extended = make_complaint(rosa, "Rosa Diaz", EMAIL)

    # Tuesday 3 November: the officer refuses Sam's complaint, giving the reason; the case
    # page offers the refusal letter, which she sends with the Ombudsman's details.
    days(on(3))
    olive = case_page(new_page, staff["olive"], refused)
    refuse = open_action(olive, "refuse")
    refuse.get_by_label("Legal proceedings filed").check()
    reason = "You have started court action about this repair, so the court will decide it."
    refuse.get_by_label("Reason", exact=True).fill(reason)
    refuse.get_by_role("button", name="Refuse").click()
    expect(status(olive)).to_have_text("Refused")
    letter = issue_letter(
        olive,
        "Refusal (complaint not accepted)",
        "by email",
        shows=reason,
        link="Write the refusal letter",
    )
    assert letter.kind == "refusal"
    expect(olive.locator("#refusal-letter")).to_have_count(0)  # sent: no longer offered
    text = pdf_text(bytes(letter.pdf))
    for said in (reason, "Housing Ombudsman", "0300 111 3000"):
        assert said in text, (said, text)
    queued_tasks()
    check_progress(sam, refused, "sam@example.org", deliver=queued_tasks)
    expect(sam.locator(".govuk-caption-l")).to_have_text("Not taken forward as a complaint")
    expect(sam.locator("#letters + ul")).to_contain_text(letter.subject)

    # The same day Rosa's complaint is accepted, given to Harriet and acknowledged: the
    # answer is due by Tuesday 17 November.
    olive.goto(f"/cases/{extended}/")
    open_action(olive, "accept").get_by_role("button", name="Accept").click()
    assign(olive, "Harriet")
    harriet = case_page(new_page, staff["harriet"], extended)
    acknowledge(harriet, "The boiler keeps failing", "A working boiler")
    expect(harriet.locator("main")).to_contain_text("Tuesday 17 November 2026")

    # Monday 16 November: the engineer's report is weeks away. Three weeks is beyond the
    # Code's limit, so Harriet cannot agree it; her manager Maya records it, which is
    # her approval, and sends the extension notice.
    days(on(16))
    why = "We are waiting for a specialist engineer's report on the boiler."

    def extend(page):
        form = open_action(page, "extend")
        form.get_by_label("Working days").fill("15")
        form.get_by_label("Reason for the extension").fill(why)
        fill_date(form, "extend-told_resident_on", on(16))
        form.get_by_role("button", name="Extend").click()

    harriet = case_page(new_page, staff["harriet"], extended)
    extend(harriet)
    expect(harriet.locator(".govuk-error-summary")).to_contain_text("approved by a manager")
    check_axe(harriet)
    maya = case_page(new_page, staff["maya"], extended)
    extend(maya)
    expect(maya.locator("main")).to_contain_text(
        f"15 working days, agreed Monday 16 November 2026: {why} (approved by Maya)"
    )
    expect(maya.locator("main")).to_contain_text("Tuesday 8 December 2026")
    letter = issue_letter(maya, "Extension notice", "for post", shows="8 December 2026")
    text = pdf_text(bytes(letter.pdf))
    for said in ("8 December 2026", why, "Housing Ombudsman", "0300 111 3000"):
        assert said in text, (said, text)
    check_progress(rosa, extended, EMAIL, deliver=queued_tasks)
    expect(rosa.locator("main")).to_contain_text("Due by Tuesday 8 December 2026")
    expect(rosa.locator("#letters + ul")).to_contain_text(letter.subject)


def figures(page, axe: bool = False) -> dict[str, str]:
    """The dashboard's timeliness table and the oversight summary's CH01/CH02 table."""
    found = {}
    for url, table in (("/oversight/dashboard/", "timeliness"), ("/oversight/", "tsm")):
        page.goto(url)
        found[table] = page.locator(f"table#{table}").inner_text()
        if axe:
            check_axe(page)
    return found


@pytest.mark.today(MONDAY_2_NOV)
def test_the_oversight_figures_count_answers_by_their_communications_dates(
    new_page, staff, make_staff, queued_tasks, days
):
    # Monday 2 November: two complaints, accepted, given to Harriet and acknowledged the
    # same day: both answers are due by Monday 16 November.
    references = [
        make_complaint(new_page(), name, f"{name[:3].lower()}@example.org")
        for name in ("Pat Lee", "Quinn Shah")
    ]
    olive = staff_page(new_page, staff["olive"])
    harriet = staff_page(new_page, staff["harriet"])
    for reference in references:
        olive.goto(f"/cases/{reference}/")
        open_action(olive, "accept").get_by_role("button", name="Accept").click()
        assign(olive, "Harriet")
        harriet.goto(f"/cases/{reference}/")
        acknowledge(harriet, "The boiler keeps failing", "A working boiler")
        expect(harriet.locator("main")).to_contain_text("Monday 16 November 2026")
    on_time, late = references

    # Friday 20 November: Harriet records the answer she emailed from the repairs inbox on
    # Monday 16th, in time: the stage is answered on the 16th, not the day it is recorded.
    days(on(20))
    harriet = case_page(new_page, staff["harriet"], on_time)
    form = answer(harriet, ["upheld"], "Parts were ordered late.", "recorded")
    fill_date(form, "respond-sent_on", on(16))
    form.get_by_label("If sent another way: how it was sent").select_option("email")
    form.get_by_label("If sent another way: the text sent, or the call note").fill(
        "Dear Pat, we uphold your complaint: parts were ordered late."
    )
    check_axe(harriet)
    form.get_by_role("button", name="Respond", exact=True).click()
    expect(status(harriet)).to_have_text("Stage 1 – responded")
    expect(harriet.locator("main")).to_contain_text("Monday 16 November 2026")
    expect(harriet.locator("main")).not_to_contain_text("(late)")
    expect(harriet.locator("#timeline")).to_contain_text("Recorded later (back-dated)")

    # Wednesday 25 November: Quinn's answer goes by letter, 7 working days late.
    days(on(25))
    harriet = case_page(new_page, staff["harriet"], late)
    respond(harriet, ["upheld"], "Parts were ordered late.")
    expect(status(harriet)).to_have_text("Stage 1 – responded")
    expect(harriet.locator("main")).to_contain_text("Wednesday 25 November 2026 (late)")

    # Friday 4 December: the Member Responsible for Complaints reads the figures.
    days(on(4, 12))
    mrc = staff_page(new_page, make_staff("morwenna", "MRC"), lands_on="**/oversight/")
    before = figures(mrc, axe=True)
    for row in (
        "Stage 1: responses sent\t2\t",
        "Stage 1: acknowledged on time\t2\t",
        "Stage 1: responded to on time\t1\t",  # the one recorded late, sent in time
        "Stage 1: answered late\t1\t",
        "Stage 1: working days late, in total\t7\t",  # by the letter's date
    ):
        assert row in before["timeliness"], (row, before["timeliness"])
    ch02 = "CH02(1) Stage 1 complaints responded to within the Code's timescales\t50.0%"
    assert ch02 in before["tsm"], before["tsm"]

    # An administrator records that the office was shut on 12, 13 and 17 November. Were
    # they counted, both answers would have been due on the 19th and Quinn's only 4 working
    # days late; added after those days, they move no due date that had passed, and so no
    # figure.
    admin = staff_page(new_page, make_staff("ada", "administrator"), lands_on="**/administration/")
    admin.goto("/administration/calendar/")
    for day in (12, 13, 17):
        fill_date(admin, "date", on(day))
        admin.get_by_label("Reason", exact=True).fill("Office flooded")
        admin.locator("#id_late_reason").fill("Not recorded while the office was shut")
        admin.get_by_role("button", name="Add the closure day").click()
        expect(admin.locator(".govuk-notification-banner")).to_contain_text("as a closure day")
    expect(admin.locator("#past-closures + table")).to_contain_text("Thursday 12 November 2026")
    check_axe(admin)
    assert figures(mrc) == before
