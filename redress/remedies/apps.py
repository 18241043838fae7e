from django.apps import AppConfig


class RemediesConfig(AppConfig):
    """Putting things right (section 7): remedies and outstanding actions followed through."""

    name = "redress.remedies"
    label = "remedies"
