"""Version 1 of every letter: the plain-English defaults Redress ships with."""

from django.db import migrations


def add_defaults(apps, schema_editor):
    from redress.letters.defaults import DEFAULTS

    LetterTemplate = apps.get_model("letters", "LetterTemplate")
    for kind, (subject, body) in DEFAULTS.items():
        LetterTemplate.objects.get_or_create(
            kind=kind.value,
            version=1,
            defaults={"subject": subject, "body": body, "note": "Shipped with Redress"},
        )


class Migration(migrations.Migration):
    dependencies = [("letters", "0001_initial")]
    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
