"""A resident's mail, end to end: the confirmation with the reference, the status code,
and a letter downloaded from the status page; and the development outbox staff read.

Tasks wait in the database as in production and the test runs the worker between
steps (redress/conftest.py `run_queued_tasks`), so each email is read only once the
worker has sent it, as a resident would.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import expect

from redress.letters.models import Letter
from redress.letters.services import issue_letter

from .conftest import check_axe, sign_in
from .journeys import make_complaint

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "rosa@example.org"


def sent_to(address: str) -> list:
    return [m for m in mail.outbox if address in m.to]


def test_a_resident_gets_the_reference_a_code_and_downloads_a_letter(
    new_page, officer, queued_tasks, tmp_path
):
    resident = new_page()
    reference = make_complaint(resident, "Rosa Diaz", EMAIL)
    expect(resident.locator("#confirmation")).to_have_text(
        f"We are emailing this reference to {EMAIL}. It should arrive within a few minutes."
    )
    check_axe(resident)
    assert mail.outbox == []  # the page did not wait for mail

    queued_tasks()
    [confirmation] = sent_to(EMAIL)
    assert reference in confirmation.subject and f"Your reference is {reference}" in (
        confirmation.body
    )
    resident.reload()
    expect(resident.locator("#confirmation")).to_have_text(
        f"We have emailed this reference to {EMAIL}."
    )

    # The status code, asked for with the emailed reference, arrives once the worker runs.
    resident.goto("/check-a-complaint/")
    resident.get_by_label("Complaint reference").fill(reference)
    resident.get_by_label("Email address").fill(EMAIL)
    resident.get_by_role("button", name="Send me a code").click()
    expect(resident.get_by_role("heading", name="Enter your code")).to_be_visible()
    queued_tasks()
    code = re.search(r"Your code is (\d{6})", sent_to(EMAIL)[-1].body).group(1)
    resident.get_by_label(re.compile("code", re.I)).fill(code)
    resident.get_by_role("button", name="Continue").click()
    expect(resident.get_by_role("heading", level=1)).to_have_text(f"Your complaint {reference}")
    expect(resident.locator("#letters + p")).to_have_text("None yet.")

    # A letter is issued to her by email; the worker sends it; the status page lists it.
    letter = issue_letter(
        reference,
        actor=officer,
        kind="clarification",
        delivery="email",
        question="Which rooms have the damp?",
    )
    queued_tasks()
    assert any(m.attachments for m in sent_to(EMAIL))
    resident.reload()
    link = resident.get_by_role("link", name=re.compile(re.escape(letter.subject)))
    expect(link).to_be_visible()
    check_axe(resident)
    with resident.expect_download() as download:
        link.click()
    saved = tmp_path / "letter.pdf"
    download.value.save_as(saved)
    assert download.value.suggested_filename == f"{reference}-clarification-{letter.pk}.pdf"
    assert Path(saved).read_bytes() == bytes(Letter.objects.get(pk=letter.pk).pdf)

    # Another browser, without her code, cannot fetch it.
    stranger = new_page()
    response = stranger.request.get(f"/check-a-complaint/letters/{letter.pk}.pdf")
    assert response.status == 404


def test_staff_read_the_mail_in_the_development_outbox(
    new_page, officer, queued_tasks, settings, tmp_path
):
    settings.REDRESS_OUTBOX = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path
    resident = new_page()
    reference = make_complaint(resident, "Rosa Diaz", EMAIL)
    queued_tasks()
    expect(resident.get_by_role("link", name=re.compile("Outbox"))).to_have_count(0)

    staff = new_page()
    sign_in(staff, officer)
    staff.get_by_role("link", name=re.compile("Outbox")).click()
    expect(staff.get_by_role("heading", level=1)).to_have_text("Outbox")
    check_axe(staff)
    staff.get_by_role("link", name=f"Your complaint {reference} has been received").click()
    expect(staff.locator("#message-body")).to_contain_text(f"Your reference is {reference}")
    expect(staff.locator("main")).to_contain_text(EMAIL)
    check_axe(staff)
