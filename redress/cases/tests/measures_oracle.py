"""An independent count of the Tenant Satisfaction Measures, for tests to hold the fast one to.

`redress tsm --from-db` and the oversight page count with aggregate queries
(`redress.oversight.selectors.measure_counts`). This judges every complaint of
the year one by one through `assess` and `redress.code.tsm.count_measures`, the
same arrays the tracker audit feeds it: slow (minutes at a few hundred thousand
complaints) but built the other way, so the two agreeing means something.
"""

from __future__ import annotations

import numpy as np
from django.db.models import Q

from redress.cases.clock import assess
from redress.cases.models import Complaint
from redress.code.stages import Status
from redress.code.tsm import MeasureCounts, ReportingYear, count_measures


def _day(value) -> np.datetime64:
    return np.datetime64(value, "D") if value else np.datetime64("NaT", "D")


def count_measures_from_db(year: ReportingYear) -> MeasureCounts:
    first, last = year.first_day, year.last_day
    touching = (
        Q(received_on__range=(first, last))
        | Q(stages__requested_on__range=(first, last))
        | Q(stages__responded_on__range=(first, last))
    )
    complaints = (
        Complaint.objects.filter(touching).distinct().prefetch_related("stages__extensions")
    )
    columns: dict[str, list] = {
        key: []
        for key in (
            "received",
            "refused",
            "escalated",
            "s1_done",
            "s1_within",
            "s2_done",
            "s2_within",
        )
    }
    for complaint in complaints.iterator(chunk_size=2000):
        clock = assess(complaint)
        stages = {s.number: s for s in complaint.stages.all()}
        columns["received"].append(_day(complaint.received_on))
        columns["refused"].append(complaint.status == Status.REFUSED)
        columns["escalated"].append(_day(stages[2].requested_on if 2 in stages else None))
        for number, stage_clock in ((1, clock.stage1), (2, clock.stage2)):
            stage = stages.get(number)
            columns[f"s{number}_done"].append(_day(stage and stage.responded_on))
            columns[f"s{number}_within"].append(bool(stage_clock and stage_clock.within_timescales))
    arrays = {
        k: np.array(
            v,
            dtype="datetime64[D]" if k in ("received", "escalated", "s1_done", "s2_done") else bool,
        )
        for k, v in columns.items()
    }
    return count_measures(
        year,
        arrays["received"],
        arrays["refused"],
        arrays["escalated"],
        arrays["s1_done"],
        arrays["s1_within"],
        arrays["s2_done"],
        arrays["s2_within"],
    )
