"""The Ombudsman's cases leave the oversight app for their own (`redress.ombudsman`).

State only: the tables stay where they are, under the names they were made with, and the
ombudsman app's first migration takes them over (`db_table`), so no row moves.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('oversight', '0002_annual_report'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='Determination'),
                migrations.DeleteModel(name='Order'),
                migrations.DeleteModel(name='OmbudsmanCase'),
            ],
            database_operations=[],
        ),
    ]
