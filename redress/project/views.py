"""Project-wide pages: the landlord's colours as a stylesheet, and its logo."""

from django.http import Http404, HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from redress.administration.selectors import landlord, logo


@cache_control(max_age=300)
def brand_css(request) -> HttpResponse:
    """The landlord's colours as CSS custom properties (a file, so no inline styles)."""
    colours = landlord(request).brand
    body = (
        ":root{"
        f"--redress-brand:{colours['brand']};"
        f"--redress-brand-text:{colours['brand_text']};"
        f"--redress-accent:{colours['accent']};"
        "}"
    )
    return HttpResponse(body, content_type="text/css")


@require_GET
@cache_control(max_age=300)
def brand_logo(request) -> HttpResponse:
    """The logo an administrator uploaded, as the type its bytes showed it to be."""
    found = logo()
    if found is None:
        raise Http404("no logo")
    content, content_type = found
    response = HttpResponse(content, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response
