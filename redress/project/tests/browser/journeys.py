"""Page helpers the browser journeys share: what a resident and a member of staff type.

Each helper works through the pages only, as a person would; the journeys assert what
the resident and the record end up with.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable

import time_machine
from django.conf import settings
from django.core import mail
from playwright.sync_api import expect

from redress.code.letters import RESPONSIBLE_FOR_ALL
from redress.code.london import LONDON
from redress.letters.tests.test_pages import pdf_text

from .conftest import check_axe, open_action, sign_in

__all__ = [
    "acknowledge",
    "answer",
    "assign",
    "check_progress",
    "download",
    "fill_date",
    "make_complaint",
    "pdf_text",
    "respond",
    "staff_page",
    "status",
    "travel",
]


def travel(day: dt.date) -> time_machine.travel:
    """The clock on `day` at 9 in London, running (nested in the test's pinned day)."""
    return time_machine.travel(dt.datetime.combine(day, dt.time(9), tzinfo=LONDON))


def fill_date(form, name: str, day: dt.date) -> None:
    """A GOV.UK date input's three boxes, `name` being the field's prefixed name."""
    for part, value in (("day", day.day), ("month", day.month), ("year", day.year)):
        form.locator(f"#id_{name}-{part}").fill(str(value))


def make_complaint(page, name: str, email: str) -> str:
    """The public complaint form, filled in as a resident does; the reference it gives."""
    page.goto("/make-a-complaint/")
    opened = time.monotonic()
    page.get_by_label("Your full name").fill(name)
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Address of the home the complaint is about").fill("4 Mill Lane, Leeds")
    page.get_by_label("Postcode").fill("LS1 4AB")
    page.get_by_role("group", name=re.compile("someone else")).get_by_label("No").check()
    page.get_by_label("What happened?").fill("The boiler has failed three times since May.")
    page.get_by_label("What would put it right?").fill("A new boiler, and an apology.")
    page.get_by_role("group", name=re.compile("contact you")).get_by_label("Email").check()
    # A person takes longer than the spam check's few seconds (redress/intake/spam.py).
    page.wait_for_timeout(
        max(0, settings.REDRESS_FORM_MIN_SECONDS + 0.5 - (time.monotonic() - opened)) * 1000
    )
    page.get_by_role("button", name="Send complaint").click()
    expect(page.get_by_role("heading", name="Complaint received")).to_be_visible()
    return page.locator(".govuk-panel__body strong").inner_text().strip()


def check_progress(
    page, reference: str, email: str, deliver: Callable = lambda: None, *, axe: bool = False
) -> None:
    """Ask for a code, read it from the email, and open the status page. `deliver` sends
    what the page queued (the worker), where tasks are not run in the request; `axe`
    checks the code page too."""
    sent = len(mail.outbox)
    page.goto("/check-a-complaint/")
    page.get_by_label("Complaint reference").fill(reference)
    page.get_by_label("Email address").fill(email)
    page.get_by_role("button", name="Send me a code").click()
    expect(page.get_by_role("heading", name="Enter your code")).to_be_visible()
    if axe:
        check_axe(page)
    deliver()
    codes = [m for m in mail.outbox[sent:] if email in m.to and "Your code is" in m.body]
    assert codes, "no code was emailed"
    code = re.search(r"Your code is (\d{6})", codes[-1].body).group(1)
    page.get_by_label(re.compile("code", re.I)).fill(code)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Your complaint {reference}")


def staff_page(new_page, user, lands_on: str = "**/cases/"):
    """A new browser for `user`, signed in (staff sessions last an hour, so each working
    day of a journey starts by signing in)."""
    page = new_page()
    sign_in(page, user, lands_on=lands_on)
    return page


def download(page, link, saved) -> tuple[str, bytes]:
    """Click a download link; the file's suggested name and its bytes, saved at `saved`."""
    with page.expect_download() as download:
        link.click()
    download.value.save_as(saved)
    return download.value.suggested_filename, saved.read_bytes()


# --- the case page --------------------------------------------------------------------


def status(page):
    """The case's status, as the case page's caption gives it."""
    return page.locator(".govuk-caption-l")


def acknowledge(page, points: str, outcomes: str, how: str = "post", *, preview=False) -> None:
    """Define the complaint (we are responsible for all of it) and acknowledge it by the
    letter from Redress (`how`: email or post); with `preview`, preview the letter first
    and check it with axe."""
    form = open_action(page, "acknowledge")
    form.locator("#id_acknowledge-points").fill(points)
    form.locator("#id_acknowledge-outcomes_sought").fill(outcomes)
    form.get_by_label("Yes, we are responsible for all of it").check()
    form.locator(f"input[name='acknowledge-how'][value='{how}']").check()
    if preview:
        form.get_by_role("button", name="Preview the letter").click()
        expect(page.locator("#action-acknowledge #letter-preview")).to_contain_text(
            RESPONSIBLE_FOR_ALL
        )
        check_axe(page)
    open_action(page, "acknowledge").get_by_role("button", name="Acknowledge").click()


def answer(page, decisions: list[str], reasons: str, how: str = "post", *, remedy=(), action=()):
    """Fill in the answer to go `how` (email, post or recorded): a financial `remedy`
    (description, pounds, due date) and an outstanding `action` (description, due date),
    or, without them, none of either; the form, for the rest (a recorded communication's
    date and copy)."""
    form = open_action(page, "respond")
    for i, decision in enumerate(decisions):
        form.locator(f"input[name='respond-decision_{i}'][value='{decision}']").check()
    form.locator("#id_respond-reasons").fill(reasons)
    if remedy:
        description, pounds, due = remedy
        form.locator("#id_respond-remedy_1").fill(description)
        form.locator("#id_respond-remedy_1_kind").select_option("financial")
        form.locator("#id_respond-remedy_1_amount").fill(pounds)
        fill_date(form, "respond-remedy_1_due_on", due)
    else:
        form.locator("#id_respond-no_remedy").check()
    if action:
        form.locator("#id_respond-action_1").fill(action[0])
        fill_date(form, "respond-action_1_due_on", action[1])
    else:
        form.locator("#id_respond-no_outstanding_actions").check()
    form.locator(f"input[name='respond-how'][value='{how}']").check()
    return form


def respond(page, decisions: list[str], reasons: str, how: str = "post") -> None:
    """Answer by the response letter from Redress, offering no remedy and no action."""
    answer(page, decisions, reasons, how).get_by_role("button", name="Respond", exact=True).click()


def assign(page, handler_name: str) -> None:
    """The complaints officer gives the case to the handler named so."""
    form = open_action(page, "assign")
    form.get_by_label("Handler").select_option(label=handler_name)
    form.get_by_role("button", name="Assign").click()
