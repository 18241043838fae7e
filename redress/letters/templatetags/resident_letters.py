"""The letters a resident was sent, listed on their status page with a download of each."""

from __future__ import annotations

from django import template

from ..selectors import letters_for_resident

register = template.Library()


@register.inclusion_tag("letters/_resident_letters.html")
def letters_sent(complaint) -> dict:
    return {"letters": letters_for_resident(complaint)}
