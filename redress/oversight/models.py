"""The oversight app's models: the annual report's, which live in its package
(`redress.oversight.annual_report.models`) and are imported here so Django finds them
under this app's label."""

from .annual_report.models import (  # noqa: F401
    AnnualReport,
    ExceptionalNotice,
    OmbudsmanPublication,
    ReportRevision,
)
