"""Writes for learning: the category taxonomy, root causes and the learning log.

One transaction per command; every change writes an event. Taxonomy changes are the
landlord's configuration (subject "landlord", as its settings are), a root cause is part
of the complaint's record, and each lesson has its own.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from redress.cases.access import require_visible, visible_complaints
from redress.cases.models import Category, Complaint, Stage
from redress.record.checks import require_text, today
from redress.record.errors import NotFound, Refused
from redress.record.services import record_event
from redress.staff.models import Team

from .models import Cause, Lesson, RootCause
from .selectors import upheld_points

# The landlord's configuration has one subject id, as in redress.administration.
TAXONOMY_SUBJECT = 1
MAX_NAME = 100


def _category_name(name: str, *, exclude: int | None = None) -> str:
    name = require_text(name, "name", what="the category's name")
    if len(name) > MAX_NAME:
        raise Refused(f"the name must be {MAX_NAME} characters or fewer", field="name")
    clash = Category.objects.filter(name__iexact=name).exclude(pk=exclude)
    if clash.exists():
        raise Refused(f"there is already a category called {clash[0].name}", field="name")
    return name


def _category(category_id: int) -> Category:
    try:
        return Category.objects.select_for_update().get(pk=category_id)
    except Category.DoesNotExist:
        raise NotFound("no such category", field="category_id") from None


@transaction.atomic
def add_category(*, actor, name: str) -> Category:
    name = _category_name(name)
    last = Category.objects.order_by("-position").values_list("position", flat=True).first()
    category = Category.objects.create(name=name, position=(last or 0) + 1)
    record_event(
        "landlord", TAXONOMY_SUBJECT, "category_added", actor=actor, payload={"name": name}
    )
    return category


@transaction.atomic
def rename_category(category_id: int, *, actor, name: str) -> Category:
    """A new name for a category, and so for the complaints filed under it (they point at
    it; the event keeps the old name and how many complaints it relabelled)."""
    category = _category(category_id)
    name = _category_name(name, exclude=category.pk)
    old = category.name
    if name == old:
        return category
    relabelled = category.complaints.count()
    category.name = name
    category.save(update_fields=["name"])
    record_event(
        "landlord",
        TAXONOMY_SUBJECT,
        "category_renamed",
        actor=actor,
        payload={"from": old, "to": name, "complaints_relabelled": relabelled},
    )
    return category


@transaction.atomic
def set_category_active(category_id: int, *, actor, active: bool) -> Category:
    """Deactivate (or bring back) a category; a category is never deleted, so the figures
    for complaints already filed under it stay. Bringing back an imported one makes it
    one of the landlord's (named in the figures from then on)."""
    category = _category(category_id)
    if category.active != active:
        category.active = active
        category.imported = category.imported and not active
        category.save(update_fields=["active", "imported"])
        record_event(
            "landlord",
            TAXONOMY_SUBJECT,
            "category_reactivated" if active else "category_deactivated",
            actor=actor,
            payload={"name": category.name},
        )
    return category


@transaction.atomic
def record_root_cause(
    reference: str, *, actor, stage_number: int, point: str, cause_id: int, note: str = ""
) -> RootCause:
    """The root cause of one upheld or partly upheld point of a responded stage (9.x)."""
    require_visible(actor, reference)
    complaint = Complaint.objects.select_for_update().get(reference=reference)
    stage = Stage.objects.filter(complaint=complaint, number=stage_number).first()
    if stage is None or stage.responded_on is None:
        raise Refused(
            "root causes are recorded once the stage has been responded to", field="stage"
        )
    if point not in upheld_points(stage):
        raise Refused("root causes are for upheld or partly upheld points only", field="point")
    cause = Cause.objects.filter(pk=cause_id, active=True).first()
    if cause is None:
        raise Refused("choose a cause from the list", field="cause")
    found, created = RootCause.objects.update_or_create(
        stage=stage,
        point=point,
        defaults={
            "complaint": complaint,
            "cause": cause,
            "note": note.strip(),
            "recorded_at": timezone.now(),
        },
    )
    record_event(
        "complaint",
        complaint.pk,
        "root_cause_recorded" if created else "root_cause_changed",
        actor=actor,
        payload={"stage": stage.number, "point": point, "cause": cause.name, "note": found.note},
    )
    return found


# --- the learning log -----------------------------------------------------------------


def _complaints(actor, references: list[str]) -> list[Complaint]:
    """The complaints named, in one query; the first one this person may not open is refused."""
    found = list(visible_complaints(actor).filter(reference__in=references))
    known = {c.reference for c in found}
    for reference in references:
        if reference not in known:
            raise Refused(f"no complaint with reference {reference}", field="references")
    return found


def _owner(owner: str) -> dict:
    """'user:<id>' or 'team:<id>' (or blank) as the lesson's owner fields."""
    kind, _, pk = (owner or "").partition(":")
    if not owner:
        return {"owner": None, "owner_team": None}
    if kind == "user" and pk.isdigit():
        user = get_user_model().objects.filter(pk=int(pk), is_active=True).first()
        if user:
            return {"owner": user, "owner_team": None}
    if kind == "team" and pk.isdigit():
        team = Team.objects.filter(pk=int(pk)).first()
        if team:
            return {"owner": None, "owner_team": team}
    raise Refused("choose the owner from the list", field="owner")


def _fields(actor, *, lesson, improvement, references, owner, status, evidence, target_on):
    if status not in Lesson.Status.values:
        raise Refused("choose a status", field="status")
    if status == Lesson.Status.DONE and not (evidence or "").strip():
        raise Refused("give the evidence that the improvement is done", field="evidence")
    return {
        "lesson": require_text(lesson, "lesson", what="the lesson"),
        "improvement": require_text(improvement, "improvement", what="the service improvement"),
        "status": status,
        "evidence": (evidence or "").strip(),
        "target_on": target_on,
        **_owner(owner),
    }, _complaints(actor, references)


def _payload(lesson: Lesson, complaints: list[Complaint]) -> dict:
    return {
        "lesson": lesson.lesson,
        "improvement": lesson.improvement,
        "status": lesson.status,
        "evidence": lesson.evidence,
        "owner": lesson.owner_id,
        "owner_team": lesson.owner_team_id,
        "target_on": lesson.target_on,
        "done_on": lesson.done_on,
        "complaints": sorted(c.reference for c in complaints),
    }


@transaction.atomic
def create_lesson(*, actor, references: list[str], target_on: dt.date | None = None, **given):
    fields, complaints = _fields(actor, references=references, target_on=target_on, **given)
    done = today() if fields["status"] == Lesson.Status.DONE else None
    lesson = Lesson.objects.create(identified_on=today(), done_on=done, **fields)
    lesson.complaints.set(complaints)
    record_event(
        "lesson", lesson.pk, "lesson_recorded", actor=actor, payload=_payload(lesson, complaints)
    )
    return lesson


@transaction.atomic
def update_lesson(lesson_id: int, *, actor, references: list[str], target_on=None, **given):
    try:
        lesson = Lesson.objects.select_for_update().get(pk=lesson_id)
    except Lesson.DoesNotExist:
        raise NotFound("no such lesson", field="lesson_id") from None
    # Complaints behind the lesson that this person may not open stay behind it.
    behind = lesson.complaints.all()
    may_open = set(visible_complaints(actor, behind).values_list("pk", flat=True))
    hidden = [c for c in behind if c.reference not in references and c.pk not in may_open]
    fields, complaints = _fields(actor, references=references, target_on=target_on, **given)
    complaints += hidden
    if fields["status"] == Lesson.Status.DONE and lesson.status != Lesson.Status.DONE:
        lesson.done_on = today()
    elif fields["status"] != Lesson.Status.DONE:
        lesson.done_on = None
    for name, value in fields.items():
        setattr(lesson, name, value)
    lesson.save()
    lesson.complaints.set(complaints)
    record_event(
        "lesson", lesson.pk, "lesson_updated", actor=actor, payload=_payload(lesson, complaints)
    )
    return lesson
