"""Learning pages. Thin: forms check input, services act, refusals show on the form.

The categories page is the administrator's; root causes and the learning log are case
work; the report and the trends are figures for the oversight roles and case workers
alike, so they print no names and no references.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from redress.administration import deployment
from redress.administration.access import administrators_only
from redress.cases.access import casework_only, visible_complaints, visible_or_404
from redress.cases.models import Category, Stage
from redress.code.trends import ALPHA
from redress.staff.access import role_required
from redress.staff.roles import does_casework, sees_oversight
from redress.ui.govuk import error_summary, run_form, see_other

from . import selectors, services
from .forms import CategoryForm, LessonForm, RootCauseForm
from .models import Lesson

GET_POST = require_http_methods(["GET", "POST"])
# Figures only: the oversight roles and case workers.
figures_only = role_required(lambda user: sees_oversight(user) or does_casework(user))


def _page(request, template: str, context: dict, *, form=None, status: int = 200):
    context.setdefault("error_summary", error_summary(form, "#main-content"))
    context["casework"] = does_casework(request.user)  # the log's links are case work only
    return render(request, f"learning/{template}", context, status=status)


# --- the category taxonomy (administrators) -------------------------------------------


@GET_POST
@administrators_only
def categories(request):
    form = CategoryForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = run_form(request, form, services.add_category)
        if status is None:
            messages.success(request, f"Category {form.cleaned_data['name']} added")
            return see_other(reverse("learning-admin:categories"))
    context = {"form": form, "categories": selectors.categories()}
    return _page(request, "categories.html", context, form=form, status=status)


@GET_POST
@administrators_only
def rename_category(request, category_id: int):
    category = get_object_or_404(Category, pk=category_id)
    if request.method == "GET":
        form = CategoryForm(initial={"name": category.name})
        return _page(request, "category_rename.html", {"form": form, "category": category})
    form = CategoryForm(request.POST)
    status = run_form(request, form, services.rename_category, category.pk)
    if status:
        context = {"form": form, "category": category}
        return _page(request, "category_rename.html", context, form=form, status=status)
    messages.success(request, f"Renamed {category.name} to {form.cleaned_data['name']}")
    return see_other(reverse("learning-admin:categories"))


@require_POST
@administrators_only
def set_category_active(request, category_id: int):
    category = get_object_or_404(Category, pk=category_id)
    active = request.POST.get("active") == "yes"
    services.set_category_active(category.pk, actor=request.user, active=active)
    messages.success(request, f"{category.name} {'reactivated' if active else 'deactivated'}")
    return see_other(reverse("learning-admin:categories"))


# --- root causes (case work) ----------------------------------------------------------


def _stage(user, reference: str, number: int) -> Stage:
    visible_or_404(user, reference)
    stage = Stage.objects.filter(complaint__reference=reference, number=number).first()
    if stage is None or not selectors.upheld_points(stage):
        raise Http404("no upheld points at this stage")
    return stage


@GET_POST
@casework_only
def root_causes(request, reference: str, number: int):
    """One form per upheld or partly upheld point: its root cause and a note."""
    stage = _stage(request.user, reference, number)
    points = selectors.upheld_points(stage)
    found = selectors.root_causes(stage)
    posted, status = None, 200
    if request.method == "POST":
        index = request.POST.get("point", "")
        if not index.isdigit() or int(index) >= len(points):
            raise Http404("no such point")
        posted = int(index)
        form = RootCauseForm(request.POST, prefix=f"p{posted}")
        status = run_form(
            request,
            form,
            services.record_root_cause,
            reference,
            stage_number=number,
            point=points[posted],
        )
        if status is None:
            messages.success(request, f"Root cause recorded for “{points[posted]}”")
            return see_other(reverse("learning:root-causes", args=[reference, number]))
    rows = []
    for i, point in enumerate(points):
        if i == posted:
            row_form = form
        else:
            current = found.get(point)
            initial = {"cause": str(current.cause_id), "note": current.note} if current else {}
            row_form = RootCauseForm(initial=initial, prefix=f"p{i}")
        rows.append({"index": i, "point": point, "current": found.get(point), "form": row_form})
    context = {"reference": reference, "stage": stage, "rows": rows}
    return _page(
        request,
        "root_causes.html",
        context,
        form=form if posted is not None else None,
        status=status,
    )


# --- the learning log (case work) -----------------------------------------------------


@require_GET
@casework_only
def lessons(request):
    status = request.GET.get("status", "")
    status = status if status in Lesson.Status.values else ""
    context = {
        "lessons": selectors.lessons(status),
        "status": status,
        "statuses": Lesson.Status.choices,
    }
    return _page(request, "lessons.html", context)


def _lesson_arguments(form: LessonForm) -> dict:
    data = dict(form.cleaned_data)
    data["references"] = data["references"] or []
    return data


@GET_POST
@casework_only
def new_lesson(request):
    if request.method == "GET":
        return _page(request, "lesson_form.html", {"form": LessonForm()})
    form = LessonForm(request.POST)
    form.arguments = lambda: _lesson_arguments(form)
    status = run_form(request, form, services.create_lesson)
    if status:
        return _page(request, "lesson_form.html", {"form": form}, form=form, status=status)
    messages.success(request, "Lesson recorded")
    return see_other(reverse("learning:lessons"))


@require_GET
@casework_only
def lesson(request, lesson_id: int):
    found = get_object_or_404(Lesson.objects.select_related("owner", "owner_team"), pk=lesson_id)
    references, others = selectors.lesson_complaints(found, visible_complaints(request.user))
    return _page(
        request, "lesson.html", {"lesson": found, "references": references, "others": others}
    )


@GET_POST
@casework_only
def edit_lesson(request, lesson_id: int):
    found = get_object_or_404(Lesson, pk=lesson_id)
    references, others = selectors.lesson_complaints(found, visible_complaints(request.user))
    context = {"lesson": found, "others": others}
    if request.method == "GET":
        initial = LessonForm.initial_for(found, references)
        return _page(request, "lesson_form.html", {**context, "form": LessonForm(initial=initial)})
    form = LessonForm(request.POST)
    form.arguments = lambda: _lesson_arguments(form)
    status = run_form(request, form, services.update_lesson, found.pk)
    if status:
        return _page(
            request, "lesson_form.html", {**context, "form": form}, form=form, status=status
        )
    messages.success(request, "Lesson updated")
    return see_other(reverse("learning:lesson", args=[found.pk]))


# --- the report and the trends (figures only) -----------------------------------------


def _date(value: str | None, default: dt.date) -> dt.date:
    try:
        return dt.date.fromisoformat(value or "")
    except ValueError:
        return default


@require_GET
@figures_only
def report(request):
    """Lessons and improvements for a period: safe to share with a residents' panel."""
    today = deployment.today()
    first = _date(request.GET.get("from"), today.replace(month=1, day=1))
    last = _date(request.GET.get("to"), today)
    if last < first:
        first, last = last, first
    context = {"first": first, "last": last, **selectors.report(first, last)}
    return _page(request, "report.html", context)


@require_GET
@figures_only
def trends(request):
    found = selectors.trends(deployment.today())
    return _page(request, "trends.html", {**found, "alpha": ALPHA})
