from django.apps import AppConfig


class ReceptionConfig(AppConfig):
    """Where complaints and contacts are received (see the package docstring)."""

    name = "redress.reception"
    label = "reception"
