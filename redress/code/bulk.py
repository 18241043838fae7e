"""The stage clock over arrays: one row per complaint, for bulk audits and reports.

It applies exactly the rules of `timescales.assess_stage` to a tracker's
shape (at most one extension per stage), with numpy doing the working-day
arithmetic. A property test holds the two to the same answers.
Missing dates are NaT; comparisons with NaT are False, which is what the
rules want ("not done" is neither on time nor late).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .calendars import WorkingDayCalendar
from .regimes import StageTimescale


@dataclass(frozen=True)
class StageArrays:
    acknowledge_by: np.ndarray
    respond_by: np.ndarray
    acknowledged: np.ndarray  # the acknowledgement has happened
    acknowledged_on_time: np.ndarray  # meaningful where `acknowledged`
    responded: np.ndarray
    responded_on_time: np.ndarray  # meaningful where `responded`
    acknowledgement_late: np.ndarray
    response_late: np.ndarray
    extension_breached: np.ndarray

    @property
    def within_timescales(self) -> np.ndarray:
        return self.responded & self.responded_on_time & ~self.acknowledgement_late


def assess_stage_arrays(
    timescale: StageTimescale,
    calendar: WorkingDayCalendar,
    as_of: np.datetime64,
    requested: np.ndarray,
    acknowledged: np.ndarray,
    responded: np.ndarray,
    has_extension: np.ndarray,
    extension_days: np.ndarray,
    extension_agreed: np.ndarray,
    extension_reasoned: np.ndarray,
    extension_good_reason: np.ndarray,
) -> StageArrays:
    """Vectorised assess_stage; rows whose `requested` is NaT give NaT dates."""
    add = calendar.add_working_days_array
    if timescale.acknowledge_within is None:
        ack_by = requested
    else:
        ack_by = add(requested, timescale.acknowledge_within)
    ack_done = ~np.isnat(acknowledged)
    responded_done = ~np.isnat(responded)

    # With no acknowledgement duty the response clock runs from the request itself.
    clock_start = (
        ack_by if timescale.acknowledge_within is None else np.where(ack_done, acknowledged, ack_by)
    )
    first_respond_by = add(clock_start, timescale.respond_within)
    valid = (
        has_extension
        & (extension_days > 0)
        & (extension_agreed <= first_respond_by)
        & extension_reasoned
        & ((extension_days <= timescale.extension_limit) | extension_good_reason)
    )
    respond_by = add(first_respond_by, np.where(valid, extension_days, 0))

    if timescale.acknowledge_within is None:
        ack_late = np.zeros(requested.shape, dtype=bool)
    else:
        first_act = np.where(ack_done, acknowledged, np.where(responded_done, responded, as_of))
        ack_late = first_act > ack_by
    response_late = np.where(responded_done, responded, as_of) > respond_by
    return StageArrays(
        acknowledge_by=ack_by,
        respond_by=respond_by,
        acknowledged=ack_done,
        acknowledged_on_time=acknowledged <= ack_by,
        responded=responded_done,
        responded_on_time=responded <= respond_by,
        acknowledgement_late=ack_late,
        response_late=response_late,
        extension_breached=has_extension & ~valid,
    )
