"""A resident's download of a letter they were sent, from their status page.

Only the browser that proved, with an emailed code, that it holds the letter's
complaint may fetch it (redress.cases.access.verified_complaint); anyone else,
staff included, gets the same 404 whether or not the letter exists. The PDF is the
one stored when the letter was issued, and no cache keeps a copy.
"""

from __future__ import annotations

from django.http import Http404
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from redress.cases.access import verified_complaint
from redress.ui.downloads import attachment

from .models import Letter


@require_GET
@never_cache
def letter_pdf(request, pk: int):
    complaint = verified_complaint(request)
    letter = Letter.objects.filter(pk=pk, complaint=complaint).first() if complaint else None
    if letter is None:
        raise Http404("no such letter")
    name = f"{complaint.reference}-{letter.kind}-{letter.pk}.pdf"
    return attachment(bytes(letter.pdf), "application/pdf", name)
