from django.apps import AppConfig


class AdministrationConfig(AppConfig):
    """Users, teams, the landlord's closure days and its name, logo and colours."""

    name = "redress.administration"
    label = "administration"
