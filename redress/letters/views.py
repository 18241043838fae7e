"""Writing and issuing a letter on a case, and fetching an issued letter's files.

The letter page shows the letter as it would go now, everything it still lacks
(named with the Code's provision) and plain-language warnings. "Issue" runs the
same checks in the service, so a letter that breaks the Code cannot be sent
whatever the page showed.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from redress.cases.access import casework_only, complaint_for_page, visible_or_404
from redress.code.letters import LetterKind
from redress.intake.models import ReasonableAdjustment
from redress.record.errors import Refused
from redress.ui.downloads import attachment
from redress.ui.govuk import error_summary, refuse_on_form, see_other

from . import formats, services
from .forms import KIND_LABELS, KIND_VALUES, LetterForm
from .models import Letter

FORMAT_WORDS = {k: str(v).lower() for k, v in ReasonableAdjustment.LetterFormat.choices}


@require_http_methods(["GET", "POST"])
@casework_only
def new_letter(request, reference: str):
    """GET: choose; POST preview: see it; POST issue: send it, if the Code allows."""
    complaint = complaint_for_page(request.user, reference)
    if request.method == "GET":
        kind = request.GET.get("kind", LetterKind.STAGE_RESPONSE.value)
        form = LetterForm(initial={"kind": kind if kind in KIND_VALUES else "stage_response"})
        return _page(request, complaint, form)
    form = LetterForm(request.POST)
    if not form.is_valid():
        return _page(request, complaint, form, status=422)
    delivery = request.POST.get("delivery", "")
    if not delivery:
        return _page(request, complaint, form)
    try:
        services.issue_letter(
            complaint.reference,
            actor=request.user,
            kind=form.cleaned_data["kind"],
            delivery=delivery,
            **form.letter_fields(),
        )
    except Refused as refusal:
        status = refuse_on_form(form, refusal)
        return _page(request, complaint, form, status=status)
    label = KIND_LABELS[LetterKind(form.cleaned_data["kind"])]
    messages.success(request, f"{label} issued ({delivery})")
    return see_other(reverse("cases:case", args=[complaint.reference]) + "#letters")


def _page(request, complaint, form, status: int = 200):
    draft = None
    if form.is_bound and form.is_valid():
        draft = services.make_draft(
            complaint, LetterKind(form.cleaned_data["kind"]), form.letter_fields()
        )
    return render(
        request,
        "letters/new.html",
        {
            "complaint": complaint,
            "form": form,
            "draft": draft,
            "letter_format": FORMAT_WORDS.get(draft.facts["letters_in"], "") if draft else "",
            "error_summary": error_summary(form, "#letter-form"),
        },
        status=status,
    )


FILES = {
    "pdf": ("application/pdf", lambda letter: bytes(letter.pdf)),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        lambda letter: formats.to_docx(services.stored_document(letter), services.branding()),
    ),
    "txt": ("text/plain; charset=utf-8", lambda letter: letter.text.encode()),
}


@casework_only
def letter_file(request, pk: int, fmt: str):
    """An issued letter as PDF (as stored), Word or text, as a download."""
    if fmt not in FILES:
        raise Http404("no such format")
    letter = Letter.objects.select_related("complaint").filter(pk=pk).first()
    if letter is None:
        raise Http404("no such letter")
    visible_or_404(request.user, letter.complaint.reference)
    content_type, make = FILES[fmt]
    name = f"{letter.complaint.reference}-{letter.kind}-{letter.pk}.{fmt}"
    return attachment(make(letter), content_type, name)
