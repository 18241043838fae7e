from django.apps import AppConfig
from django.db import DEFAULT_DB_ALIAS, router
from django.db.models.signals import post_migrate
from django.test.signals import setting_changed


class AdministrationConfig(AppConfig):
    """Users, teams, the landlord's closure days and its name, logo and colours."""

    name = "redress.administration"
    label = "administration"

    def ready(self) -> None:
        post_migrate.connect(_record_deployment_calendar, sender=self)
        setting_changed.connect(_settings_changed)


def _record_deployment_calendar(sender, using=DEFAULT_DB_ALIAS, plan=None, **kwargs) -> None:
    """Every deployment migrates before it starts (docs/deploy.md): that is when a change
    to its calendar settings is recorded, to count from that day on."""
    from .models import DeploymentCalendar
    from .services import record_deployment_calendar

    if using != DEFAULT_DB_ALIAS or not router.allow_migrate_model(using, DeploymentCalendar):
        return
    if plan and all(backwards for _, backwards in plan):
        return  # unapplying migrations: the table may be gone, and nothing is deployed
    record_deployment_calendar()


def _settings_changed(setting: str, **kwargs) -> None:
    """A test changed the calendar's settings: read what is recorded afresh."""
    if setting in ("REDRESS_CALENDAR", "REDRESS_CLOSURE_DAYS"):
        from redress.administration.deployment import forget_recorded_deployments

        forget_recorded_deployments()
