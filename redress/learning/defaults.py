"""The taxonomies Redress ships with; the landlord edits the categories afterwards."""

CATEGORIES = (
    "Repairs",
    "Damp and mould",
    "Anti-social behaviour",
    "Communal areas",
    "Staff conduct",
    "Contractors",
    "Rent and service charges",
    "Neighbourhood",
    "Lettings",
    "Other",
)

CAUSES = (
    "Process not followed",
    "Poor communication",
    "Repair delay",
    "Contractor quality",
    "Policy gap",
    "Staff conduct",
    "System error",
    "Other",
)


def seed(category_model, cause_model) -> None:
    """Add any default that is missing (a data migration, and tests that flush the database)."""
    for model, names in ((category_model, CATEGORIES), (cause_model, CAUSES)):
        for position, name in enumerate(names, start=1):
            model.objects.get_or_create(name=name, defaults={"position": position})
