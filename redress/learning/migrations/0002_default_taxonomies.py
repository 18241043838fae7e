"""The default categories and root causes the landlord starts with."""

from django.db import migrations


def add_defaults(apps, schema_editor):
    from redress.learning.defaults import seed

    seed(apps.get_model("learning", "Category"), apps.get_model("learning", "Cause"))


class Migration(migrations.Migration):
    dependencies = [("learning", "0001_initial")]
    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
