"""Correspondence in full (issue 19, item 2): what residents send is read on the case page.

A resident complains on the web form; the officer gives the case to a handler. The
resident's emailed reply, with a photo, comes in through the IMAP poller (the
`poll_inbound_mail` command over an in-memory mailbox): the handler is told, opens the
case from the notice, and reads the reply's text and sender and downloads the photo.
Another email, which names no complaint, waits in triage until the officer puts it, with
its attachment, on the resident's complaint found by its reference. axe on every page.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from redress.cases.models import Complaint
from redress.intake.models import Contact
from redress.intake.tests.test_inbound import FakeImap, email
from redress.notifications.models import Kind, Notification

from .conftest import check_axe
from .journeys import assign, download, make_complaint, staff_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RESIDENT = "ada@example.org"
JPEG = b"\xff\xd8\xff\xe0 a photo of the damp"
PDF = b"%PDF-1.4 the surveyor's report"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def assigned_complaint(new_page, officer) -> str:
    """The resident's web complaint, given to Harriet by the officer on the case page."""
    resident = new_page()
    reference = make_complaint(resident, "Ada Jones", RESIDENT)
    check_axe(resident)
    page = staff_page(new_page, officer)
    page.goto(f"/cases/{reference}/")
    check_axe(page)
    assign(page, "Harriet")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Handler assigned")
    return reference


def mailbox(*messages: bytes) -> None:
    """The mailbox polled as the IMAP poller does it, every message stored."""
    client = FakeImap({str(n).encode(): raw for n, raw in enumerate(messages, 1)})
    call_command("poll_inbound_mail", client=client)
    assert client.seen == set(client.messages)


def card(page, title: str):
    return page.locator("#correspondence .govuk-summary-card", has_text=title)


@pytest.mark.today(dt.date(2026, 12, 2))
def test_a_residents_emailed_reply_is_read_on_the_case_page_and_tells_the_handler(
    new_page, officer, handler, tmp_path
):
    reference = assigned_complaint(new_page, officer)
    mailbox(
        email(
            subject=f"Re: Your complaint {reference}",
            text="The damp is back in the bedroom.\nA photo is attached.",
            sender=f"Ada Jones <{RESIDENT}>",
            date=timezone.now(),
            attachments=(("damp.jpg", JPEG, "image/jpeg"),),
        )
    )

    page = staff_page(new_page, handler)
    page.goto("/notifications/")
    check_axe(page)
    notice = page.locator("#notifications tr", has_text="The resident wrote on your complaint")
    expect(notice).to_contain_text("A resident's reply on a complaint")
    notice.get_by_role("link", name=reference).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Complaint {reference}")
    check_axe(page)

    reply = card(page, f"Re: Your complaint {reference}")
    expect(reply).to_contain_text("The damp is back in the bedroom.")
    expect(reply).to_contain_text(f"Ada Jones <{RESIDENT}> (the resident)")
    name, data = download(
        page, reply.get_by_role("link", name="Download damp.jpg"), tmp_path / "damp.jpg"
    )
    assert (name, data) == ("damp.jpg", JPEG)
    on_timeline = page.locator("#timeline .moj-timeline__item", has_text="Correspondence received")
    expect(on_timeline).to_contain_text("The damp is back in the bedroom.")
    expect(on_timeline.get_by_role("link", name="Download damp.jpg")).to_be_visible()
    expect(page.locator("#timeline")).to_contain_text("Assigned to Harriet")

    complaint = Complaint.objects.get(reference=reference)
    (told,) = Notification.objects.filter(kind=Kind.REPLY, complaint=complaint)
    assert told.recipient == handler


@pytest.mark.today(dt.date(2026, 12, 2))
def test_triage_puts_an_email_naming_no_complaint_on_the_residents_complaint(
    new_page, officer, handler, tmp_path
):
    reference = assigned_complaint(new_page, officer)
    mailbox(
        email(
            subject="The surveyor came",
            text="Here is the surveyor's report you asked for.",
            sender=f"Ada Jones <{RESIDENT}>",
            message_id="<no-reference@mail.example.org>",
            date=timezone.now(),
            attachments=(("report.pdf", PDF, "application/pdf"),),
        )
    )

    page = staff_page(new_page, officer)
    page.goto("/contacts/to-triage/")
    check_axe(page)
    page.get_by_role("link", name="Here is the surveyor's report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Triage an email")
    expect(page.locator("#their-complaints + ul")).to_contain_text(reference)
    check_axe(page)
    page.get_by_label("A message about an existing complaint").check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter the reference of the complaint it belongs to"
    )
    check_axe(page)
    page.get_by_label("Reference of the existing complaint").fill(reference)
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(f"Complaint {reference}")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        f"The email was put on complaint {reference}"
    )
    check_axe(page)
    report = card(page, "The surveyor came")
    expect(report).to_contain_text("Here is the surveyor's report you asked for.")
    expect(report).to_contain_text(f"Ada Jones <{RESIDENT}> (the resident)")
    name, data = download(
        page, report.get_by_role("link", name="Download report.pdf"), tmp_path / "report.pdf"
    )
    assert (name, data) == ("report.pdf", PDF)

    assert Contact.objects.get(classification="on_complaint").resident.email == RESIDENT
    assert not Contact.objects.filter(classification="to_triage").exists()
    complaint = Complaint.objects.get(reference=reference)
    (told,) = Notification.objects.filter(kind=Kind.REPLY, complaint=complaint)
    assert told.recipient == handler
