"""Administrators edit letter templates: preview against a real case, then save a new version."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from redress.administration.access import administrators_only
from redress.code.letters import LetterKind
from redress.record.errors import Refused
from redress.ui.govuk import error_summary, see_other

from . import services
from .forms import KIND_LABELS, KIND_VALUES, TemplateForm
from .models import LetterTemplate


@administrators_only
def template_list(request):
    rows = [
        {
            "kind": kind.value,
            "label": KIND_LABELS[kind],
            "template": services.active_template(kind),
        }
        for kind in LetterKind
    ]
    return render(request, "letters/templates.html", {"rows": rows})


@require_http_methods(["GET", "POST"])
@administrators_only
def template_edit(request, kind: str):
    """Preview renders the edited text with a case; Save needs that exact text previewed."""
    if kind not in KIND_VALUES:
        raise Http404("no such letter")
    current = services.active_template(LetterKind(kind))
    versions = LetterTemplate.objects.filter(kind=kind).select_related("created_by")
    if request.method == "GET":
        form = TemplateForm(initial={"subject": current.subject, "body": current.body})
        return _page(request, kind, form, versions)
    form = TemplateForm(request.POST)
    draft = None
    if form.is_valid():
        data = form.cleaned_data
        try:
            if "save" in request.POST:
                template = services.save_template(
                    actor=request.user,
                    kind=kind,
                    subject=data["subject"],
                    body=data["body"],
                    reference=data["reference"],
                    previewed=data["previewed"],
                )
                messages.success(request, f"Saved version {template.version}")
                return see_other(reverse("letter-templates:edit", args=[kind]))
            draft = services.preview_template(
                kind=kind, subject=data["subject"], body=data["body"], reference=data["reference"]
            )
            form.data = form.data.copy()
            form.data["previewed"] = services.template_digest(
                kind, data["subject"], data["body"], data["reference"]
            )
        except Refused as refusal:
            field = form.field_for(refusal.field)
            form.add_error(field, refusal.message[:1].upper() + refusal.message[1:])
    status = 422 if form.errors else 200
    return _page(request, kind, form, versions, draft=draft, status=status)


def _page(request, kind, form, versions, draft=None, status=200):
    return render(
        request,
        "letters/template_edit.html",
        {
            "kind": kind,
            "label": KIND_LABELS[LetterKind(kind)],
            "form": form,
            "draft": draft,
            "versions": versions,
            "error_summary": error_summary(form, "#template-form"),
        },
        status=status,
    )
