"""The refusal reason becomes a field of the complaint, filled for complaints refused
before from their latest "refused" event (the record's own words)."""

from django.db import migrations, models


def fill_refusal_reasons(apps, schema_editor):
    """One pass over the "refused" events, newest first per complaint (no query per case)."""
    complaint_model = apps.get_model("cases", "Complaint")
    events = apps.get_model("record", "Event").objects.filter(
        subject_kind="complaint", action="refused"
    )
    waiting = set(
        complaint_model.objects.filter(status="refused", refusal_reason="").values_list(
            "pk", flat=True
        )
    )
    filled = []
    for pk, payload in events.order_by("subject_id", "-occurred_at", "-id").values_list(
        "subject_id", "payload"
    ):
        if pk in waiting:
            waiting.discard(pk)
            reason = (payload or {}).get("reason") or ""
            if reason:
                filled.append(complaint_model(pk=pk, refusal_reason=reason))
    complaint_model.objects.bulk_update(filled, ["refusal_reason"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0013_complaint_category_fk"),
        ("record", "0008_event_chain"),
    ]

    operations = [
        migrations.AddField(
            model_name="complaint",
            name="refusal_reason",
            field=models.TextField(blank=True, db_default="", default=""),
        ),
        migrations.RunPython(fill_refusal_reasons, migrations.RunPython.noop),
    ]
