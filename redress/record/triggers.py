"""Database triggers that refuse UPDATE on a table, so a record stays unchanged even for
code that bypasses the ORM. DELETE is refused by the ORM; a trigger for it would stop
the test runner flushing its throwaway database."""

from __future__ import annotations

from django.db import migrations


def refuse_updates(table: str, message: str) -> migrations.RunPython:
    """A migration operation adding (and on reverse, dropping) the trigger for `table`."""
    name = f"{table}_append_only"
    create_sql = {
        "sqlite": f"CREATE TRIGGER {name} BEFORE UPDATE ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{message}'); END;",
        "postgresql": f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $$ "
        f"BEGIN RAISE EXCEPTION '{message}'; END; $$ LANGUAGE plpgsql; "
        f"CREATE TRIGGER {name} BEFORE UPDATE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {name}();",
    }
    drop_sql = {
        "sqlite": f"DROP TRIGGER IF EXISTS {name};",
        "postgresql": f"DROP TRIGGER IF EXISTS {name} ON {table};",
    }

    def run(sql: dict):
        def apply(apps, schema_editor):
            statement = sql.get(schema_editor.connection.vendor)
            if statement:
                schema_editor.execute(statement)

        return apply

    return migrations.RunPython(run(create_sql), run(drop_sql))
