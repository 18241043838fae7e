from django.apps import AppConfig


class CasesConfig(AppConfig):
    """Complaints through the Code's two stages."""

    name = "redress.cases"
    label = "cases"

    def ready(self) -> None:
        from redress.administration import ports

        from .clock import reclock_open_complaints

        ports.provide("reclock_open_complaints", reclock_open_complaints)
