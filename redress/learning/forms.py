"""Learning forms: they check the shape of input; the services check the rules."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model

from redress.staff.models import Team
from redress.staff.roles import CASEWORK
from redress.ui.fields import GovukDateField, lines, radios, tag, text
from redress.ui.govuk import GovukForm

from .models import Lesson
from .selectors import causes

NO_PERSONAL_DETAILS = "Do not include names or references: reports show this to residents' panels."


class CategoryForm(GovukForm):
    name = text("Category name", long=False)


class RootCauseForm(GovukForm):
    cause = radios("Root cause", (), error="Choose the root cause")
    note = text("Note (optional)", required=False, hint=NO_PERSONAL_DETAILS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cause"].choices = [(str(c.pk), c.name) for c in causes()]

    def arguments(self) -> dict:
        return {"cause_id": int(self.cleaned_data["cause"]), "note": self.cleaned_data["note"]}


def owner_choices() -> list[tuple[str, str]]:
    people = (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=CASEWORK)
        .distinct()
        .order_by("first_name", "username")
    )
    return (
        [("", "No owner yet")]
        + [(f"team:{t.pk}", f"Team: {t.name}") for t in Team.objects.order_by("name")]
        + [(f"user:{u.pk}", u.get_full_name() or u.get_username()) for u in people]
    )


class LessonForm(GovukForm):
    refused_fields = {"references": "references"}

    lesson = text("Lesson", hint=NO_PERSONAL_DETAILS)
    improvement = text("Service improvement", hint="What will change, and for whom.")
    references = lines(
        "Complaints behind it",
        required=False,
        hint="Complaint references, one a line, like CMP-2026-0001.",
    )
    owner = tag(forms.ChoiceField(label="Owner", required=False), "select")
    status = radios("Status", Lesson.Status.choices, error="Choose a status")
    evidence = text("Evidence", required=False, hint="What shows the improvement has been made.")
    target_on = GovukDateField(label="Target date (optional)", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = owner_choices()

    @classmethod
    def initial_for(cls, lesson: Lesson, references: list[str]) -> dict:
        owner = (
            f"user:{lesson.owner_id}"
            if lesson.owner_id
            else (f"team:{lesson.owner_team_id}" if lesson.owner_team_id else "")
        )
        return {
            "lesson": lesson.lesson,
            "improvement": lesson.improvement,
            "references": "\n".join(references),
            "owner": owner,
            "status": lesson.status,
            "evidence": lesson.evidence,
            "target_on": (
                [lesson.target_on.day, lesson.target_on.month, lesson.target_on.year]
                if lesson.target_on
                else None
            ),
        }
