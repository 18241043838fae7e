"""The landlord's cause taxonomy, root causes per upheld point, the learning log; the
category taxonomy is administered here too, though its model lives in `redress.cases`
(complaints point at it, and cases is below learning).

Nothing here is deleted: a category or cause is deactivated, a lesson moves through
its statuses, and every change is an event in `redress.record`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from redress.cases.models import Complaint, Stage
from redress.staff.models import Team


class Cause(models.Model):
    """Why an upheld point went wrong: the root-cause taxonomy."""

    name = models.CharField(max_length=100, unique=True)
    active = models.BooleanField(default=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class RootCause(models.Model):
    """The root cause of one upheld (or partly upheld) point of a responded stage."""

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="+")
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="root_causes")
    point = models.TextField()
    cause = models.ForeignKey(Cause, on_delete=models.PROTECT, related_name="root_causes")
    note = models.TextField(blank=True)
    recorded_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["stage", "point"], name="one_root_cause_per_point")
        ]

    def __str__(self) -> str:
        return f"{self.stage}: {self.cause}"


class Lesson(models.Model):
    """An entry in the learning log: what was learnt, from which complaints, and what changed."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"

    lesson = models.TextField()
    improvement = models.TextField()
    complaints = models.ManyToManyField(Complaint, related_name="+", blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    owner_team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PROPOSED)
    evidence = models.TextField(blank=True)
    identified_on = models.DateField()
    target_on = models.DateField(null=True, blank=True)
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-identified_on", "-id"]

    def __str__(self) -> str:
        return self.lesson[:60]
