from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    """Reminders and alerts to staff: in the app, and by one email digest a working day."""

    name = "redress.notifications"
    label = "notifications"

    def ready(self) -> None:
        from redress.cases import ports

        from .services import complaint_assigned, extension_beyond_limit

        ports.provide("complaint_assigned", complaint_assigned)
        ports.provide("extension_beyond_limit", extension_beyond_limit)
