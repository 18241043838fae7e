from django.apps import AppConfig


class CasesConfig(AppConfig):
    """Complaints through the Code's two stages."""

    name = "redress.cases"
    label = "cases"
