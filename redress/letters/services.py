"""Making, checking and issuing letters; saving new versions of their templates.

A letter is made from the case's facts with the active template for its kind,
checked for the Code's required elements (`redress.code.letters`), and only
then issued: stored immutably with its hash, put on the case's record as
outgoing correspondence with an event, and emailed (by the task queue, once
the issue commits) or marked for post.

Rendering (the PDF above all) is slow, so it never runs while the complaint is locked:
a letter is made and rendered first (`render_letter`), then the complaint is locked and
the letter stored only if the facts it was made from still hold (`issue`). If they
changed in between, the issue is refused, not rendered again under the lock: the
letter the writer checked is never replaced by another one unseen, and trying again
makes it from the case as it now is.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from html import unescape

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.html import strip_tags
from django_tasks import task

from redress.administration.selectors import landlord as landlord_settings
from redress.administration.selectors import logo as landlord_logo
from redress.cases.models import Complaint, Correspondence
from redress.cases.selectors import get_complaint
from redress.cases.services import lock, note_update_sent, save_and_record
from redress.code import plain_language
from redress.code.letters import LetterKind, missing_elements
from redress.code.london import london_date
from redress.code.stages import Status
from redress.infra.mail import after_commit, failed_try, try_again
from redress.record.errors import Forbidden, NotFound, Refused
from redress.record.services import record_event
from redress.remedies.services import record_updates_sent
from redress.staff.roles import administers

from . import formats
from .defaults import DEFAULTS
from .facts import build_facts
from .models import Letter, LetterTemplate
from .sandbox import render

log = logging.getLogger(__name__)
# Tries at 0, 5, 15, 35 and 75 minutes: the letter is on the case whatever happens.
SEND_ATTEMPTS = 5
CHANGED = (
    "the case changed while the letter was being made: check the case, and issue the letter again"
)


@dataclass(frozen=True)
class Draft:
    """A letter made but not issued: what it says, what it lacks, what reads badly."""

    kind: LetterKind
    facts: dict
    template: LetterTemplate
    subject: str
    html: str
    missing: list[tuple[str, str]]
    warnings: list[plain_language.Warning]


def letter_kind(value: str) -> LetterKind:
    try:
        return LetterKind(value)
    except ValueError:
        kinds = ", ".join(k.value for k in LetterKind)
        raise Refused(f"kind must be one of: {kinds}", field="kind") from None


def active_template(kind: LetterKind) -> LetterTemplate:
    """The latest version for the kind; the shipped default becomes version 1 on first use."""
    found = LetterTemplate.objects.filter(kind=kind).order_by("-version").first()
    if found is not None:
        return found
    subject, body = DEFAULTS[kind]
    template, _ = LetterTemplate.objects.get_or_create(
        kind=kind,
        version=1,
        defaults={"subject": subject, "body": body, "note": "Shipped with Redress"},
    )
    return template


def stored_document(letter: Letter) -> formats.LetterDocument:
    """An issued letter's document, rebuilt from what was stored when it was issued."""
    facts = letter.facts
    resident = facts["resident"]
    return formats.LetterDocument(
        title=letter.subject,
        html=letter.html,
        recipient="\n".join(p for p in (resident["name"], resident["address"]) if p),
        date=facts["today"]
        + (" – sent by post" if letter.delivery == Letter.Delivery.POST else ""),
        reference=facts["reference"],
        large_print=letter.large_print,
    )


def branding() -> formats.Branding:
    landlord = landlord_settings()
    logo, logo_type = landlord_logo() or (None, "")
    return formats.Branding(
        name=landlord.name,
        brand_colour=landlord.brand.get("brand", "#1d4f6b"),
        address=landlord.address,
        logo=logo,
        logo_type=logo_type,
    )


def make_draft(
    complaint: Complaint, kind: LetterKind, letter: dict | None = None, template=None
) -> Draft:
    """The letter as it would be issued now, with anything missing and any warnings."""
    return draft_from(kind, build_facts(complaint, kind, letter), template or active_template(kind))


def draft_from(kind: LetterKind, facts: dict, template: LetterTemplate) -> Draft:
    """The letter `template` makes of `facts`: needs no complaint, nor any lock on one."""
    subject = render(template.subject, facts, field="subject")
    html = render(template.body, facts)
    jargon = landlord_settings().jargon or plain_language.DEFAULT_JARGON
    return Draft(
        kind=kind,
        facts=facts,
        template=template,
        subject=" ".join(subject.split()),
        html=html,
        missing=missing_elements(kind, facts),
        warnings=plain_language.check(unescape(strip_tags(html)), jargon),
    )


def refuse_missing(missing: list[tuple[str, str]]) -> None:
    """Refuse to issue, naming every missing element and its provision."""
    if not missing:
        return
    names = "; ".join(f"{label}{f' ({rule})' if rule else ''}" for label, rule in missing)
    raise Refused(f"the letter cannot be issued without: {names}", rule=missing[0][1] or None)


def issue_letter(reference: str, *, actor, kind: str, delivery: str, **letter_fields) -> Letter:
    """Issue a letter that has every required element; email it or mark it for post.

    An acknowledgement or a response is itself what acknowledges or answers a stage: while
    the stage is not yet acknowledged (answered), its letter goes out only with that step
    (`redress.letters.answers`), never as a letter on its own that the record would not
    count. Once it is, the letter may be issued again (a copy, another way of sending).
    That only ever becomes true, so it is checked before rendering, on the case as read.

    The letter is rendered before the complaint is locked; `_store` locks it and issues."""
    kind = letter_kind(kind)
    complaint = get_complaint(reference)
    _not_before_the_step(complaint, kind)
    rendered = render_letter(complaint, kind, delivery, letter_fields)
    return _store(reference, actor=actor, rendered=rendered)


@transaction.atomic
def _store(reference: str, *, actor, rendered: Rendered) -> Letter:
    letter, _ = issue(lock(reference), rendered=rendered, actor=actor)
    return letter


STEPS = {
    LetterKind.ACKNOWLEDGEMENT: ("acknowledged_on", "Acknowledge"),
    LetterKind.STAGE_RESPONSE: ("responded_on", "Respond"),
}


def _not_before_the_step(complaint: Complaint, kind: LetterKind) -> None:
    if kind not in STEPS:
        return
    dated, step = STEPS[kind]
    stages = complaint.stages.filter(**{f"{dated}__isnull": False})
    if kind == LetterKind.ACKNOWLEDGEMENT:
        # It speaks for the stage the complaint is at (`facts.letter_stage`).
        stages = stages.filter(number=Status(complaint.status).stage or 1)
    if not stages.exists():
        raise Refused(
            f"this letter is issued by the case's {step} step, which records it: use "
            f"{step} on the case page",
            field="kind",
        )


@dataclass(frozen=True)
class Rendered:
    """A letter made and rendered in the formats it is stored in, ready to issue."""

    draft: Draft
    delivery: str
    fields: dict
    text: str
    pdf: bytes
    recipient: str  # the name and address the document is written to


def render_letter(complaint: Complaint, kind: LetterKind, delivery: str, fields: dict) -> Rendered:
    """Make `kind` from the case as it is and render it: call with no row locked."""
    if delivery not in Letter.Delivery.values:
        raise Refused("delivery is email or post", field="delivery")
    return render_draft(make_draft(complaint, kind, fields), delivery, fields)


def render_draft(draft: Draft, delivery: str, fields: dict) -> Rendered:
    """The PDF and text of a draft with every required element (the slow part of issuing).
    `delivery` is checked by the caller (`render_letter`, `answers.communication_from`)."""
    refuse_missing(draft.missing)
    unsaved = Letter(
        kind=draft.kind,
        delivery=delivery,
        subject=draft.subject,
        html=draft.html,
        facts=draft.facts,
        large_print=draft.facts["large_print"],
    )
    document = stored_document(unsaved)
    brand = branding()
    return Rendered(
        draft=draft,
        delivery=delivery,
        fields=fields,
        text=formats.to_text(document, brand),
        pdf=formats.to_pdf(document, brand),
        recipient=document.recipient,
    )


def issue(
    complaint: Complaint, *, rendered: Rendered, actor, now=None
) -> tuple[Letter, Correspondence]:
    """Issue the `rendered` letter on the locked complaint, sent `now`: the letter, and the
    outgoing correspondence that is its place on the record. Refused if the facts it was
    made from, or its template's version, are no longer the case's. The caller holds the
    transaction."""
    draft, delivery = rendered.draft, rendered.delivery
    kind = draft.kind
    template = active_template(kind)
    facts = build_facts(complaint, kind, rendered.fields)
    if facts != draft.facts or template.version != draft.template.version:
        raise Refused(CHANGED)
    email = _recipient_email(complaint)
    if delivery == Letter.Delivery.EMAIL and not email:
        raise Refused("the resident and representative have no email address", field="delivery")
    now = now or timezone.now()
    letter = Letter.objects.create(
        complaint=complaint,
        kind=kind,
        stage=draft.facts["stage"],
        template=template,
        subject=draft.subject,
        html=draft.html,
        text=rendered.text,
        pdf=rendered.pdf,
        facts=draft.facts,
        large_print=draft.facts["large_print"],
        delivery=delivery,
        recipient=email if delivery == Letter.Delivery.EMAIL else rendered.recipient[:250],
        issued_by=actor,
        issued_at=now,
        sha256=Letter.digest(draft.html, rendered.text, rendered.pdf),
    )
    item = Correspondence.objects.create(
        complaint=complaint,
        kind=Correspondence.Kind.EMAIL
        if delivery == Letter.Delivery.EMAIL
        else Correspondence.Kind.LETTER,
        direction=Correspondence.Direction.OUTGOING,
        title=draft.subject,
        body=rendered.text,
        occurred_at=now,
    )
    note_update_sent(complaint, london_date(now))
    save_and_record(
        complaint,
        "letter_issued",
        actor=actor,
        occurred_at=now,
        payload={
            "letter": letter.pk,
            "kind": kind.value,
            "stage": letter.stage,
            "delivery": delivery,
            "title": draft.subject,
            "correspondence": item.pk,
            "sha256": letter.sha256,
            "template_version": template.version,
        },
    )
    if kind in (LetterKind.REMEDY_OFFER, LetterKind.ACTION_UPDATE):
        record_updates_sent(
            complaint,
            remedies=kind == LetterKind.REMEDY_OFFER,
            actions=kind == LetterKind.ACTION_UPDATE,
            on=london_date(now),
        )
    if delivery == Letter.Delivery.EMAIL:
        after_commit(send_letter, letter.pk)
    return letter, item


def _recipient_email(complaint: Complaint) -> str:
    if complaint.representative and complaint.representative.email:
        return complaint.representative.email
    return complaint.resident.email if complaint.resident else ""


@task()
def send_letter(letter_id: int, attempt: int = 1) -> str:
    """Email an issued letter (its text and the PDF), from the task queue. Each failed try
    is recorded on the complaint, with when the next is due (none after the last)."""
    letter = Letter.objects.select_related("complaint").get(pk=letter_id)
    message = EmailMultiAlternatives(
        subject=letter.subject,
        body=letter.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[letter.recipient],
    )
    name = f"{letter.complaint.reference}-{letter.kind}.pdf"
    message.attach(name, bytes(letter.pdf), "application/pdf")
    try:
        message.send()
    except Exception as error:  # any backend failure: the record says so
        retry_at = try_again(send_letter, attempt, SEND_ATTEMPTS, letter.pk)
        log.warning("letter %s was not emailed (try %d): %s", letter.pk, attempt, error)
        record_event(
            "complaint",
            letter.complaint_id,
            "letter_not_delivered",
            actor_label="mail",
            payload={"letter": letter.pk, **failed_try(error, attempt, retry_at)},
        )
        return "will try again" if retry_at else "not sent"
    record_event(
        "complaint",
        letter.complaint_id,
        "letter_delivered",
        actor_label="mail",
        payload={"letter": letter.pk, "to": letter.recipient, "attempt": attempt},
    )
    return "sent"


def template_digest(kind: str, subject: str, body: str, reference: str) -> str:
    """Ties a save to the preview that came before it: change anything, preview again."""
    content = "\x1f".join((kind, subject, body, reference)).encode()
    return hashlib.sha256(content).hexdigest()


def preview_template(*, kind: str, subject: str, body: str, reference: str) -> Draft:
    """Render an edited template against a real case, as the administrator will see it."""
    kind = letter_kind(kind)
    complaint = Complaint.objects.filter(reference=reference.strip()).first()
    if complaint is None:
        raise NotFound("preview against an existing complaint's reference", field="reference")
    unsaved = LetterTemplate(kind=kind, version=0, subject=subject, body=body)
    return make_draft(complaint, kind, {}, template=unsaved)


@transaction.atomic
def save_template(
    *, actor, kind: str, subject: str, body: str, reference: str, previewed: str
) -> LetterTemplate:
    """A new version of a kind's template, after a preview of exactly this text (administrators)."""
    if not administers(actor):
        raise Forbidden("letter templates are changed by administrators")
    kind = letter_kind(kind)
    if not subject.strip():
        raise Refused("enter the subject", field="subject")
    if not body.strip():
        raise Refused("enter the letter", field="body")
    if previewed != template_digest(kind, subject, body, reference):
        raise Refused("preview the changed template against a case before saving", field="body")
    preview_template(kind=kind, subject=subject, body=body, reference=reference)
    active_template(kind)  # the shipped default stays as version 1
    latest = LetterTemplate.objects.filter(kind=kind).aggregate(v=Max("version"))["v"] or 0
    template = LetterTemplate.objects.create(
        kind=kind,
        version=latest + 1,
        subject=subject,
        body=body,
        created_by=actor,
        previewed_with=reference,
    )
    record_event(
        "letter_template",
        template.pk,
        "template_saved",
        actor=actor,
        payload={"kind": kind.value, "version": template.version, "previewed_with": reference},
    )
    return template
