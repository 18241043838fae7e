from django.apps import AppConfig


class RemediesConfig(AppConfig):
    """Putting things right (section 7): remedies and outstanding actions followed through."""

    name = "redress.remedies"
    label = "remedies"

    def ready(self) -> None:
        from redress.cases import ports

        from .services import record_response_remedies

        ports.provide("record_response_remedies", record_response_remedies)
