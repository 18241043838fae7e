"""What the resident was offered and promised, listed on their status page."""

from __future__ import annotations

from django import template

from ..selectors import for_resident

register = template.Library()


@register.inclusion_tag("remedies/_resident_putting_right.html")
def putting_right_for_resident(complaint) -> dict:
    return {"lines": for_resident(complaint)}
