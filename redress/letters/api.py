"""API routes for letters: preview one, issue one, list those issued on a complaint.

Whether the person may open the complaint in the path is checked once, by the API's token
(redress/project/api.py), before any route runs."""

from __future__ import annotations

from ninja import Router, Status

from redress.cases.selectors import get_complaint
from redress.project.schemas import Input, Text, column

from . import services
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


def _summary(letter: Letter) -> dict:
    return {
        "id": letter.pk,
        "kind": letter.kind,
        "stage": letter.stage,
        "subject": letter.subject,
        "delivery": letter.delivery,
        "recipient": letter.recipient,
        "large_print": letter.large_print,
        "issued_by": letter.issued_by_id,
        "issued_at": letter.issued_at,
        "template_version": letter.template.version,
        "sha256": letter.sha256,
    }


@router.post("/complaints/{ref:reference}/letters/preview", response=dict)
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
        "warnings": [{"code": w.code, "message": w.message} for w in draft.warnings],
    }


@router.post("/complaints/{ref:reference}/letters", response={201: dict})
def issue_letter(request, reference: str, payload: IssueLetterIn):
    """Issue a letter; refused (409, naming the element and provision) while anything is missing."""
    letter = services.issue_letter(reference, actor=request.auth, **payload.model_dump())
    return Status(201, _summary(letter))


@router.get("/complaints/{ref:reference}/letters", response=list[dict])
def list_letters(request, reference: str):
    letters = Letter.objects.filter(complaint__reference=reference).select_related("template")
    return [_summary(letter) for letter in letters.defer("pdf", "html", "text", "facts")]
