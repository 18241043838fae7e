from django.apps import AppConfig


class OversightConfig(AppConfig):
    """Figures for the MRC, the governing body and the senior lead (Code sections 8 and 9)."""

    name = "redress.oversight"
    label = "oversight"
