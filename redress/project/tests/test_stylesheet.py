"""The stylesheet compiles MoJ Frontend's components with our GOV.UK configuration.

MoJ Frontend configures GOV.UK Frontend itself, so ours goes through MoJ's settings
(redress/project/assets/redress.scss). This compiles the Sass with package.json's own
build command, into a temporary file, so it checks the source rather than a stale build.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
SASS = ROOT / "node_modules" / ".bin" / "sass"


@pytest.fixture(scope="module")
def css(tmp_path_factory) -> str:
    if not SASS.exists():
        pytest.fail(f"{SASS} is missing: run `make assets` (npm ci)", pytrace=False)
    command = json.loads((ROOT / "package.json").read_text())["scripts"]["build"].split()
    assert command[0] == "sass" and command[-1].endswith("redress.css")
    out = tmp_path_factory.mktemp("css") / "redress.css"
    subprocess.run([SASS, *command[1:-1], str(out)], cwd=ROOT, check=True, timeout=120)
    return out.read_text()


def test_has_the_moj_timeline_and_sortable_table(css):
    for rule in (
        ".moj-timeline{",
        ".moj-timeline__item{",
        ".moj-timeline__title{",
        ".moj-timeline__byline{",
        ".moj-timeline__date{",
        ".moj-timeline__description{",
        "[aria-sort] button",
    ):
        assert rule in css, rule


def test_keeps_our_gov_uk_configuration(css):
    assert "GDS Transport" not in css
    assert "@font-face" not in css
    assert 'font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif' in css
    assert "--govuk-brand-colour: var(--redress-brand" in css


def test_the_landlords_font_stack_is_the_pages_own(css):
    """GOV.UK Frontend sets its font only on its classes: text outside them (a letter's
    preview) fell back to the browser's serif, Times New Roman."""
    assert 'body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}' in css


def test_has_the_service_navigation_and_moj_sub_navigation(css):
    for rule in (".govuk-service-navigation__toggle", ".moj-sub-navigation__link"):
        assert rule in css, rule


def test_every_class_the_templates_use_from_a_design_system_exists(css):
    """A GOV.UK or MoJ class a template names but no stylesheet defines is silently
    nothing (govuk-list--inline, from an older GOV.UK Frontend, stacked the work queue's
    "whose cases" links one per line)."""
    used = set()
    for template in (ROOT / "redress").rglob("templates/**/*.html"):
        used |= set(
            re.findall(r"\b((?:govuk|moj)-[a-z0-9_-]*--[a-z0-9-]+)\b", template.read_text())
        )
    missing = sorted(name for name in used if f".{name}" not in css)
    assert not missing, missing
