"""`redress sar PERSON`: everything held about a resident, for a subject access request.

One zip: `subject-access.json` (the resident's row, representatives, reasonable
adjustments, restrictions, contacts, service requests, and each complaint with its
stages, issues, extensions, outstanding actions, correspondence, remedies and letters'
metadata, and every event about any of them), `letters/` (each issued letter's PDF as
sent) and `files/` (every uploaded file on their contacts and complaints). The export
itself is recorded as an event on the resident (who asked is not personal data here).
"""

from __future__ import annotations

import json
import zipfile
from pathlib import PurePosixPath

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q

from redress.cases.models import Complaint
from redress.intake.models import Contact, Resident, ServiceRequest
from redress.letters.models import Letter
from redress.record.errors import NotFound
from redress.record.models import Event
from redress.record.services import record_event
from redress.remedies.models import Remedy

SKIPPED = {"pdf", "html", "logo"}  # binary or duplicated in the PDF: sent as files instead


def find_person(person: str) -> Resident:
    """A resident by id, or by email (the earliest recorded, when several share it)."""
    person = (person or "").strip()
    found = (
        Resident.objects.filter(pk=int(person))
        if person.isdigit()
        else Resident.objects.filter(email__iexact=person).order_by("pk")
    )
    resident = found.first()
    if resident is None:
        raise NotFound(f"no resident {person!r}", field="person")
    return resident


def _row(instance) -> dict:
    out = {}
    for field in instance._meta.concrete_fields:
        if field.name in SKIPPED:
            continue
        value = getattr(instance, field.attname)
        out[field.name] = value.name if hasattr(value, "storage") else value
    return out


def _events(queries: list[Q]) -> list[dict]:
    condition = Q()
    for each in queries:
        condition |= each
    return [
        {**_row(e), "who": e.who} for e in Event.objects.filter(condition).order_by("occurred_at")
    ]


def subject_access(resident: Resident) -> tuple[dict, list[tuple[str, bytes]]]:
    """The export's JSON and the files to put beside it (name in the zip, content)."""
    files: list[tuple[str, bytes]] = []

    def add_file(folder: str, pk: int, field_file, name: str = "") -> str | None:
        if not field_file:
            return None
        base = PurePosixPath(name or field_file.name).name or "file"
        path = f"{folder}/{pk}-{base}"
        with field_file.open("rb") as handle:
            files.append((path, handle.read()))
        return path

    contacts = list(Contact.objects.filter(resident=resident).prefetch_related("attachments"))
    requests = list(ServiceRequest.objects.filter(resident=resident))
    complaints = list(
        Complaint.objects.filter(Q(resident=resident) | Q(contact__resident=resident)).distinct()
    )
    complaint_out = []
    for complaint in complaints:
        letters = []
        for letter in Letter.objects.filter(complaint=complaint):
            path = f"letters/{letter.pk}-{letter.kind}.pdf"
            if letter.pdf:
                files.append((path, bytes(letter.pdf)))
            letters.append({**_row(letter), "pdf_file": path if letter.pdf else None})
        complaint_out.append(
            {
                **_row(complaint),
                "stages": [_row(s) for s in complaint.stages.all()],
                "issues": [_row(i) for i in complaint.issues.all()],
                "extensions": [_row(x) for s in complaint.stages.all() for x in s.extensions.all()],
                "outstanding_actions": [_row(a) for a in complaint.outstanding_actions.all()],
                "correspondence": [
                    {**_row(c), "file_in_export": add_file("files", c.pk, c.file)}
                    for c in complaint.correspondence.all()
                ],
                "remedies": [_row(r) for r in Remedy.objects.filter(complaint=complaint)],
                "letters": letters,
            }
        )
    data = {
        "resident": _row(resident),
        "representatives": [_row(r) for r in resident.representatives.all()],
        "reasonable_adjustments": [_row(a) for a in resident.adjustments.all()],
        "restrictions": [_row(r) for r in resident.restrictions.all()],
        "contacts": [
            {
                **_row(c),
                "attachments": [
                    {**_row(a), "file_in_export": add_file("files", a.pk, a.file, a.filename)}
                    for a in c.attachments.all()
                ],
            }
            for c in contacts
        ],
        "service_requests": [_row(r) for r in requests],
        "complaints": complaint_out,
        "events": _events(
            [
                Q(subject_kind="resident", subject_id=resident.pk),
                Q(subject_kind="contact", subject_id__in=[c.pk for c in contacts]),
                Q(subject_kind="service_request", subject_id__in=[r.pk for r in requests]),
                Q(subject_kind="complaint", subject_id__in=[c.pk for c in complaints]),
            ]
        ),
    }
    return data, files


def export_subject_access(resident: Resident, out, *, actor=None) -> str:
    """Write the zip at `out`; returns a one-line summary."""
    data, files = subject_access(resident)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "subject-access.json", json.dumps(data, cls=DjangoJSONEncoder, indent=2, default=str)
        )
        for name, content in files:
            archive.writestr(name, content)
    record_event(
        "resident",
        resident.pk,
        "subject_access_exported",
        actor=actor,
        actor_label="" if actor else "command line",
        payload={"complaints": len(data["complaints"]), "files": len(files)},
    )
    return f"{len(data['complaints'])} complaints, {len(data['events'])} events, {len(files)} files"
