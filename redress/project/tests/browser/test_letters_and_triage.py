"""In the browser: a handler writes and issues a stage response, and triages an email;
an administrator previews and saves a letter template. axe on every page on the way."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from redress.cases import services
from redress.cases.tests.factories import by_letter
from redress.intake.tests.test_inbound import email
from redress.letters.models import Letter
from redress.reception.receiving import receive_message

from .conftest import acknowledged, check_axe, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_a_handler_previews_completes_and_issues_a_stage_response(page, officer, handler):
    complaint = acknowledged(officer, handler)
    services.respond(
        complaint.reference,
        actor=handler,
        decisions=[{"point": "Damp not fixed", "decision": "upheld"}],
        reasons="The repair was late.",
        communication=by_letter(),
    )
    sign_in(page, handler)
    page.goto(f"/cases/{complaint.reference}/")
    page.get_by_role("link", name="Write a letter").click()
    page.get_by_label("Letter", exact=True).select_option("stage_response")
    page.get_by_role("button", name="Preview").click()
    expect(page.locator("#missing")).to_contain_text("(e) the remedy offered")
    expect(page.get_by_role("button", name="Issue for post")).to_have_count(0)
    check_axe(page)

    page.get_by_label("No remedy is offered").check()
    page.get_by_label("There are no outstanding actions").check()
    page.get_by_role("button", name="Preview").click()
    expect(page.locator("#preview")).to_contain_text("The repair was late.")
    page.get_by_role("button", name="Issue for post").click()
    expect(page.locator("#letters")).to_be_visible()
    expect(page.get_by_role("link", name="PDF of stage response")).to_be_visible()
    check_axe(page)
    assert Letter.objects.get().delivery == "post"


def test_a_handler_triages_an_email_into_a_complaint(page, handler):
    arrived = timezone.now() - dt.timedelta(hours=2)
    receive_message(email(subject="Boiler", text="Still no hot water.", date=arrived), via="test")
    sign_in(page, handler)
    page.get_by_role("link", name="Emails to triage").click()
    check_axe(page)
    page.get_by_role("link", name="Still no hot water.").click()
    check_axe(page)
    page.get_by_label("Expression of dissatisfaction (complaint)").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Complaint CMP-")


def test_an_administrator_previews_then_saves_a_template(page, make_staff, officer, handler):
    complaint = acknowledged(officer, handler)
    admin = make_staff("ade", "administrator")
    sign_in(page, admin, lands_on="**/administration/")
    page.get_by_role("navigation", name="Administration menu").get_by_role(
        "link", name="Letter templates"
    ).click()
    check_axe(page)
    page.get_by_role("link", name="Update at the agreed interval").click()
    page.get_by_label("Preview with complaint").fill(complaint.reference)
    expect(page.get_by_role("button", name="Save as a new version")).to_have_count(0)
    page.get_by_role("button", name="Preview").click()
    expect(page.locator("#preview")).to_contain_text("Dear Ada Jones")
    check_axe(page)
    page.get_by_role("button", name="Save as a new version").click()
    expect(page.get_by_text("Saved version 2")).to_be_visible()
