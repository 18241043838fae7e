"""Hash-chain the event log: each event's payload digest and chain hash, the events already
recorded chained in id order, and a guard refusing UPDATE (and DELETE on PostgreSQL)
except redaction (redress.record.triggers)."""

from django.db import migrations, models

from redress.record.chain import GENESIS, SEALED, link, payload_digest
from redress.record.triggers import drop_event_update_refusal, guard_events

BATCH = 5_000


def chain_existing(apps, schema_editor):
    """Seal the events already recorded, in id order, a batch at a time."""
    Event = apps.get_model("record", "Event")
    columns = [name for name in SEALED if name != "payload_sha256"]
    previous, last = GENESIS, 0
    with schema_editor.connection.cursor() as cursor:
        while True:
            rows = list(
                Event.objects.filter(id__gt=last)
                .order_by("id")
                .values_list(*columns, "payload")[:BATCH]
            )
            if not rows:
                return
            changes = []
            for *fields, payload in rows:
                digest = payload_digest(payload, stored=True)
                previous = link(previous, (*fields[:8], digest, fields[8]))
                changes.append((digest, previous, fields[0]))
            cursor.executemany(
                "UPDATE record_event SET payload_sha256 = %s, chain_hash = %s WHERE id = %s",
                changes,
            )
            last = rows[-1][0]


class Migration(migrations.Migration):
    dependencies = [("record", "0007_more_subjects_for_reporting")]

    operations = [
        drop_event_update_refusal(),
        migrations.AddField(
            model_name="event",
            name="payload_sha256",
            field=models.CharField(default="", editable=False, max_length=64),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="event",
            name="chain_hash",
            field=models.CharField(default="", editable=False, max_length=64),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="event",
            name="redacted_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(chain_existing, migrations.RunPython.noop),
        guard_events(),
    ]
