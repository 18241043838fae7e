from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    """Reminders and alerts to staff: in the app, and by one email digest a working day."""

    name = "redress.notifications"
    label = "notifications"
