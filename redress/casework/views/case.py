"""The staff case page: everything about one complaint, and the actions it allows now.

Each action is a plain HTML form posting to `run_command`, so the page works
without JavaScript. A refusal re-renders the page with the GOV.UK error
summary and the person's input kept; a success redirects (303) back here so
a refresh never repeats a command.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from redress.administration import deployment
from redress.cases import services
from redress.cases.access import casework_only, complaint_for_page
from redress.cases.detail import ComplaintDetail, StageDetail
from redress.cases.models import Correspondence
from redress.cases.selectors import complaint_detail
from redress.cases.words import BREACH_LABELS, STATUS_WORDS
from redress.casework import forms
from redress.casework.views.putting_right import putting_right
from redress.casework.views.timeline import case_record
from redress.code.letters import LetterKind
from redress.code.stages import Command, Status, TransitionRefused, next_status
from redress.letters import answers
from redress.letters.selectors import issued_letters
from redress.record.errors import Refused
from redress.remedies.selectors import remedies_by_stage
from redress.staff.roles import assigns_cases
from redress.ui.govuk import error_summary, refusal_text, refuse_on_form, see_other


@dataclass(frozen=True)
class Action:
    form: type[forms.CommandForm]
    service: Callable
    done: str


# Command name → the form that reads it, the service that does it, what to say after.
ACTIONS: dict[str, Action] = {
    "accept": Action(forms.AcceptForm, services.accept, "Accepted"),
    "refuse": Action(forms.RefuseForm, services.refuse, "Refused"),
    "acknowledge": Action(forms.AcknowledgeForm, answers.acknowledge, "Acknowledged"),
    "request_clarification": Action(
        forms.RequestClarificationForm, services.request_clarification, "Question recorded"
    ),
    "add_issue": Action(forms.AddIssueForm, services.add_issue, "Issue added"),
    "extend": Action(forms.ExtendForm, services.extend, "Extended"),
    "agree_update_interval": Action(
        forms.AgreeUpdateIntervalForm, services.agree_update_interval, "Update interval agreed"
    ),
    "record_conflict": Action(
        forms.RecordConflictForm, services.record_conflict, "Conflict of interest recorded"
    ),
    "respond": Action(forms.RespondForm, answers.respond, "Response sent"),
    "escalate": Action(forms.EscalateForm, services.escalate, "Escalated to stage 2"),
    "close": Action(forms.CloseForm, services.close, "Closed"),
    "attach": Action(forms.AttachForm, services.attach, "Correspondence added"),
    "assign": Action(forms.AssignForm, services.assign, "Handler assigned"),
    "set_category": Action(forms.SetCategoryForm, services.set_category, "Category changed"),
    "amend_definition": Action(
        forms.AmendDefinitionForm, services.amend_definition, "Complaint definition amended"
    ),
}

# How a communication reached the resident, by its kind (`Correspondence.Kind`).
SENT_WORDS = {
    Correspondence.Kind.LETTER: "by letter",
    Correspondence.Kind.EMAIL: "by email",
    Correspondence.Kind.CALL_NOTE: "by phone call",
    Correspondence.Kind.IN_PERSON: "in person",
}


def days_left_words(days: int | None, *, passed: bool = False) -> str:
    """`passed`: the due date is before today. On a day that is not a working day, a
    date due the working day before is 0 working days away, yet it is not due today:
    it is overdue (by no whole working day yet)."""
    if days is None:
        return ""
    if days == 0:
        return "Overdue" if passed else "Due today"
    if days < 0:
        return f"Overdue by {-days} working day{'s' if days != -1 else ''}"
    return f"{days} working day{'s' if days != 1 else ''} left"


def _in_hand(complaint, stage: StageDetail) -> bool:
    return stage.number == complaint.current_stage and not stage.responded_on


def _passed(due, today) -> bool:
    return due is not None and due < today


def offered(detail: ComplaintDetail, user) -> list[str]:
    """The actions the case allows now: the state machine's, plus assign while open
    for the complaints officer (4.1)."""
    commands = [c for c in detail.allowed_commands if c in ACTIONS]
    may_assign = Status(detail.status).is_open and assigns_cases(user)
    return commands + (["assign"] if may_assign else [])


def not_allowed_text(complaint, detail: ComplaintDetail, command: str, user) -> str:
    status = Status(detail.status)
    if command == "assign" and not assigns_cases(user):
        return "Only the complaints officer assigns complaints (Code provision 4.1)"
    if command == "assign":
        return f"A {status.value} complaint has no handler to assign"
    try:
        next_status(status, Command(command), deployment.regime(complaint.regime))
    except TransitionRefused as refusal:
        return refusal_text(Refused(str(refusal), rule=refusal.rule))
    return f"You cannot {command.replace('_', ' ')} this complaint now"  # pragma: no cover


def _sent(item: Correspondence | None) -> str:
    """How the stage's acknowledgement or response reached the resident, and what it was."""
    if item is None:
        return ""
    return f"{SENT_WORDS.get(item.kind, 'another way')}: {item.title}"


def _stages(complaint, detail: ComplaintDetail, names: dict) -> list[dict]:
    """Each stage as the page shows it: its detail, with words for its dates and people."""
    sent = Correspondence.objects.in_bulk(
        [pk for s in detail.stages for pk in (s.acknowledgement_sent, s.response_sent) if pk]
    )
    remedies = remedies_by_stage(complaint)
    today = deployment.today()
    return [
        {
            **asdict(stage),
            "acknowledgement_words": _sent(sent.get(stage.acknowledgement_sent)),
            "response_words": _sent(sent.get(stage.response_sent)),
            "remedies": remedies.get(stage.number, []),
            "outstanding_actions": [
                a for a in detail.outstanding_actions if a.stage == stage.number
            ],
            "acknowledge_words": days_left_words(
                stage.acknowledge_working_days_left,
                passed=_passed(stage.acknowledge_by, today),
            ),
            "respond_words": days_left_words(
                stage.respond_working_days_left, passed=_passed(stage.respond_by, today)
            ),
            # A stage records its handler when it is acknowledged; until then the stage
            # in hand is the complaint's handler's ("Not assigned" beside a named handler
            # was a false statement).
            "handler_label": names.get(stage.handler)
            or stage.handler_name
            or (names.get(detail.handler) if _in_hand(complaint, stage) else None),
            "extensions": [
                {**asdict(e), "approver": names.get(e.approved_by)} for e in stage.extensions
            ],
        }
        for stage in detail.stages
    ]


def _names(detail: ComplaintDetail) -> dict[int, str]:
    ids = {detail.handler} | {s.handler for s in detail.stages}
    ids |= {e.approved_by for s in detail.stages for e in s.extensions}
    users = get_user_model().objects.in_bulk([i for i in ids if i])
    return {pk: u.get_full_name() or u.get_username() for pk, u in users.items()}


def render_case(
    request,
    complaint,
    *,
    failed=None,
    page_errors: list[dict] | None = None,
    status: int = 200,
    putting_right_failed=None,
    draft=None,
):
    """The page, with `failed` (a bound form that was refused, or previewed) open and its
    errors shown, and the `draft` letter a preview made; `putting_right_failed` is a
    refused remedy or action form (`redress.casework.views.remedies`)."""
    detail = complaint_detail(complaint)
    names = _names(detail)
    letters = issued_letters(complaint)
    timeline, correspondence = case_record(complaint)
    actions = []
    for command in offered(detail, request.user):
        if failed is not None and failed.prefix == command:
            form = failed
        else:
            form = ACTIONS[command].form(detail=detail, prefix=command)
        actions.append(
            {
                "command": command,
                "form": form,
                "open": form is failed,
                "draft": draft if form is failed else None,
            }
        )
    context = {
        "complaint": complaint,
        "detail": detail,
        "status_words": STATUS_WORDS.get(detail.status, detail.status),
        "next_words": days_left_words(
            detail.working_days_left,
            passed=_passed(detail.next_due, deployment.today()),
        ),
        "handler_name": names.get(detail.handler),
        "breaches": [(p, BREACH_LABELS.get(p, "")) for p in detail.breaches],
        "stages": _stages(complaint, detail, names),
        "events": timeline,
        "correspondence": correspondence,
        "actions": actions,
        "letters": letters,
        # Refused: the resident is told why in writing, with the Ombudsman's details (2.4).
        "refusal_letter_due": detail.status == Status.REFUSED
        and not any(item["letter"].kind == LetterKind.REFUSAL for item in letters),
        "putting_right": putting_right(complaint, putting_right_failed),
        "error_summary": [
            *(page_errors or []),
            *error_summary(failed, f"#action-{failed.prefix}" if failed else ""),
        ],
    }
    return render(request, "cases/case.html", context, status=status)


@require_GET
@casework_only
def case_page(request, reference: str):
    """Show the case to staff; everything on it comes from `complaint_detail`."""
    return render_case(request, complaint_for_page(request.user, reference))


@require_POST
@casework_only
def run_command(request, reference: str, command: str):
    """Check the form, run the service as the signed-in person, and say what happened."""
    action = ACTIONS.get(command)
    if action is None:
        raise Http404("no such action")
    complaint = complaint_for_page(request.user, reference)
    detail = complaint_detail(complaint)
    if command not in offered(detail, request.user):
        error = {
            "href": "#actions",
            "text": not_allowed_text(complaint, detail, command, request.user),
        }
        return render_case(request, complaint, page_errors=[error], status=409)
    form = action.form(request.POST, request.FILES, detail=detail, prefix=command)
    preview = getattr(form, "preview", False) and "preview" in request.POST
    if preview:
        form.fields["how"].required = False  # the letter is the same whichever way it goes
    if not form.is_valid():
        return render_case(request, complaint, failed=form, status=422)
    extra = {"preview": True} if preview else {}
    try:
        done = action.service(complaint.reference, actor=request.user, **form.arguments(), **extra)
    except Refused as refusal:
        # 422 for a field the person filled in, 409 for the case's state, 403 for their role.
        status = refuse_on_form(form, refusal)
        return render_case(
            request, complaint_for_page(request.user, reference), failed=form, status=status
        )
    if preview:
        return render_case(request, complaint, failed=form, draft=done)
    messages.success(request, action.done)
    return see_other(reverse("cases:case", args=[complaint.reference]))
