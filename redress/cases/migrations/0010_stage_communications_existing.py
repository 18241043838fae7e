"""Existing data for stages acknowledged and answered by a communication (0009).

A migration of its own, after the schema one: on PostgreSQL the foreign keys' indexes are
made at the end of the migration that adds them, and an index cannot be made on a table
with the pending trigger events these updates leave.

Existing data: a dated stage is linked to the Correspondence of the first acknowledgement
(stage response) letter issued for that stage, where Redress issued one (found from the
`letter_issued` events, which name it); the rest get an outgoing Correspondence of kind
"other", dated as the stage, titled "... recorded before Redress kept a copy". The
stages' dates are left as they were recorded. Remedies and outstanding actions held only
in a stage's response JSON become rows (the respond command made rows for nearly all of
them already), and the JSON keeps just the decisions and reasons.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.db import migrations

LONDON = ZoneInfo("Europe/London")
STEPS = (
    ("acknowledged_on", "acknowledgement_sent", "acknowledgement", "acknowledgement"),
    ("responded_on", "response_sent", "stage_response", "response"),
)


def _issued(Event) -> dict:
    """(complaint id, letter kind, stage) -> the Correspondence id of its first letter."""
    found = {}
    events = Event.objects.filter(subject_kind="complaint", action="letter_issued").order_by("id")
    for subject_id, payload in events.values_list("subject_id", "payload").iterator():
        key = (subject_id, payload.get("kind"), payload.get("stage"))
        if payload.get("correspondence") and key not in found:
            found[key] = payload["correspondence"]
    return found


def link_communications(apps, schema_editor):
    Stage = apps.get_model("cases", "Stage")
    Correspondence = apps.get_model("cases", "Correspondence")
    Event = apps.get_model("record", "Event")
    issued = _issued(Event)
    existing = set(Correspondence.objects.filter(pk__in=issued.values()).values_list("pk", flat=True))
    for dated, link, kind, words in STEPS:
        stages = Stage.objects.filter(**{f"{dated}__isnull": False, f"{link}__isnull": True})
        for stage in stages.iterator():
            item = issued.get((stage.complaint_id, kind, stage.number))
            if item not in existing:
                day = getattr(stage, dated)
                item = Correspondence.objects.create(
                    complaint_id=stage.complaint_id,
                    kind="other",
                    direction="outgoing",
                    title=f"Stage {stage.number} {words}, recorded before Redress kept a copy",
                    occurred_at=dt.datetime.combine(day, dt.time(12), tzinfo=LONDON),
                ).pk
            Stage.objects.filter(pk=stage.pk).update(**{f"{link}_id": item})


def _owner(stage, complaint) -> int | None:
    return stage.responded_by_id or stage.handler_id or complaint.handler_id


def rows_from_json(apps, schema_editor):
    Stage = apps.get_model("cases", "Stage")
    Remedy = apps.get_model("remedies", "Remedy")
    Action = apps.get_model("cases", "OutstandingAction")
    for stage in Stage.objects.select_related("complaint").exclude(response={}).iterator():
        response = dict(stage.response or {})
        remedies = response.pop("remedies", None) or []
        actions = response.pop("outstanding_actions", None) or []
        owner = _owner(stage, stage.complaint)
        on = stage.responded_on or stage.requested_on
        known = set(
            Remedy.objects.filter(complaint_id=stage.complaint_id, stage=stage.number).values_list(
                "description", flat=True
            )
        )
        for item in remedies:
            description = (item.get("description") or "").strip()
            if description and description not in known and owner:
                Remedy.objects.create(
                    complaint_id=stage.complaint_id,
                    stage=stage.number,
                    kind=item.get("kind") or "",
                    description=description,
                    amount=item.get("amount") or None,
                    due_on=item.get("due_on") or None,
                    offered_on=on,
                    owner_user_id=owner,
                )
        done = set(
            Action.objects.filter(complaint_id=stage.complaint_id, stage=stage.number).values_list(
                "description", flat=True
            )
        )
        for item in actions:
            if item.get("description") and item["description"] not in done and item.get("due_on"):
                Action.objects.create(
                    complaint_id=stage.complaint_id,
                    stage=stage.number,
                    description=item["description"],
                    due_on=item["due_on"],
                    update_every=item.get("update_every"),
                    owner_user_id=owner,
                )
        Stage.objects.filter(pk=stage.pk).update(response=response)


class Migration(migrations.Migration):
    dependencies = [("cases", "0009_stage_communications")]

    operations = [
        migrations.RunPython(link_communications, migrations.RunPython.noop),
        migrations.RunPython(rows_from_json, migrations.RunPython.noop),
    ]
