"""Pages for the annual report (8.1, 8.2), the Ombudsman's publications and exceptional
notices (8.5): the staff pages that write them, and the public pages that show them.

The complaints officer or senior lead writes the analysis, publishes, and looks after
publications and notices; they, the MRC and the governing body record when the report
went to the governing body and its response. Every oversight role may read the draft.
The public sees only published revisions, current publications and published notices.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from redress.administration import deployment
from redress.code.tsm import ReportingYear
from redress.infra.routers import reads_from_replica
from redress.staff.access import role_required
from redress.staff.roles import (
    COMPLAINTS_OFFICER,
    GOVERNING_BODY,
    MRC,
    SENIOR_LEAD,
    has_any,
    sees_oversight,
)
from redress.ui.downloads import attachment
from redress.ui.govuk import error_summary, run_form, see_other

from .. import selectors
from . import exceptional, publications, services
from .data import annual_report_data, day
from .formats import DOCX_TYPE, intro_of, title_of, to_docx, to_pdf
from .forms import (
    AnalysisForm,
    NoticeForm,
    PublicationForm,
    PublishForm,
    PublishNoticeForm,
    ReportedForm,
    ResponseForm,
    WithdrawForm,
)

EDITORS = (COMPLAINTS_OFFICER, SENIOR_LEAD)
GOVERNANCE = (*EDITORS, MRC, GOVERNING_BODY)
oversight_only = role_required(sees_oversight)
editors_only = role_required(lambda user: has_any(user, EDITORS))

# form name: (form class, service, who may use it, message)
REPORT_FORMS = {
    "analysis": (AnalysisForm, services.save_analysis, EDITORS, "Analysis saved"),
    "reported": (
        ReportedForm,
        services.record_reported,
        GOVERNANCE,
        "Report to the governing body recorded",
    ),
    "response": (
        ResponseForm,
        services.record_response,
        GOVERNANCE,
        "Governing body's response recorded",
    ),
    "publish": (PublishForm, services.publish, EDITORS, "Report published"),
}


def _year_or_404(year: int) -> ReportingYear:
    if not 2000 <= year <= deployment.today().year + 1:
        raise Http404("no such reporting year")
    return ReportingYear(year)


def _years() -> list[ReportingYear]:
    current = selectors.year_of(deployment.today())
    return [ReportingYear(y) for y in selectors.years_with_complaints(current)]


# --- staff: the report ---------------------------------------------------------------


@oversight_only
@reads_from_replica
def reports(request):
    published = set(services.published_years())
    years = [{"year": y, "published": y.start_year in published} for y in _years()]
    return render(request, "oversight/annual_report/staff_list.html", {"years": years})


@require_http_methods(["GET", "POST"])
@oversight_only
@reads_from_replica
def report_year(request, year: int):
    reporting_year = _year_or_404(year)
    bound = {}
    status = 200
    if request.method == "POST":
        which = request.POST.get("form", "")
        if which not in REPORT_FORMS:
            raise Http404("no such form")
        form_class, service, allowed, done = REPORT_FORMS[which]
        if not has_any(request.user, allowed):
            raise PermissionDenied
        form = bound[which] = form_class(request.POST, prefix=which)
        status = run_form(request, form, service, year)
        if status is None:
            messages.success(request, done)
            return see_other(reverse("annual_report:staff-year", args=[year]))
    report = services.report_for(year)
    content = annual_report_data(reporting_year)
    initial = {
        "analysis": {"analysis": report.analysis} if report else {},
        "reported": {"reported_on": report.reported_on, "minute_reference": report.minute_reference}
        if report
        else {},
        "response": {"response": report.response, "response_on": report.response_on}
        if report
        else {},
        "publish": {},
    }
    forms_ = {
        name: bound.get(name) or form_class(prefix=name, initial=initial[name])
        for name, (form_class, _, _, _) in REPORT_FORMS.items()
    }
    context = {
        "year": reporting_year,
        "report": report,
        "content": content,
        "missing": services.missing_for_publication(report, content),
        "revisions": services.revisions(year),
        "forms": forms_,
        "edits": has_any(request.user, EDITORS),
        "governs": has_any(request.user, GOVERNANCE),
        "error_summary": [i for f in bound.values() for i in error_summary(f, "#main-content")],
    }
    return render(request, "oversight/annual_report/staff_year.html", context, status=status)


@oversight_only
@reads_from_replica
def preview(request, year: int):
    """The report as it would be published now, for the people who will publish it."""
    reporting_year = _year_or_404(year)
    content = annual_report_data(reporting_year)
    report = services.report_for(year)
    content["report"] = {
        "analysis": report.analysis if report else "",
        "reported_on": day(report.reported_on) if report else "",
        "minute_reference": report.minute_reference if report else "",
        "response": report.response if report else "",
        "response_on": day(report.response_on) if report else "",
    }
    context = {"content": content, "title": title_of(content), "intro": intro_of(content)}
    context["preview"] = True
    return render(request, "oversight/annual_report/public.html", context)


# --- staff: publications and notices ---------------------------------------------------


def _withdraw_target(which: str, prefix: str) -> int | None:
    number = which.removeprefix(prefix)
    return int(number) if number != which and number.isdigit() else None


@require_http_methods(["GET", "POST"])
@editors_only
def publications_page(request):
    years = [(y.start_year, y.label) for y in _years()]
    form = PublicationForm(prefix="add", years=years)
    withdraw = {}
    status = 200
    if request.method == "POST":
        which = request.POST.get("form", "")
        target = _withdraw_target(which, "withdraw-")
        if which == "add":
            form = PublicationForm(request.POST, request.FILES, prefix="add", years=years)
            status = run_form(request, form, publications.add_publication)
        elif target is not None:
            withdraw[target] = WithdrawForm(request.POST, prefix=which)
            status = run_form(request, withdraw[target], publications.withdraw_publication, target)
        else:
            raise Http404("no such form")
        if status is None:
            messages.success(request, "Publication added" if which == "add" else "Withdrawn")
            return see_other(reverse("annual_report:publications"))
    items = [
        {"item": p, "form": withdraw.get(p.pk) or WithdrawForm(prefix=f"withdraw-{p.pk}")}
        for p in publications.listed()
    ]
    summary = [i for f in (form, *withdraw.values()) for i in error_summary(f, "#main-content")]
    context = {"form": form, "items": items, "error_summary": summary}
    return render(request, "oversight/annual_report/publications.html", context, status=status)


@require_http_methods(["GET", "POST"])
@editors_only
def notices_page(request):
    form = NoticeForm(prefix="notice")
    withdraw = {}
    status = 200
    if request.method == "POST":
        which = request.POST.get("form", "")
        publish_target = _withdraw_target(which, "publish-")
        target = _withdraw_target(which, "withdraw-")
        if which == "notice":
            form = NoticeForm(request.POST, prefix="notice")
            status = run_form(request, form, exceptional.create_notice)
            done = "Notice saved as a draft"
        elif publish_target is not None:
            status = run_form(
                request, PublishNoticeForm({}), exceptional.publish_notice, publish_target
            )
            done = "Notice published"
        elif target is not None:
            withdraw[target] = WithdrawForm(request.POST, prefix=which)
            status = run_form(request, withdraw[target], exceptional.withdraw_notice, target)
            done = "Notice withdrawn"
        else:
            raise Http404("no such form")
        if status is None:
            messages.success(request, done)
            return see_other(reverse("annual_report:notices"))
    items = [
        {"notice": n, "form": withdraw.get(n.pk) or WithdrawForm(prefix=f"withdraw-{n.pk}")}
        for n in exceptional.all_notices()
    ]
    summary = [i for f in (form, *withdraw.values()) for i in error_summary(f, "#main-content")]
    context = {"form": form, "items": items, "error_summary": summary}
    return render(request, "oversight/annual_report/notices.html", context, status=status)


# --- public ------------------------------------------------------------------------------


def public_list(request):
    years = [ReportingYear(y) for y in services.published_years()]
    return render(request, "oversight/annual_report/public_list.html", {"years": years})


def _revision(year: int, number: int | None):
    found = services.revisions(year)
    if number is not None:
        found = [r for r in found if r.number == number]
    if not found:
        raise Http404("no published report for that year")
    return found[0], services.revisions(year)


def public_report(request, year: int, number: int | None = None):
    revision, history = _revision(year, number)
    content = revision.content
    context = {
        "content": content,
        "title": title_of(content),
        "intro": intro_of(content, revision),
        "revision": revision,
        "history": history,
        "latest": revision.number == history[0].number,
    }
    return render(request, "oversight/annual_report/public.html", context)


FILES = {"pdf": ("application/pdf", to_pdf), "docx": (DOCX_TYPE, to_docx)}


def public_file(request, year: int, fmt: str, number: int | None = None):
    if fmt not in FILES:
        raise Http404("no such format")
    revision, _ = _revision(year, number)
    content_type, make = FILES[fmt]
    name = f"annual-complaints-report-{year}-{year + 1}-revision-{revision.number}.{fmt}"
    return attachment(make(revision.content, revision), content_type, name)


def publication_file(request, pk: int):
    """An Ombudsman publication the landlord keeps, as a download, never shown inline."""
    found = publications.served_pdf(pk)
    if found is None:
        raise Http404("no such publication")
    response = attachment(found[1], "application/pdf", f"ombudsman-publication-{pk}.pdf")
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
