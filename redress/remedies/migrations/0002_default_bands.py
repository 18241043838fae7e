"""The Housing Ombudsman's remedies guidance bands, as defaults the administrator may edit."""

from decimal import Decimal

from django.db import migrations

DEFAULTS = [
    ("minor", "Minor failure", "0", "100", "minor", ""),
    ("adverse", "Adversely affected the resident", "100", "600", "adverse", ""),
    ("significant", "Significant impact", "600", "1000", "significant", ""),
    (
        "serious",
        "Serious, long-term impact or severe maladministration",
        "1000",
        None,
        "serious",
        "severe_maladministration",
    ),
]


def seed(apps, schema_editor):
    RemedyBand = apps.get_model("remedies", "RemedyBand")
    for position, (key, label, low, high, impact, finding) in enumerate(DEFAULTS):
        RemedyBand.objects.get_or_create(
            key=key,
            defaults={
                "label": label,
                "low": Decimal(low),
                "high": Decimal(high) if high else None,
                "impact": impact,
                "finding": finding,
                "position": position,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("remedies", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
