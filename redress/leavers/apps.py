from django.apps import AppConfig


class LeaversConfig(AppConfig):
    """People come and go: a leaver's work is handed on before their account is closed.

    Administration deactivates accounts but sits below the case work a leaver holds,
    so this app, above cases, remedies and notifications, provides the handing on
    (`administration.ports`)."""

    name = "redress.leavers"
    label = "leavers"

    def ready(self) -> None:
        from redress.administration import ports

        from . import handing_on

        ports.provide("leavers", handing_on)
