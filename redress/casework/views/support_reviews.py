"""Recording a resident's adjustments and restrictions from their case, and their reviews.

The pages take the same services as the API (`redress.intake.services`, `.reviews`), so
the rules are the same wherever they are typed. A review page says which adjustment or
restriction it is by its dates alone; its wording shows only after the person gives
the reason ("to review it"), which is recorded as every showing is
(`redress.intake.support_needs`). Plain forms, a 303 after each success.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from redress.cases.access import casework_only, complaint_for_page
from redress.casework.support_forms import AdjustmentForm, RestrictionForm, ReviewForm
from redress.code.london import long_date
from redress.code.support_reviews import Need, Outcome
from redress.intake import reviews, services, support_needs
from redress.record.errors import NotFound
from redress.ui.govuk import error_summary, run_form, see_other

RECORD = {
    Need.ADJUSTMENT: (AdjustmentForm, services.record_adjustment),
    Need.RESTRICTION: (RestrictionForm, services.record_restriction),
}


def _case_with_resident(user, reference: str):
    complaint = complaint_for_page(user, reference)
    if complaint.resident_id is None:
        raise Http404("the complaint has no resident")
    return complaint


def _back(complaint):
    return see_other(reverse("cases:support-needs", args=[complaint.reference]))


@require_http_methods(["GET", "POST"])
@casework_only
def record_page(request, reference: str, need: str):
    complaint = _case_with_resident(request.user, reference)
    need = Need(need)
    form_class, service = RECORD[need]
    form, status = form_class(request.POST if request.method == "POST" else None), 200
    if request.method == "POST":
        status = run_form(request, form, service, resident_id=complaint.resident_id)
        if status is None:
            review_on = long_date(form.cleaned_data["review_on"])
            messages.success(
                request, f"{reviews.WORDS[need].capitalize()} recorded: review by {review_on}"
            )
            return _back(complaint)
    context = {
        "complaint": complaint,
        "need": need,
        "words": reviews.WORDS[need],
        "form": form,
        "error_summary": error_summary(form, "#record"),
    }
    return render(request, "cases/support_record.html", context, status=status)


def _done_words(need: Need, outcome: str, item) -> str:
    words = reviews.WORDS[need].capitalize()
    if outcome == Outcome.ENDED:
        return f"Review recorded: {words.lower()} ended"
    kept = "kept" if outcome == Outcome.KEPT else "changed"
    return f"Review recorded: {words.lower()} {kept}, next review by {long_date(item.review_on)}"


@require_http_methods(["GET", "POST"])
@casework_only
def review_page(request, reference: str, need: str, pk: int):
    complaint = _case_with_resident(request.user, reference)
    need = Need(need)
    try:
        item = reviews.item_of(need, complaint.resident_id, pk)
    except NotFound:
        raise Http404("no such adjustment or restriction") from None
    form, shown, status = ReviewForm(need), None, 200
    if request.method == "POST" and request.POST.get("action") == "reveal":
        shown = support_needs.reveal(
            complaint.resident_id,
            actor=request.user,
            reason="review",
            complaint=complaint,
            item=(need, pk),
        )[f"{need}s"]
    elif request.method == "POST":
        form = ReviewForm(need, request.POST)
        fixed = {"resident_id": complaint.resident_id, "need": need, "item_id": pk}
        status = run_form(request, form, reviews.review, **fixed)
        if status is None:
            item.refresh_from_db()
            messages.success(request, _done_words(need, form.cleaned_data["outcome"], item))
            return _back(complaint)
    context = {
        "complaint": complaint,
        "need": need,
        "words": reviews.WORDS[need],
        "item": item,
        "shown": shown[0] if shown else None,
        "form": form,
        "error_summary": error_summary(form, "#review"),
    }
    return render(request, "cases/support_review.html", context, status=status)
