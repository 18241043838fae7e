"""Django's `{# #}` comment ends on the line it starts: one spread over several lines is
not a comment but text, shown on the page (the public complaint form showed two). Longer
comments use `{% comment %}`."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.template.utils import get_app_template_dirs

ROOT = Path(settings.BASE_DIR) / "redress"


def our_templates() -> list[Path]:
    dirs = [Path(d) for d in get_app_template_dirs("templates")]
    dirs += [Path(d) for engine in settings.TEMPLATES for d in engine.get("DIRS", [])]
    ours = {d for d in dirs if d.is_relative_to(ROOT)}
    return sorted(f for d in ours for f in d.rglob("*") if f.is_file())


def unclosed_comments(text: str) -> list[int]:
    """Line numbers where a `{#` has no `#}` after it on the same line."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        start = line.find("{#")
        while start != -1:
            end = line.find("#}", start + 2)
            if end == -1:
                found.append(number)
                break
            start = line.find("{#", end + 2)
    return found


def test_finds_the_templates():
    names = {f.name for f in our_templates()}
    assert {"base.html", "complain.html", "case.html"} <= names


def test_the_check_catches_a_comment_over_two_lines():
    assert unclosed_comments("a {# one #} b\n{# two\n still two #}\n{# three #}") == [2]
    assert unclosed_comments("{# a #} {# b") == [1]


def test_no_template_spreads_a_short_comment_over_lines():
    bad = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in our_templates()
        for line in unclosed_comments(path.read_text(encoding="utf-8"))
    ]
    assert not bad, "use {% comment %} for a comment over several lines: " + ", ".join(bad)
