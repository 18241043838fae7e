"""Template filters for the case page's link to the root-cause page."""

from django import template

from ..decisions import UPHELD

register = template.Library()


@register.filter
def has_upheld(response) -> bool:
    """Whether a stored stage response upheld (or partly upheld) any point."""
    decisions = (response or {}).get("decisions") or []
    return any(isinstance(d, dict) and d.get("decision") in UPHELD for d in decisions)
