"""Hostile letter templates: refused with a message naming the field, or rendered harmless."""

from __future__ import annotations

import pytest

from redress.letters.sandbox import MAX_OUTPUT, clean, render
from redress.record.errors import Refused

FACTS = {
    "reference": "CMP-1",
    "resident": {"name": "Ada <script>alert(1)</script>", "email": "ada@example.org"},
    "complaint": {"resident": {"name": "Ada"}, "points": ["Damp", "Mould"]},
}


@pytest.mark.parametrize(
    ("source", "says"),
    [
        ("{{ complaint.resident.__class__ }}", "__class__"),
        ("{{ complaint.resident.__class__.__mro__[1].__subclasses__() }}", "__class__"),
        ("{{ self.__init__.__globals__ }}", "__init__"),
        ("{{ complaint.points.append('x') }}", "append"),
        ("{{ complaint.resident.clear() }}", "clear"),
        ("{{ complaint.resident.items() }}", "items"),
        ("{{ reference.ljust(999999999) }}", "ljust"),
        ("{{ reference.format }}", "format"),
        ("{% load static %}", "unknown tag 'load'"),
        ("{% debug %}", "unknown tag 'debug'"),
        ('{% include "/etc/passwd" %}', "cannot include"),
        ('{% import "/etc/passwd" as x %}', "cannot include"),
        ('{% extends "redress/base.html" %}', "cannot include"),
        ("{{ range(10) }}", "range"),
        ("{{ lipsum(1000) }}", "lipsum"),
        ("{{ reference | attr('__class__') }}", "attr"),
        ("{{ reference | center(999999999) }}", "center"),
        ("{{ reference | safe }}", "safe"),
        ("{{ '%999999999d' % 1 }}", "cannot format"),
        ("{{ 'x' * 999999999 }}", "too long"),
        ("{{ 9 ** 999999 }}", "too large"),
    ],
)
def test_a_hostile_template_is_refused_with_a_message(source, says):
    with pytest.raises(Refused) as refused:
        render(source, FACTS)
    assert refused.value.field == "body"
    assert says in refused.value.message


def test_output_that_grows_too_long_is_stopped_while_rendering():
    loop = "{% for a in complaint.points %}{{ reference | replace('', reference) }}{% endfor %}"
    assert render(loop, FACTS)  # small: fine
    huge = {**FACTS, "complaint": {"points": list(range(MAX_OUTPUT))}}
    with pytest.raises(Refused, match="too long"):
        render(loop, huge)


def test_facts_stay_escaped_and_only_the_letter_tags_survive():
    assert render("<p>{{ resident.name }}</p>", FACTS) == (
        "<p>Ada &lt;script&gt;alert(1)&lt;/script&gt;</p>"
    )
    written = (
        '<p onclick="steal()" style="color:red" class="x">Hello <b>there</b></p>'
        "<script>alert(1)</script><style>p{}</style><img src=x onerror=alert(1)>"
        '<a href="javascript:alert(1)">bad</a> <a href="https://example.org/?a=1&amp;b=2">ok</a>'
        "<iframe src=https://evil.example></iframe><form action=https://evil.example>"
        "<input name=x></form><svg><script>alert(1)</script></svg>Tom &amp; Jerry&#39;s"
    )
    assert render(written, FACTS) == (
        "<p>Hello <b>there</b></p><a>bad</a> "
        '<a href="https://example.org/?a=1&amp;b=2">ok</a>Tom &amp; Jerry&#39;s'
    )


def test_cleaning_keeps_a_letter_as_it_was():
    letter = (
        "<h2>What happens next</h2>\n<p>Dear Ada &amp; Bo,<br>\nthanks.</p>\n"
        "<ul><li><strong>Damp</strong></li><li><em>Mould</em></li></ul>\n"
        '<table><tr><th>Item</th><td>£10</td></tr></table><a href="mailto:a@b.org">a@b.org</a>'
    )
    assert clean(letter) == letter


def test_macros_still_work():
    source = "{% macro hi(n) %}Hi {{ n }}{% endmacro %}{{ hi(resident.email) }}"
    assert render(source, FACTS) == "Hi ada@example.org"
