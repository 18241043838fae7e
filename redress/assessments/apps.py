from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    """The annual self-assessment against the Code (8.1 a, 8.3, 8.4): the form, its evidence
    drawn from Redress's own records, its approval by the governing body, and its history."""

    name = "redress.assessments"
    label = "assessments"

    def ready(self) -> None:
        """Give the annual report its section (a). The report is oversight's, below this app
        (whose evidence reads oversight's figures and reports), so it is handed the section
        rather than importing it; the imports wait here until the models are loaded."""
        from redress.oversight.annual_report import data

        from .selectors import annual_report_section

        data.provide("self_assessment", annual_report_section)
