from django.apps import AppConfig


class StaffConfig(AppConfig):
    """Staff roles and API tokens."""

    name = "redress.staff"
    label = "staff"
