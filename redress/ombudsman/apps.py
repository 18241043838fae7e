from django.apps import AppConfig


class OmbudsmanConfig(AppConfig):
    """Complaints the Housing Ombudsman looks at: the referral, its findings, and the orders
    that follow with evidence of compliance (case work; the oversight pages count them)."""

    name = "redress.ombudsman"
    label = "ombudsman"
