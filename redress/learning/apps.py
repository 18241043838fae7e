from django.apps import AppConfig


class LearningConfig(AppConfig):
    """Learning from complaints (Code section 9): categories, root causes, the learning log
    and trends with early warnings."""

    name = "redress.learning"
    label = "learning"
