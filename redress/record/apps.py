from django.apps import AppConfig


class RecordConfig(AppConfig):
    """The append-only record: every state change of every case, as events."""

    name = "redress.record"
    label = "record"
