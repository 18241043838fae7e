"""Letter templates (versioned, landlord-editable) and issued letters (immutable).

A template is never edited in place: saving makes a new version, and each
issued letter points at the version it was made from. An issued letter keeps
its rendered text, the facts it was made from and a SHA-256 of its content;
like the event log, it refuses to be changed or deleted.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models

from redress.code.letters import LetterKind


class LetterTemplate(models.Model):
    kind = models.CharField(max_length=20, choices=[(k.value, k.value) for k in LetterKind])
    version = models.PositiveIntegerField()
    subject = models.CharField(max_length=200)
    body = models.TextField()
    note = models.CharField(max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    previewed_with = models.CharField(max_length=40, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "version"], name="one_version_per_kind")
        ]
        ordering = ["kind", "-version"]

    def __str__(self) -> str:
        return f"{self.kind} v{self.version}"


class Immutable(models.Model):
    """Saved once; never updated or deleted (corrections are new records)."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise TypeError(f"{type(self).__name__} is immutable once saved")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError(f"{type(self).__name__} is never deleted")


class Letter(Immutable):
    class Delivery(models.TextChoices):
        EMAIL = "email"
        POST = "post", "Post (PDF printed and sent by post)"

    complaint = models.ForeignKey(
        "cases.Complaint", on_delete=models.PROTECT, related_name="letters"
    )
    kind = models.CharField(max_length=20, choices=[(k.value, k.value) for k in LetterKind])
    stage = models.PositiveSmallIntegerField()
    template = models.ForeignKey(LetterTemplate, on_delete=models.PROTECT, related_name="+")
    subject = models.CharField(max_length=250)
    html = models.TextField()
    text = models.TextField()
    pdf = models.BinaryField()
    facts = models.JSONField()
    large_print = models.BooleanField(default=False)
    delivery = models.CharField(max_length=10, choices=Delivery.choices)
    recipient = models.CharField(max_length=250)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    issued_at = models.DateTimeField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["issued_at", "id"]

    def __str__(self) -> str:
        return f"{self.kind} for {self.complaint_id} at {self.issued_at:%Y-%m-%d}"

    @staticmethod
    def digest(html: str, text: str, pdf: bytes) -> str:
        """The hash an issued letter is stored with: of everything the resident was sent."""
        sha = hashlib.sha256()
        for part in (html.encode(), text.encode(), pdf):
            sha.update(len(part).to_bytes(8, "big"))
            sha.update(part)
        return sha.hexdigest()
