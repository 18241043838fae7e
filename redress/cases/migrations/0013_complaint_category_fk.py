"""A complaint's category becomes a foreign key to the administered categories.

Each string the column held is matched to a category by name, ignoring case ("repairs"
is "Repairs"); a string no category matches (a tracker's own wording, an API caller's
typo) becomes an imported category, inactive, so no complaint loses what it said.
"""

from django.db import migrations, models
from django.db.models import Max


def category_for(category_model, name: str):
    """The category `name` means: the one of that name in any case, or a new imported one."""
    name = name.strip()
    if not name:
        return None
    found = category_model.objects.filter(name__iexact=name).order_by("-active", "id").first()
    if found is not None:
        return found
    last = category_model.objects.aggregate(last=Max("position"))["last"] or 0
    return category_model.objects.create(
        name=name, active=False, imported=True, position=last + 1
    )


def fill_categories(apps, schema_editor):
    complaints = apps.get_model("cases", "Complaint").objects
    category_model = apps.get_model("cases", "Category")
    names = (
        complaints.exclude(category_name="")
        .values_list("category_name", flat=True)
        .distinct()
        .order_by()
    )
    for name in list(names):
        category = category_for(category_model, name)
        complaints.filter(category_name=name).update(category=category)


def back_to_names(apps, schema_editor):
    complaints = apps.get_model("cases", "Complaint").objects
    for category in apps.get_model("cases", "Category").objects.all():
        complaints.filter(category=category).update(category_name=category.name)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0012_category_from_learning"),
        ("learning", "0003_category_to_cases"),
    ]

    operations = [
        migrations.AddField(
            model_name="category",
            name="imported",
            field=models.BooleanField(default=False),
        ),
        migrations.RemoveIndex(model_name="complaint", name="complaint_received"),
        migrations.RenameField(
            model_name="complaint", old_name="category", new_name="category_name"
        ),
        migrations.AddField(
            model_name="complaint",
            name="category",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=models.deletion.PROTECT,
                related_name="complaints",
                to="cases.category",
            ),
        ),
        migrations.RunPython(fill_categories, back_to_names),
        migrations.RemoveField(model_name="complaint", name="category_name"),
        migrations.AddIndex(
            model_name="complaint",
            index=models.Index(
                fields=["received_on", "status", "exclusion", "category"],
                name="complaint_received",
            ),
        ),
    ]
