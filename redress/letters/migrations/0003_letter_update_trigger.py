"""An issued letter is what the resident was sent: the database refuses to change it."""

from django.db import migrations

from redress.record.triggers import refuse_updates


class Migration(migrations.Migration):
    dependencies = [("letters", "0002_default_templates")]
    operations = [refuse_updates("letters_letter", "issued letters are never changed")]
