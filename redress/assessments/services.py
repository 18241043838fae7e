"""Writes for the self-assessment: versions, answers, and the way to publication.

One transaction per command; every change writes an event on the version (subject
"assessment"). The workflow is draft (complaints officer) → in review (senior lead) →
reviewed → approved (the governing body's date and minute reference) → published.
Answers change only while a version is a draft: once it is out of draft, the correction
is a new version, and the old one stays as it was.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from redress.code.london import london_date, long_date
from redress.code.provisions import PROVISIONS
from redress.code.tsm import ReportingYear
from redress.reading import ImportedAssessment
from redress.record.checks import not_future_date, require_text, today
from redress.record.errors import Forbidden, NotFound, Refused
from redress.record.services import record_event

from . import access
from .evidence import draft_evidence
from .models import Answer, Assessment, Comply, Stage, Trigger

SUBJECT = "assessment"
# The Code as Redress holds it (provisions 1.2 to 9.8) is statutory from 1 April 2024.
FIRST_YEAR = 2024
MAX_SHORT = 200
# What a new version carries over from the one it starts from.
COPIED = ("comply", "evidence", "commentary", "action", "action_owner", "action_due")
EDITABLE = COPIED
SHORT_OF_YES = (Comply.NO, Comply.PARTIAL)


def current_year() -> int:
    day = today()
    return day.year if day.month >= 4 else day.year - 1


def _assessment(assessment_id: int) -> Assessment:
    try:
        return Assessment.objects.select_for_update().get(pk=assessment_id)
    except Assessment.DoesNotExist:
        raise NotFound("no such self-assessment", field="assessment_id") from None


def _require(allowed, actor, who: str) -> None:
    if not allowed(actor):
        raise Forbidden(f"only {who} can do this")


def _require_stage(assessment: Assessment, stage: Stage, doing: str) -> None:
    if assessment.stage != stage:
        current = Stage(assessment.stage).label.lower()
        wanted = stage.label.lower()
        raise Refused(f"{doing} needs the stage {wanted}; it is {current}", field="stage")


def _source(year: int) -> Assessment | None:
    """The version a new one starts from: the year's latest, else the latest earlier year's
    published version, else its latest version of any stage."""
    same_year = Assessment.objects.filter(year=year).order_by("-version").first()
    if same_year is not None:
        return same_year
    earlier = Assessment.objects.filter(year__lt=year).order_by("-year", "-version")
    return earlier.filter(stage=Stage.PUBLISHED).first() or earlier.first()


def _draft(assessment: Assessment) -> dict:
    """Put Redress's drafted evidence and shortfalls for the year on every answer."""
    drafted = draft_evidence(ReportingYear(assessment.year))
    answers = list(assessment.answers.all())
    for answer in answers:
        found = drafted.get(answer.number)
        answer.drafted_evidence = found.text if found else ""
        answer.shortfall = found.shortfall if found else ""
    Answer.objects.bulk_update(answers, ["drafted_evidence", "shortfall"])
    assessment.evidence_drafted_at = timezone.now()
    assessment.save(update_fields=["evidence_drafted_at"])
    return {
        "drafted": sorted((a.number for a in answers if a.drafted_evidence), key=_order),
        "shortfalls": sorted((a.number for a in answers if a.shortfall), key=_order),
    }


def _order(number: str) -> tuple[int, ...]:
    return tuple(int(part) for part in number.split("."))


def _copied(source: Assessment | None, imported: ImportedAssessment | None) -> dict:
    """Per provision, the fields a new version starts with."""
    if imported is not None:
        return {
            p.number: {
                "comply": p.comply or "",
                "evidence": p.evidence,
                "commentary": p.commentary,
            }
            for p in imported.provisions
            if p.found
        }
    answers = source.answers.all() if source else ()
    return {a.number: {name: getattr(a, name) for name in COPIED} for a in answers}


def _imported_facts(imported: ImportedAssessment | None) -> dict:
    if imported is None:
        return {}
    return {
        "imported_from": imported.source,
        "imported_landlord": imported.landlord,
        "imported_period": imported.period,
        "import_warnings": imported.warnings,
    }


@transaction.atomic
def start_version(
    *,
    actor,
    year: int,
    trigger: str,
    trigger_note: str = "",
    imported: ImportedAssessment | None = None,
) -> Assessment:
    """A new version for the reporting year starting `year`: the annual one (8.1 a) or one a
    trigger event calls for (8.3, 8.4). Every provision has an answer from the start, copied
    from the version before, or from a published form read in (`imported`, for a landlord
    whose last self-assessment was not made in Redress), so nothing is typed twice."""
    _require(access.drafts, actor, "the complaints officer")
    if trigger not in Trigger.values:
        raise Refused("choose what calls for this self-assessment", field="trigger")
    if not FIRST_YEAR <= year <= current_year():
        raise Refused(
            f"the reporting year must be between {ReportingYear(FIRST_YEAR).label} and "
            f"{ReportingYear(current_year()).label}",
            field="year",
        )
    note = (trigger_note or "").strip()
    if trigger != Trigger.ANNUAL and not note:
        raise Refused(
            "say what happened (the restructure, merger, change or the Ombudsman's request)",
            field="trigger_note",
            rule="8.4" if trigger == Trigger.OMBUDSMAN_REQUEST else "8.3",
        )
    versions = Assessment.objects.select_for_update().filter(year=year)
    list(versions)  # lock the year's versions while the next number is chosen
    if trigger == Trigger.ANNUAL and versions.filter(trigger=Trigger.ANNUAL).exists():
        raise Refused(
            f"{ReportingYear(year).label} already has its annual self-assessment; "
            "choose the event that calls for a new one",
            field="trigger",
            rule="8.1",
        )
    unfinished = versions.exclude(stage=Stage.PUBLISHED).order_by("-version").first()
    if unfinished is not None:
        raise Refused(
            f"version {unfinished.version} for {unfinished.label} is not published yet; "
            "take it to publication first",
            field="year",
        )
    source = None if imported else _source(year)
    assessment = Assessment.objects.create(
        year=year,
        version=(versions.aggregate(last=Max("version"))["last"] or 0) + 1,
        trigger=trigger,
        trigger_note=note,
        created_by=actor,
        copied_from=source,
    )
    copied = _copied(source, imported)
    Answer.objects.bulk_create(
        Answer(assessment=assessment, number=p.number, **copied.get(p.number, {}))
        for p in PROVISIONS
    )
    drafted = _draft(assessment)
    record_event(
        SUBJECT,
        assessment.pk,
        "started",
        actor=actor,
        payload={
            "year": year,
            "version": assessment.version,
            "trigger": trigger,
            "trigger_note": note,
            "copied_from": str(source) if source else None,
            **_imported_facts(imported),
            **drafted,
        },
    )
    return assessment


@transaction.atomic
def refresh_evidence(assessment_id: int, *, actor) -> Assessment:
    """Draft the evidence again from the records as they are now (a draft only)."""
    _require(access.drafts, actor, "the complaints officer")
    assessment = _assessment(assessment_id)
    _require_stage(assessment, Stage.DRAFT, "Drafting the evidence again")
    drafted = _draft(assessment)
    record_event(SUBJECT, assessment.pk, "evidence_drafted", actor=actor, payload=drafted)
    return assessment


def _checked(answer: Answer, values: dict) -> dict:
    """The answer's new values, or a refusal naming the field (nothing written)."""
    comply = values.get("comply", answer.comply) or ""
    if comply and comply not in Comply.values:
        raise Refused("choose yes, partial or no", field="comply")
    new = {
        "comply": comply,
        "action_due": values.get("action_due", answer.action_due),
        **{
            name: (values.get(name, getattr(answer, name)) or "").strip()
            for name in ("evidence", "commentary", "action", "action_owner")
        },
    }
    if len(new["action_owner"]) > MAX_SHORT:
        raise Refused(f"the owner must be {MAX_SHORT} characters or fewer", field="action_owner")
    if comply in SHORT_OF_YES:
        short = Comply(comply).label.lower()
        if not new["action"]:
            raise Refused(f"an answer of {short} needs the action you will take", field="action")
        if not new["action_owner"]:
            raise Refused(f"an answer of {short} needs the action's owner", field="action_owner")
        if new["action_due"] is None:
            raise Refused(f"an answer of {short} needs the date it is due", field="action_due")
    return new


def _with_drafted(evidence: str, answer: Answer, label: str) -> str:
    """The evidence with Redress's drafted text added, saying where it came from."""
    if not answer.drafted_evidence or answer.drafted_evidence in evidence:
        return evidence
    drafted = f"From our complaint records for {label}: {answer.drafted_evidence}"
    return f"{evidence}\n\n{drafted}" if evidence else drafted


def _write(assessment: Assessment, answers: dict[str, dict], use_drafted: str, where) -> dict:
    """Check and write each answer that changed; {number: {field: new value}}. A refusal
    names the field through `where(number, field)`; the transaction undoes what was written."""
    rows = {a.number: a for a in assessment.answers.select_for_update()}
    changes: dict[str, dict] = {}
    for number, values in answers.items():
        answer = rows.get(number)
        if answer is None:
            raise Refused(f"there is no provision {number} on the form", field="number")
        unknown = sorted(set(values) - set(EDITABLE))
        try:
            if unknown:
                raise Refused(f"{unknown[0]} is not part of an answer", field=unknown[0])
            new = _checked(answer, values)
        except Refused as refusal:
            message, field = where(number, refusal.message, refusal.field)
            raise Refused(message, field=field, rule=refusal.rule) from None
        if number == use_drafted:
            new["evidence"] = _with_drafted(new["evidence"], answer, assessment.label)
        changed = {name: value for name, value in new.items() if getattr(answer, name) != value}
        if changed:
            for name, value in changed.items():
                setattr(answer, name, value)
            answer.save(update_fields=list(changed))
            changes[number] = {
                name: value.isoformat() if isinstance(value, dt.date) else value
                for name, value in changed.items()
            }
    return changes


def _save(assessment_id: int, actor, answers: dict[str, dict], use_drafted: str, where) -> dict:
    _require(access.drafts, actor, "the complaints officer")
    assessment = _assessment(assessment_id)
    _require_stage(assessment, Stage.DRAFT, "Changing an answer")
    changes = _write(assessment, answers, use_drafted, where)
    if changes:
        record_event(SUBJECT, assessment.pk, "answers_saved", actor=actor, payload=changes)
    return changes


@transaction.atomic
def save_answer(
    assessment_id: int, *, actor, number: str, use_drafted: bool = False, **values
) -> dict:
    """The officer's answer on one provision: any of comply, evidence, commentary, action,
    action_owner and action_due; `use_drafted` adds Redress's drafted evidence to the
    evidence. Returns what changed."""
    return _save(
        assessment_id,
        actor,
        {number: values},
        number if use_drafted else "",
        lambda number, message, field: (message, field),
    )


@transaction.atomic
def save_section(
    assessment_id: int, *, actor, answers: dict[str, dict], use_drafted: str = ""
) -> dict:
    """Several answers at once (a section of the form), all or none: a refusal names the
    provision and its field, as "6.13:action"."""
    return _save(
        assessment_id,
        actor,
        answers,
        use_drafted,
        lambda number, message, field: (f"{number}: {message}", f"{number}:{field}"),
    )


def _missing(assessment: Assessment) -> dict[str, list[str]]:
    answers = sorted(assessment.answers.all(), key=lambda a: _order(a.number))
    return {
        "unanswered": [a.number for a in answers if not a.comply],
        "no_action": [
            a.number
            for a in answers
            if a.comply in SHORT_OF_YES and not (a.action and a.action_owner and a.action_due)
        ],
        "unexplained": [
            a.number
            for a in answers
            if a.comply == Comply.YES and a.shortfall and not a.commentary.strip()
        ],
    }


@transaction.atomic
def sign_off(assessment_id: int, *, actor) -> Assessment:
    """The complaints officer hands the completed form to the senior lead. Every provision
    answered; anything short of yes has its action; a "yes" the figures contradict says
    why in the commentary."""
    _require(access.drafts, actor, "the complaints officer")
    assessment = _assessment(assessment_id)
    _require_stage(assessment, Stage.DRAFT, "Signing off")
    missing = _missing(assessment)
    if missing["unanswered"]:
        raise Refused(
            "answer every provision first; not answered: " + ", ".join(missing["unanswered"]),
            field="answers",
        )
    if missing["no_action"]:
        raise Refused(
            "give an action, owner and due date for " + ", ".join(missing["no_action"]),
            field="action",
        )
    if missing["unexplained"]:
        raise Refused(
            "the records contradict yes on "
            + ", ".join(missing["unexplained"])
            + "; explain each in the commentary or change the answer",
            field="commentary",
        )
    assessment.stage = Stage.IN_REVIEW
    assessment.signed_off_by = actor
    assessment.signed_off_at = timezone.now()
    assessment.save(update_fields=["stage", "signed_off_by", "signed_off_at"])
    record_event(SUBJECT, assessment.pk, "signed_off", actor=actor)
    return assessment


def _reviewer(assessment: Assessment, actor) -> None:
    _require(access.reviews, actor, "the senior lead")
    if assessment.signed_off_by_id == actor.pk:
        raise Forbidden("the senior lead reviews a form someone else signed off", rule="9.4")


@transaction.atomic
def accept_review(assessment_id: int, *, actor) -> Assessment:
    """The senior lead has reviewed the form; it goes to the governing body."""
    assessment = _assessment(assessment_id)
    _reviewer(assessment, actor)
    _require_stage(assessment, Stage.IN_REVIEW, "Reviewing")
    assessment.stage = Stage.REVIEWED
    assessment.reviewed_by = actor
    assessment.reviewed_at = timezone.now()
    assessment.save(update_fields=["stage", "reviewed_by", "reviewed_at"])
    record_event(SUBJECT, assessment.pk, "reviewed", actor=actor)
    return assessment


@transaction.atomic
def return_to_draft(assessment_id: int, *, actor, reason: str) -> Assessment:
    """The senior lead sends the form back to the complaints officer, saying why."""
    assessment = _assessment(assessment_id)
    _reviewer(assessment, actor)
    _require_stage(assessment, Stage.IN_REVIEW, "Returning the form")
    reason = require_text(reason, "reason", what="the reason for returning it")
    assessment.stage = Stage.DRAFT
    assessment.signed_off_by = None
    assessment.signed_off_at = None
    assessment.save(update_fields=["stage", "signed_off_by", "signed_off_at"])
    record_event(SUBJECT, assessment.pk, "returned", actor=actor, payload={"reason": reason})
    return assessment


@transaction.atomic
def record_approval(
    assessment_id: int, *, actor, approved_on: dt.date | None, minute_reference: str
) -> Assessment:
    """The governing body approved the reviewed form (8.2): when, and the minute."""
    _require(access.reviews, actor, "the senior lead")
    assessment = _assessment(assessment_id)
    _require_stage(assessment, Stage.REVIEWED, "Recording the approval")
    if approved_on is None:
        raise Refused("the date of the approval is required", field="approved_on")
    not_future_date(approved_on, "approved_on", rule="8.2")
    started = london_date(assessment.created_at)
    if approved_on < started:
        raise Refused(
            f"the approval cannot be before this version was started ({long_date(started)})",
            field="approved_on",
        )
    minute = require_text(minute_reference, "minute_reference", what="the minute reference")
    if len(minute) > MAX_SHORT:
        raise Refused(
            f"the minute reference must be {MAX_SHORT} characters or fewer",
            field="minute_reference",
        )
    assessment.stage = Stage.APPROVED
    assessment.approved_on = approved_on
    assessment.minute_reference = minute
    assessment.save(update_fields=["stage", "approved_on", "minute_reference"])
    record_event(
        SUBJECT,
        assessment.pk,
        "approved",
        actor=actor,
        payload={"approved_on": approved_on.isoformat(), "minute_reference": minute},
    )
    return assessment


@transaction.atomic
def publish(assessment_id: int, *, actor) -> Assessment:
    """The approved form goes on the public site; an earlier published version of the
    year stays in the history, and the public page shows the latest."""
    _require(access.publishes, actor, "the complaints officer or the senior lead")
    assessment = _assessment(assessment_id)
    _require_stage(assessment, Stage.APPROVED, "Publishing")
    assessment.stage = Stage.PUBLISHED
    assessment.published_at = timezone.now()
    assessment.save(update_fields=["stage", "published_at"])
    record_event(SUBJECT, assessment.pk, "published", actor=actor)
    return assessment
