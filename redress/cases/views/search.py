"""Finding a complaint by what a caller gives: reference, name, address, postcode, email, phone."""

from django.shortcuts import render

from .. import selectors
from ..words import STATUS_WORDS
from .access import staff_only


@staff_only
def search_page(request):
    text = request.GET.get("q", "").strip()[:200]
    results = list(selectors.search(text)) if text else []
    rows = [{"complaint": c, "status": STATUS_WORDS.get(c.status, c.status)} for c in results]
    return render(request, "cases/search.html", {"q": text, "rows": rows})
