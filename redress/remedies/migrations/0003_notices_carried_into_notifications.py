"""The remedies sweep's `Notice` goes: notifications 0005 carried its rows into notices
there (what was emailed) and the record keeps every email as an event."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('remedies', '0002_default_bands'),
        ('notifications', '0005_remedies_and_actions_as_duties'),
    ]

    operations = [
        migrations.DeleteModel(
            name='Notice',
        ),
    ]
