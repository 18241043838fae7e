"""Playwright driving Debian's Chromium against pytest-django's live server.

The browser is Debian's `chromium` package (scripts/install-chromium, which
`make test` runs), never one of Playwright's downloads. Without it the browser
tests fail rather than skip, so a machine without a browser cannot pass them
silently. The stylesheet and GOV.UK Frontend are served by the live server's
static files handler, so `make assets` must have run (`make test` does).

Cases are built with the services: the browser is for what the page does.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache

from redress.cases import services
from redress.cases.tests.factories import by_letter
from redress.conftest import TOTP_SECRET
from redress.intake import services as intake
from redress.staff.mfa import current_code

# Playwright's sync API runs an asyncio event loop in the test thread; Django's
# ORM would otherwise refuse to run there.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PASSWORD = "x"  # what redress/conftest.py's make_staff gives everyone
TIMEOUT_MS = 20_000


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "browser: drives Debian's Chromium with Playwright against a live server"
    )


@pytest.fixture(scope="session")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"no Chromium at {CHROMIUM}: run scripts/install-chromium (or `make test`) "
            "to install Debian's chromium package",
            pytrace=False,
        )
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=TIMEOUT_MS)
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()
    finally:
        playwright.stop()


@pytest.fixture
def new_page(browser, live_server):
    """Pages in fresh browser contexts (separate cookies), all closed after the test."""
    contexts = []

    def make(**options):
        context = browser.new_context(base_url=live_server.url, **options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


def sign_in(page, user, lands_on: str = "**/cases/") -> None:
    """Sign in through the allauth forms, as a person would: password, then the code their
    authenticator app shows (make_staff enrols one); land where the role leads."""
    page.goto("/accounts/login/")
    page.fill("#id_login", user.get_username())
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    enter_code(page)
    page.wait_for_url(lands_on)


def enter_code(page) -> None:
    """The second step of signing in: the code the staff member's authenticator app shows."""
    page.wait_for_url("**/accounts/2fa/authenticate/")
    # A code is accepted once: forget the codes earlier sign-ins in this window used.
    cache.clear()
    page.fill("#id_code", current_code(TOTP_SECRET))
    page.get_by_role("button", name="Continue").click()


def open_action(page, command: str):
    """Open an action's GOV.UK details expander and return it."""
    details = page.locator(f"#action-{command}")
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    return details


def open_all_actions(page) -> int:
    return page.evaluate(
        "() => { const all = document.querySelectorAll('details');"
        " all.forEach(d => { d.open = true; }); return all.length; }"
    )


def check_axe(page) -> dict:
    """Run axe-core on the page; fail on any serious or critical violation."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make assets` (npm ci)", pytrace=False)
    # Evaluated, not added as a <script>: the Content-Security-Policy refuses inline scripts.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    bad = [v for v in results["violations"] if v["impact"] in ("serious", "critical")]
    assert not bad, f"axe on {page.url}:\n" + "\n".join(_describe(v) for v in bad)
    return results


def _describe(violation: dict) -> str:
    lines = [f"- {violation['id']} ({violation['impact']}): {violation['help']}"]
    for node in violation["nodes"][:5]:
        lines.append(f"    {json.dumps(node['target'])}: {node['html'][:160]}")
        if node.get("failureSummary"):
            lines.append("      " + node["failureSummary"].replace("\n", "\n      "))
    lines.append(f"    {violation['helpUrl']}")
    return "\n".join(lines)


# --- cases built with the services --------------------------------------------


def new_case(officer, handler=None):
    """A complaint at stage 1, received now; assigned to `handler` if given."""
    resident = intake.create_resident(
        actor=officer, name="Ada Jones", postcode="SE1 7PB", email="ada@example.org"
    )
    complaint = services.open_complaint(
        actor=officer, resident=resident, summary="Damp in the bedroom", channel="phone"
    )
    if handler is not None:
        services.assign(complaint.reference, actor=officer, handler_id=handler.pk)
    return complaint


def acknowledged(officer, handler):
    complaint = new_case(officer, handler)
    services.accept(complaint.reference, actor=handler)
    services.acknowledge(
        complaint.reference,
        actor=handler,
        points=["Damp not fixed"],
        outcomes_sought=["Fix the damp"],
        communication=by_letter(),
        responsible_for_all=True,
    )
    return complaint


def escalated(officer, handler):
    """Responded at stage 1 by `handler`, then escalated by the officer."""
    complaint = acknowledged(officer, handler)
    services.respond(
        complaint.reference,
        actor=handler,
        decisions=[{"point": "Damp not fixed", "decision": "upheld"}],
        reasons="The repair was late.",
        communication=by_letter(),
    )
    services.escalate(complaint.reference, actor=officer, still_wrong="Still damp")
    return complaint


@pytest.fixture
def officer(make_staff):
    return make_staff("olive", "complaints officer")


@pytest.fixture
def handler(make_staff):
    return make_staff("harriet", "handler")


@pytest.fixture
def second_handler(make_staff):
    return make_staff("hamid", "handler")
