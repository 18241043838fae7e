"""Audit a complaints-tracker export (CSV) against the Complaint Handling Code.

Plain Python and numpy, no Django: the same reader feeds the `redress
audit-cases` and `redress tsm` commands (vectorised, a million rows in a few
seconds) and `redress import-cases` (row objects handed to the Django side).
The rules themselves live in `redress.code`; this package only reads cells
and applies those rules in bulk.
"""

from .audit import Audit, audit_tracker
from .measures import tracker_measures
from .reader import BadCell, TrackerFile, TrackerFileError, iter_tracker_rows, read_tracker
from .rows import TrackerRow, audit_row, make_extension, stage_facts

__all__ = [
    "Audit",
    "BadCell",
    "TrackerFile",
    "TrackerFileError",
    "TrackerRow",
    "audit_row",
    "audit_tracker",
    "iter_tracker_rows",
    "make_extension",
    "read_tracker",
    "stage_facts",
    "tracker_measures",
]
