"""A file on a case, for those who may open the case: always a download, never rendered."""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.views.decorators.http import require_GET

from redress.cases.access import casework_only, visible_or_404
from redress.cases.models import Correspondence


@require_GET
@casework_only
def correspondence_file(request, reference: str, pk: int):
    visible_or_404(request.user, reference)
    item = Correspondence.objects.filter(pk=pk, complaint__reference=reference).first()
    if item is None or not item.file:
        raise Http404("no such file")
    name = item.file.name.rsplit("/", 1)[-1]
    response = FileResponse(item.file.open("rb"), as_attachment=True, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
