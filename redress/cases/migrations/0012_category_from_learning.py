"""The category model moves from learning to cases (complaints point at it, and cases is
below learning); its table `learning_category` stays where it is, so only the state moves."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0011_stage_communication_checks"),
        ("learning", "0002_default_taxonomies"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Category",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("name", models.CharField(max_length=100, unique=True)),
                        ("active", models.BooleanField(default=True)),
                        ("position", models.PositiveIntegerField(default=0)),
                    ],
                    options={
                        "db_table": "learning_category",
                        "ordering": ["position", "name"],
                        "verbose_name_plural": "categories",
                    },
                )
            ],
            database_operations=[],
        )
    ]
