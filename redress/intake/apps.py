from django.apps import AppConfig


class IntakeConfig(AppConfig):
    """Residents and every contact they make, classified under section 1 of the Code."""

    name = "redress.intake"
    label = "intake"
