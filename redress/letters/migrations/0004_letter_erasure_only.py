"""An issued letter is never changed, with one exception: the retention schedule may erase
its content (html, text, PDF, facts and recipient) once the complaint is past its retention
period, keeping its kind, stage, dates, author and SHA-256 (redress/privacy/retention.py).
The trigger refuses every other UPDATE, as before."""

from django.db import migrations

NAME = "letters_letter_append_only"
MESSAGE = "issued letters are never changed"
KEPT = (
    "id",
    "complaint_id",
    "kind",
    "stage",
    "template_id",
    "subject",
    "large_print",
    "delivery",
    "issued_by_id",
    "issued_at",
    "sha256",
)
SAME = " AND ".join(f"NEW.{c} = OLD.{c}" for c in KEPT)
ERASED = {
    "sqlite": f"{SAME} AND NEW.html = '[anonymised]' AND NEW.text = '[anonymised]' "
    "AND length(NEW.pdf) = 0 AND NEW.facts = '{}' AND NEW.recipient = '[anonymised]'",
    "postgresql": f"{SAME} AND NEW.html = '[anonymised]' AND NEW.text = '[anonymised]' "
    "AND length(NEW.pdf) = 0 AND NEW.facts::text = '{}' AND NEW.recipient = '[anonymised]'",
}
FORWARD = {
    "sqlite": [
        f"DROP TRIGGER IF EXISTS {NAME};",
        f"CREATE TRIGGER {NAME} BEFORE UPDATE ON letters_letter "
        f"WHEN NOT COALESCE(({ERASED['sqlite']}), 0) "
        f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;",
    ],
    "postgresql": [
        f"DROP TRIGGER IF EXISTS {NAME} ON letters_letter;",
        f"CREATE TRIGGER {NAME} BEFORE UPDATE ON letters_letter FOR EACH ROW "
        f"WHEN (NOT COALESCE(({ERASED['postgresql']}), false)) EXECUTE FUNCTION {NAME}();",
    ],
}
BACKWARD = {
    "sqlite": [
        f"DROP TRIGGER IF EXISTS {NAME};",
        f"CREATE TRIGGER {NAME} BEFORE UPDATE ON letters_letter "
        f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;",
    ],
    "postgresql": [
        f"DROP TRIGGER IF EXISTS {NAME} ON letters_letter;",
        f"CREATE TRIGGER {NAME} BEFORE UPDATE ON letters_letter FOR EACH ROW "
        f"EXECUTE FUNCTION {NAME}();",
    ],
}


def run(statements: dict):
    def apply(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("letters", "0003_letter_update_trigger")]
    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
