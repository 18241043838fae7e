"""Events: the full record (provision 5.12), append-only.

Nothing here is updated or deleted. A mistake is put right by a new event
that `corrects` the earlier one, so the record shows both what was said and
when it was put right. Besides the ORM guards below, a database trigger
refuses UPDATE on every backend, and DELETE on PostgreSQL (migration 0008),
except the one change redaction makes (`services.redact_event_payloads`). Each
event is sealed into a hash chain (`chain`) that `redress verify-audit` checks.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone

# An event recorded more than this long after it happened shows as back-dated.
BACKDATED_AFTER = dt.timedelta(minutes=15)


class AppendOnlyError(Exception):
    """An attempt to change or delete a recorded event."""


class EventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("events are append-only; record a correcting event instead")

    def delete(self):
        raise AppendOnlyError("events are append-only; nothing in the record is deleted")

    def for_subject(self, kind: str, subject_id: int) -> EventQuerySet:
        return self.filter(subject_kind=kind, subject_id=subject_id).order_by("occurred_at", "id")


class Event(models.Model):
    class Subject(models.TextChoices):
        COMPLAINT = "complaint"
        CONTACT = "contact"
        SERVICE_REQUEST = "service_request"
        RESIDENT = "resident"
        USER = "user"
        TEAM = "team"
        CLOSURE = "closure"
        LANDLORD = "landlord"
        LETTER_TEMPLATE = "letter_template"
        LESSON = "lesson"
        REMEDY_BAND = "remedy_band"
        ASSESSMENT = "assessment"
        # The landlord's reporting as a whole: reports the MRC and governing body received.
        OVERSIGHT = "oversight"
        ANNUAL_REPORT = "annual_report"
        OMBUDSMAN_PUBLICATION = "ombudsman_publication"
        EXCEPTIONAL_NOTICE = "exceptional_notice"

    subject_kind = models.CharField(max_length=32, choices=Subject.choices)
    subject_id = models.BigIntegerField()
    action = models.CharField(max_length=64)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Who acted when there is no user: "import", "resident", "system".
    actor_label = models.CharField(max_length=150, blank=True)
    occurred_at = models.DateTimeField()
    recorded_at = models.DateTimeField(default=timezone.now)
    payload = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    corrects = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrections"
    )
    # The chain (see `chain`): set by services.append_events, never changed.
    payload_sha256 = models.CharField(max_length=64, editable=False)
    chain_hash = models.CharField(max_length=64, editable=False)
    # When personal data in the payload was replaced (retention, erasure); the hashes stay.
    redacted_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = EventQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["subject_kind", "subject_id", "occurred_at"])]
        ordering = ["occurred_at", "id"]
        # Related-object deletes go through the base manager: make it the guarded one.
        base_manager_name = "objects"

    def __str__(self) -> str:
        return f"{self.subject_kind}:{self.subject_id} {self.action} at {self.occurred_at}"

    def save(self, *args, **kwargs):
        """A new event goes into the chain like any other (services.append_events)."""
        if not self._state.adding or self.pk is not None:
            raise AppendOnlyError("events are append-only; record a correcting event instead")
        from .services import append_events

        append_events([self])

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("events are append-only; nothing in the record is deleted")

    @property
    def backdated(self) -> bool:
        return self.recorded_at - self.occurred_at > BACKDATED_AFTER

    @property
    def who(self) -> str:
        if self.actor_id:
            return self.actor.get_full_name() or self.actor.get_username()
        return self.actor_label or "system"
