"""Finding a complaint by what a caller gives: reference, name, address, postcode, email, phone."""

from django.shortcuts import render

from redress.cases import selectors
from redress.cases.access import casework_only, visible_complaints
from redress.cases.words import STATUS_WORDS
from redress.ui.query import query_text


@casework_only
def search_page(request):
    text = query_text(request.GET, "q", "The search", longest=200)
    results = list(selectors.search(text, within=visible_complaints(request.user))) if text else []
    rows = [{"complaint": c, "status": STATUS_WORDS.get(c.status, c.status)} for c in results]
    return render(request, "cases/search.html", {"q": text, "rows": rows})
