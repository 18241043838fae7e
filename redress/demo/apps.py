from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data and its two commands (no models)."""

    name = "redress.demo"
    label = "demo"
