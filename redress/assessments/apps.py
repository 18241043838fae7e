from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    """The annual self-assessment against the Code (8.1 a, 8.3, 8.4): the form, its evidence
    drawn from Redress's own records, its approval by the governing body, and its history."""

    name = "redress.assessments"
    label = "assessments"
