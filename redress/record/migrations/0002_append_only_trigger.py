"""A trigger that refuses UPDATE of an event, so the record stays append-only
even for code that bypasses the ORM. DELETE is refused by the ORM; a trigger
for it would stop the test runner flushing its throwaway database.
"""

from django.db import migrations

SQLITE = """
CREATE TRIGGER record_event_append_only BEFORE UPDATE ON record_event
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
"""
POSTGRES = """
CREATE OR REPLACE FUNCTION record_event_append_only() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'events are append-only'; END; $$ LANGUAGE plpgsql;
CREATE TRIGGER record_event_append_only BEFORE UPDATE ON record_event
FOR EACH ROW EXECUTE FUNCTION record_event_append_only();
"""
DROP = {
    "sqlite": "DROP TRIGGER IF EXISTS record_event_append_only;",
    "postgresql": "DROP TRIGGER IF EXISTS record_event_append_only ON record_event;",
}


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    sql = {"sqlite": SQLITE, "postgresql": POSTGRES}.get(vendor)
    if sql:
        schema_editor.execute(sql)


def drop(apps, schema_editor):
    sql = DROP.get(schema_editor.connection.vendor)
    if sql:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("record", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
