"""The Content-Security-Policy in the browser: key pages run with no violation at all.

Chromium reports each blocked inline script, style or handler both on the console
and as a `securitypolicyviolation` event; either one fails the test, so a template
or a script that starts writing inline styles is caught on the page it breaks.
"""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from redress.oversight.annual_report import services as annual_report
from redress.oversight.tests.annual_fixtures import published_assessment

from .conftest import escalated, open_all_actions, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}`);
});
"""


@pytest.fixture
def watched(page):
    """The page, with every CSP violation it reports collected."""
    console = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.add_init_script(LISTEN)

    def violations() -> list[str]:
        page.wait_for_load_state("networkidle")
        return console + page.evaluate("window.__cspViolations || []")

    page.violations = violations
    return page


def visit(page, path: str, heading: str | None = None) -> None:
    page.goto(path)
    if heading:
        expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
    assert page.violations() == [], path


def test_the_policy_is_sent_and_a_violation_would_be_seen(watched, live_server):
    response = watched.goto("/help/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    # The check itself works: an inline script added by a script is refused and reported.
    watched.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = '1';"
        " document.body.append(s); }"
    )
    assert any("script-src" in v for v in watched.violations())


def test_the_public_pages_run_without_violations(watched):
    visit(watched, "/", None)
    visit(watched, "/make-a-complaint/", "Make a complaint")
    # The form's honeypot is hidden by the stylesheet, not an inline style.
    expect(watched.locator("#website")).to_be_hidden()
    watched.get_by_role("button", name="Send complaint").click()
    expect(watched.locator(".govuk-error-summary")).to_be_visible()
    assert watched.violations() == []
    visit(watched, "/check-a-complaint/")


def test_staff_pages_run_without_violations(watched, officer, handler, make_staff):
    complaint = escalated(officer, handler)
    sign_in(watched, officer)
    visit(watched, "/cases/", None)
    watched.locator("#queue-filters summary").click()
    visit(watched, f"/cases/{complaint.reference}/", complaint.reference)
    open_all_actions(watched)
    assert watched.violations() == []

    mrc = make_staff("morwenna", "MRC")
    watched.context.clear_cookies()
    sign_in(watched, mrc, lands_on="**/oversight/")
    visit(watched, "/oversight/dashboard/", "Complaints dashboard")
    images = watched.locator("main img")
    assert images.count() > 0
    widths = images.evaluate_all("all => all.map(i => i.complete && i.naturalWidth)")
    assert all(widths), "a chart did not load under the policy"


def test_the_public_annual_report_runs_without_violations(watched, officer, handler):
    escalated(officer, handler)
    published_assessment(2026)
    annual_report.save_analysis(2026, actor=officer, analysis="Complaints rose in October.")
    annual_report.record_reported(
        2026, actor=officer, reported_on=dt.date(2026, 11, 2), minute_reference="Board 7"
    )
    annual_report.record_response(
        2026, actor=officer, response="The board welcomes it.", response_on=dt.date(2026, 11, 9)
    )
    annual_report.publish(2026, actor=officer)
    visit(watched, "/annual-report/2026/", "2026/27")
    expect(watched.locator("#volumes caption")).to_be_visible()
