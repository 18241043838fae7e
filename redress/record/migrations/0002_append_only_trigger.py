"""A trigger that refuses UPDATE of an event, so the record stays append-only."""

from django.db import migrations

from redress.record.triggers import refuse_updates


class Migration(migrations.Migration):
    dependencies = [("record", "0001_initial")]
    operations = [refuse_updates("record_event", "events are append-only")]
