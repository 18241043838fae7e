"""Files handed to the browser as downloads, never rendered in the page."""

from __future__ import annotations

from django.http import HttpResponse


def attachment(content, content_type: str, name: str) -> HttpResponse:
    """`content` as a download called `name`, with nosniff so that no browser decides it
    is HTML after all (the names are ours: references, years, numbers)."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
