"""The category model now lives in cases (same table): learning lets go of its state."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0002_default_taxonomies"),
        ("cases", "0012_category_from_learning"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Category")],
            database_operations=[],
        )
    ]
