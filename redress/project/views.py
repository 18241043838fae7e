"""Project-wide pages: the landlord's colours as a stylesheet, its logo, and not found."""

from django.http import Http404, HttpResponse, JsonResponse
from django.views import defaults
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


def not_found(request, exception):
    """A 404: under the API, its one error shape, so a path that matches no route (an id
    not in its canonical form among them) answers as the API's other refusals do."""
    if request.path.startswith("/api/"):
        error = {"message": "no such resource", "field": None, "rule": None}
        return JsonResponse({"error": error}, status=404)
    return defaults.page_not_found(request, exception)
