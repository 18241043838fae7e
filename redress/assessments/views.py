"""Self-assessment pages. Thin: forms check input, services act, refusals show on the page.

Staff with an oversight role read every version; the buttons each page shows depend on
the version's stage and the person's role (see `access`). The published self-assessment
is also a public page, with no sign-in, for the landlord's website (8.2).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from redress.administration.selectors import landlord
from redress.code.provisions import SECTIONS
from redress.code.tsm import ReportingYear
from redress.record.errors import Forbidden, Refused
from redress.staff.access import role_required
from redress.ui.downloads import attachment
from redress.ui.govuk import error_summary, refusal_text, run_form, see_other

from . import access, selectors, services
from .forms import ApprovalForm, ReturnForm, SectionForm, StartForm
from .models import Assessment, Stage
from .word import assessment_docx

GET_POST = require_http_methods(["GET", "POST"])
readers_only = role_required(access.reads)


def _page(request, template: str, context: dict, *, form=None, status: int = 200):
    context.setdefault("error_summary", error_summary(form, "#main-content"))
    return render(request, f"assessments/{template}", context, status=status)


def _version(pk: int) -> Assessment:
    return get_object_or_404(
        Assessment.objects.select_related(
            "created_by", "signed_off_by", "reviewed_by", "copied_from"
        ),
        pk=pk,
    )


def _may(request, assessment: Assessment) -> dict:
    """Which of the workflow's buttons this person sees at this stage."""
    user, stage = request.user, assessment.stage
    return {
        "edit": access.drafts(user) and stage == Stage.DRAFT,
        "review": access.reviews(user)
        and stage == Stage.IN_REVIEW
        and assessment.signed_off_by_id != user.pk,
        "approve": access.reviews(user) and stage == Stage.REVIEWED,
        "publish": access.publishes(user) and stage == Stage.APPROVED,
    }


@require_GET
@readers_only
def versions(request):
    context = {"years": selectors.versions_by_year(), "may_start": access.drafts(request.user)}
    return _page(request, "versions.html", context)


@GET_POST
@role_required(access.drafts)
def start(request):
    form = StartForm(
        request.POST or None, request.FILES or None, initial={"year": services.current_year()}
    )
    status = 200
    if request.method == "POST":
        created = []
        status = run_form(
            request,
            form,
            lambda **kwargs: created.append(services.start_version(**kwargs)),
        )
        if status is None:
            assessment = created[0]
            done = f"Version {assessment.version} for {assessment.label} started"
            imported = form.cleaned_data.get("imported")
            if imported is not None:
                done += f", from {imported.source}"
                if imported.warnings:
                    done += f" ({len(imported.warnings)} things to check: see the history)"
            messages.success(request, done)
            return see_other(reverse("assessments:version", args=[assessment.pk]))
    return _page(request, "start.html", {"form": form}, form=form, status=status)


def _overview(request, assessment: Assessment, *, refusal: Refused | None = None):
    status = 200
    summary = []
    if refusal is not None:
        summary = [{"href": "#workflow", "text": refusal_text(refusal)}]
        status = 403 if isinstance(refusal, Forbidden) else 409
    context = {
        "assessment": assessment,
        "progress": selectors.progress(assessment),
        "returned": selectors.last_return(assessment),
        "may": _may(request, assessment),
        "error_summary": summary,
    }
    return _page(request, "version.html", context, status=status)


@require_GET
@readers_only
def version(request, pk: int):
    return _overview(request, _version(pk))


@dataclass(frozen=True)
class Step:
    service: Callable
    done: str


# Workflow button (its URL's name) → the service it runs, what to say after.
STEPS: dict[str, Step] = {
    "refresh": Step(services.refresh_evidence, "Evidence drafted again from the records"),
    "sign-off": Step(services.sign_off, "Signed off and sent to the senior lead"),
    "accept": Step(services.accept_review, "Reviewed: ready for the governing body"),
    "publish": Step(services.publish, "Published on the public site"),
}


@require_POST
@readers_only
def run_step(request, pk: int, step: str):
    """A workflow button: act as the signed-in person, or show the refusal on the
    version's page (who may act, and when, is the service's to say)."""
    action = STEPS[step]
    assessment = _version(pk)
    try:
        action.service(assessment.pk, actor=request.user)
    except Refused as refusal:
        return _overview(request, assessment, refusal=refusal)
    messages.success(request, action.done)
    return see_other(reverse("assessments:version", args=[assessment.pk]))


@GET_POST
@readers_only
def section(request, pk: int, number: int):
    assessment = _version(pk)
    if number not in SECTIONS:
        raise Http404("no such section")
    part = selectors.sections_of(assessment)[number - 1]
    numbers = [row.number for row in part.rows]
    may = _may(request, assessment)
    status = 200
    if request.method == "POST":
        form = SectionForm(numbers, request.POST)
        used = request.POST.get("use_drafted", "")
        used = used if used in numbers else ""
        status = run_form(request, form, services.save_section, assessment.pk, use_drafted=used)
        if status is None:
            messages.success(request, f"Section {number} saved")
            target = reverse("assessments:section", args=[assessment.pk, number])
            return see_other(f"{target}#provision-{used}" if used else target)
    else:
        form = SectionForm(numbers, initial=SectionForm.initial_for([r.answer for r in part.rows]))
    rows = [{"row": row, "fields": form.bound(row.number)} for row in part.rows]
    context = {
        "assessment": assessment,
        "part": part,
        "rows": rows,
        "form": form,
        "may": may,
        "previous": number - 1 if number - 1 in SECTIONS else None,
        "next": number + 1 if number + 1 in SECTIONS else None,
    }
    return _page(request, "section.html", context, form=form, status=status)


def _form_page(request, pk: int, form_class, service, done: str, template: str):
    """A workflow step with a form (return with a reason, record the approval): run the
    service on POST and go back to the overview, else show the form with its errors."""
    assessment = _version(pk)
    form = form_class(request.POST or None)
    status = 200
    if request.method == "POST":
        status = run_form(request, form, service, assessment.pk)
        if status is None:
            messages.success(request, done)
            return see_other(reverse("assessments:version", args=[assessment.pk]))
    context = {"assessment": assessment, "form": form, "may": _may(request, assessment)}
    return _page(request, template, context, form=form, status=status)


@GET_POST
@readers_only
def review(request, pk: int):
    """The senior lead's page: accept the form, or return it with a reason."""
    return _form_page(
        request,
        pk,
        ReturnForm,
        services.return_to_draft,
        "Returned to the complaints officer",
        "review.html",
    )


@GET_POST
@readers_only
def approval(request, pk: int):
    return _form_page(
        request,
        pk,
        ApprovalForm,
        services.record_approval,
        "The governing body's approval is recorded",
        "approval.html",
    )


@require_GET
@readers_only
def history(request, pk: int):
    assessment = _version(pk)
    context = {"assessment": assessment, "events": selectors.history(assessment)}
    return _page(request, "history.html", context)


@require_GET
@readers_only
def changes(request, pk: int):
    assessment = _version(pk)
    context = {"assessment": assessment, "changes": selectors.changes(assessment)}
    return _page(request, "changes.html", context)


def _docx(request, assessment: Assessment) -> HttpResponse:
    data = assessment_docx(assessment, landlord(request).name)
    name = f"self-assessment-{assessment.year}-version-{assessment.version}.docx"
    return attachment(
        data, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", name
    )


@require_GET
@readers_only
def word(request, pk: int):
    return _docx(request, _version(pk))


# --- the public site --------------------------------------------------------------------


def _published(year: int) -> Assessment:
    found = selectors.published_assessment(ReportingYear(year))
    if found is None:
        raise Http404("no published self-assessment for that year")
    return found


@require_GET
def public(request, year: int):
    """The published self-assessment of a reporting year, for anyone."""
    assessment = _published(year)
    context = {"assessment": assessment, "sections": selectors.sections_of(assessment)}
    return _page(request, "public.html", context)


@require_GET
def public_word(request, year: int):
    return _docx(request, _published(year))
