"""Tenant Satisfaction Measures CH01 and CH02, as this project reads the regulator.

- CH01(1): stage 1 complaints received in the reporting year per 1,000 homes;
  complaints not accepted into the process (refused) are not counted.
- CH01(2): stage 2 escalations received in the year per 1,000 homes.
- CH02(1)/(2): of the complaints responded to at that stage in the year, the
  percentage acknowledged and responded to within the Code's timescales (an
  extension agreed in time counts).

The reporting year runs 1 April to 31 March. CH01 is given to two decimals,
CH02 to one, and None where there is nothing to divide. This is the one place
the rule lives: the CSV audit and the database both count through
`count_measures`, from arrays of London dates (NaT where a thing has not
happened) and booleans.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import numpy as np


@dataclass(frozen=True)
class ReportingYear:
    start_year: int

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.start_year, 4, 1)

    @property
    def last_day(self) -> dt.date:
        return dt.date(self.start_year + 1, 3, 31)

    @property
    def label(self) -> str:
        return f"{self.start_year}/{(self.start_year + 1) % 100:02d}"

    def contains(self, days: np.ndarray) -> np.ndarray:
        """Boolean mask of the datetime64[D] values inside the year (NaT is outside)."""
        days = np.asarray(days, dtype="datetime64[D]")
        first = np.datetime64(self.first_day, "D")
        last = np.datetime64(self.last_day, "D")
        return (days >= first) & (days <= last)


@dataclass(frozen=True)
class MeasureCounts:
    stage1_received: int
    stage2_received: int
    stage1_responded: int
    stage1_within_timescales: int
    stage2_responded: int
    stage2_within_timescales: int


def count_measures(
    year: ReportingYear,
    received: np.ndarray,
    refused: np.ndarray,
    escalation_requested: np.ndarray,
    stage1_responded: np.ndarray,
    stage1_within: np.ndarray,
    stage2_responded: np.ndarray,
    stage2_within: np.ndarray,
) -> MeasureCounts:
    """Count the year's complaints; every argument is an array with one entry per complaint."""
    accepted = ~np.asarray(refused, dtype=bool)
    s1_done = year.contains(stage1_responded) & accepted
    s2_done = year.contains(stage2_responded) & accepted
    return MeasureCounts(
        stage1_received=int(np.count_nonzero(year.contains(received) & accepted)),
        stage2_received=int(np.count_nonzero(year.contains(escalation_requested) & accepted)),
        stage1_responded=int(np.count_nonzero(s1_done)),
        stage1_within_timescales=int(np.count_nonzero(s1_done & np.asarray(stage1_within, bool))),
        stage2_responded=int(np.count_nonzero(s2_done)),
        stage2_within_timescales=int(np.count_nonzero(s2_done & np.asarray(stage2_within, bool))),
    )


def _half_up(numerator: int, denominator: int, places: int) -> float:
    """Round as published figures are rounded (half up), not as floats round (half even)."""
    exact = Decimal(numerator) / Decimal(denominator)
    return float(exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def per_thousand(count: int, homes: int) -> float | None:
    return None if homes <= 0 else _half_up(count * 1000, homes, 2)


def percentage(part: int, whole: int) -> float | None:
    return None if whole <= 0 else _half_up(part * 100, whole, 1)


def measures(year: ReportingYear, homes: int, counts: MeasureCounts) -> dict:
    """The measures in the shape `redress tsm` prints."""
    return {
        "year": year.label,
        "homes": homes,
        "CH01_stage1_per_1000": per_thousand(counts.stage1_received, homes),
        "CH01_stage2_per_1000": per_thousand(counts.stage2_received, homes),
        "CH02_stage1_percent": percentage(counts.stage1_within_timescales, counts.stage1_responded),
        "CH02_stage2_percent": percentage(counts.stage2_within_timescales, counts.stage2_responded),
    }
