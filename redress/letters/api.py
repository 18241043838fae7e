"""API routes for letters: preview one, issue one, list those issued on a complaint; and
acknowledging and answering a stage, whose letter is their communication (`answers`).

Whether the person may open the complaint in the path is checked once, by the API's token
(redress/project/api.py), before any route runs."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Router, Schema, Status

from redress.cases.detail import ComplaintDetail
from redress.cases.models import OutstandingAction
from redress.cases.selectors import complaint_detail, get_complaint
from redress.remedies.models import Remedy
from redress.ui.schemas import Input, Money, Text, column

from . import answers, services
from .models import Letter

router = Router(tags=["letters"])


class LetterIn(Input):
    kind: str = column(Letter, "kind")
    # Words the letter quotes: kept in its facts and text.
    question: Text = ""
    update_text: Text = ""
    no_remedy: bool = False
    no_outstanding_actions: bool = False
    large_print: bool = False


class IssueLetterIn(LetterIn):
    delivery: str = column(Letter, "delivery")


class LetterOut(Schema):
    """An issued letter: what it is, how it went and to whom, who issued it and when, the
    template version it was made from and the SHA-256 of its PDF."""

    id: int
    kind: str
    stage: int
    subject: str
    delivery: str
    recipient: str
    large_print: bool
    issued_by: int | None
    issued_at: dt.datetime
    template_version: int
    sha256: str

    @staticmethod
    def resolve_issued_by(letter) -> int | None:
        return letter.issued_by_id

    @staticmethod
    def resolve_template_version(letter) -> int:
        return letter.template.version


class MissingElement(Schema):
    element: str
    rule: str | None  # the Code's provision that requires it, where there is one


class LanguageWarning(Schema):
    """Where the letter may not be plain English (`redress.code.plain_language`)."""

    code: str
    message: str


class PreviewOut(Schema):
    """The letter as it would be issued now, what it still lacks, and what to check."""

    kind: str
    subject: str
    html: str
    template_version: int
    missing: list[MissingElement]
    warnings: list[LanguageWarning]


@router.post("/complaints/{ref:reference}/letters/preview", response=PreviewOut)
def preview_letter(request, reference: str, payload: LetterIn):
    """The letter as it would be issued now: text, missing elements with provisions, warnings."""
    data = payload.model_dump()
    kind = services.letter_kind(data.pop("kind"))
    draft = services.make_draft(get_complaint(reference), kind, data)
    return {
        "kind": kind.value,
        "subject": draft.subject,
        "html": draft.html,
        "template_version": draft.template.version,
        "missing": [{"element": label, "rule": rule or None} for label, rule in draft.missing],
        "warnings": draft.warnings,
    }


@router.post("/complaints/{ref:reference}/letters", response={201: LetterOut})
def issue_letter(request, reference: str, payload: IssueLetterIn):
    """Issue a letter; refused (409, naming the element and provision) while anything is missing."""
    letter = services.issue_letter(reference, actor=request.auth, **payload.model_dump())
    return Status(201, letter)


@router.get("/complaints/{ref:reference}/letters", response=list[LetterOut])
def list_letters(request, reference: str):
    letters = Letter.objects.filter(complaint__reference=reference).select_related("template")
    return letters.defer("pdf", "html", "text", "facts")


class CommunicationIn(Input):
    """How the acknowledgement or response reaches the resident. "issue": a letter issued
    from Redress now, by `delivery`; "recorded": one sent another way, on `sent_on`, by
    `channel`, with its copy in `note` (the text sent, or the call note). A file as the
    copy is given on the case page only."""

    how: Literal["issue", "recorded"]
    delivery: Literal["email", "post"] | None = None
    sent_on: dt.date | None = None
    channel: Literal["letter", "email", "phone", "in_person", "other"] | None = None
    note: Text = ""


class AcknowledgeIn(Input):
    """The complaint definition (5.6, 5.7), as `DefinitionIn` has it, and how the
    acknowledgement reaches the resident."""

    points: list[Text]
    outcomes_sought: list[Text]
    responsible_for_all: bool = False
    responsible_for: list[Text] = []
    not_responsible_for: list[Text] = []
    communication: CommunicationIn
    large_print: bool = False


class DecisionIn(Input):
    point: Text
    decision: Literal["upheld", "partly_upheld", "not_upheld"]


class ResponseRemedyIn(Input):
    """A remedy the response offers: it becomes a Remedy row (redress/remedies)."""

    kind: str = column(Remedy, "kind")
    description: str = column(Remedy, "description")
    amount: Money | None = None
    due_on: dt.date


class ActionIn(Input):
    description: str = column(OutstandingAction, "description")
    due_on: dt.date
    update_every: int | None = None


class RespondIn(Input):
    decisions: list[DecisionIn]
    reasons: Text
    remedies: list[ResponseRemedyIn] = []
    outstanding_actions: list[ActionIn] = []
    no_remedy: bool = False
    no_outstanding_actions: bool = False
    communication: CommunicationIn
    large_print: bool = False


@router.post(
    "/complaints/{ref:reference}/acknowledge",
    response=ComplaintDetail,
    operation_id="acknowledge",
    tags=["complaints"],
)
def acknowledge(request, reference: str, payload: AcknowledgeIn):
    """Define the complaint and acknowledge it by a communication: the acknowledgement
    letter issued now, or one sent another way on `sent_on`. The stage is acknowledged on
    that day; refused (409, naming the element and provision) if the letter lacks one."""
    answers.acknowledge(reference, actor=request.auth, **payload.model_dump())
    return complaint_detail(get_complaint(reference))


@router.post(
    "/complaints/{ref:reference}/respond",
    response=ComplaintDetail,
    operation_id="respond",
    tags=["complaints"],
)
def respond(request, reference: str, payload: RespondIn):
    """Answer the stage by a communication: decisions, reasons, remedies and outstanding
    actions (rows), and the response letter issued now or one sent another way."""
    answers.respond(reference, actor=request.auth, **payload.model_dump())
    return complaint_detail(get_complaint(reference))
