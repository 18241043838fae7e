"""Project-wide pages: the landlord's colours as a stylesheet."""

from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.cache import cache_control


@cache_control(max_age=300)
def brand_css(request) -> HttpResponse:
    """The landlord's colours as CSS custom properties (a file, so no inline styles)."""
    colours = settings.REDRESS_BRAND
    body = (
        ":root{"
        f"--redress-brand:{colours['brand']};"
        f"--redress-brand-text:{colours['brand_text']};"
        f"--redress-accent:{colours['accent']};"
        "}"
    )
    return HttpResponse(body, content_type="text/css")
