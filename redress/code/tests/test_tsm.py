"""Tenant Satisfaction Measures CH01 and CH02: counting, year boundaries and rounding."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from redress.code.tsm import (
    MeasureCounts,
    ReportingYear,
    count_measures,
    measures,
    per_thousand,
    percentage,
)

NAT = "NaT"


def days(*values: str) -> np.ndarray:
    return np.array(values, dtype="datetime64[D]")


def test_reporting_year():
    year = ReportingYear(2025)
    assert (year.first_day, year.last_day) == (dt.date(2025, 4, 1), dt.date(2026, 3, 31))
    assert year.label == "2025/26"
    assert ReportingYear(2099).label == "2099/00"
    assert ReportingYear(1999).label == "1999/00"
    assert ReportingYear(2009).label == "2009/10"


def test_year_boundaries_are_inclusive():
    mask = ReportingYear(2025).contains(
        days("2025-03-31", "2025-04-01", "2026-03-31", "2026-04-01", NAT)
    )
    assert mask.tolist() == [False, True, True, False, False]


def test_count_measures():
    year = ReportingYear(2025)
    # One complaint per column:
    #  a: received in year, answered at stage 1 in time, escalated, stage 2 in time
    #  b: received in year, answered at stage 1 late
    #  c: refused in year: counted nowhere
    #  d: received 31 Mar 2025 (last year); answered in year within timescales;
    #     escalated in year, stage 2 answered 1 Apr 2026 (next year)
    #  e: received 31 Mar 2026 (last day), not yet answered
    #  f: received 1 Apr 2026 (next year)
    counts = count_measures(
        year,
        received=days("2025-04-01", "2025-06-01", "2025-07-01", "2025-03-31", "2026-03-31",
                      "2026-04-01"),
        refused=np.array([False, False, True, False, False, False]),
        escalation_requested=days("2025-05-01", NAT, NAT, "2025-04-20", NAT, NAT),
        stage1_responded=days("2025-04-10", "2025-07-01", NAT, "2025-04-02", NAT, NAT),
        stage1_within=np.array([True, False, False, True, False, False]),
        stage2_responded=days("2025-05-20", NAT, NAT, "2026-04-01", NAT, NAT),
        stage2_within=np.array([True, False, False, True, False, False]),
    )  # fmt: skip
    assert counts == MeasureCounts(
        stage1_received=3,  # a, b, e
        stage2_received=2,  # a, d
        stage1_responded=3,  # a, b, d
        stage1_within_timescales=2,  # a, d
        stage2_responded=1,  # a
        stage2_within_timescales=1,  # a
    )


def test_refused_complaints_are_not_counted_even_with_dates():
    year = ReportingYear(2024)
    counts = count_measures(
        year,
        received=days("2024-05-01", "2024-05-01"),
        refused=np.array([True, False]),
        escalation_requested=days("2024-06-01", "2024-06-01"),
        stage1_responded=days("2024-05-10", "2024-05-10"),
        stage1_within=np.array([True, True]),
        stage2_responded=days("2024-06-20", "2024-06-20"),
        stage2_within=np.array([True, False]),
    )
    assert counts == MeasureCounts(1, 1, 1, 1, 1, 0)


@pytest.mark.parametrize(
    ("count", "homes", "expected"),
    [
        (1, 8, 125.0),
        (1, 3, 333.33),  # 333.333...
        (2, 3, 666.67),  # 666.666...
        (1, 8000, 0.13),  # 0.125: half up (half-even would give 0.12)
        (5, 16000, 0.31),  # 0.3125
        (3, 8000, 0.38),  # 0.375
        (0, 500, 0.0),
        (1, 0, None),
        (1, -5, None),
    ],
)
def test_per_thousand(count, homes, expected):
    assert per_thousand(count, homes) == expected


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [
        (1, 8, 12.5),
        (1, 16, 6.3),  # 6.25: half up (round(6.25, 1) gives 6.2)
        (3, 16, 18.8),  # 18.75
        (1, 3, 33.3),
        (2, 3, 66.7),
        (7, 7, 100.0),
        (0, 4, 0.0),
        (0, 0, None),
    ],
)
def test_percentage(part, whole, expected):
    assert percentage(part, whole) == expected


def test_measures_shape():
    counts = MeasureCounts(
        stage1_received=25,
        stage2_received=3,
        stage1_responded=16,
        stage1_within_timescales=15,
        stage2_responded=0,
        stage2_within_timescales=0,
    )
    assert measures(ReportingYear(2025), 8000, counts) == {
        "year": "2025/26",
        "homes": 8000,
        "CH01_stage1_per_1000": 3.13,  # 25 * 1000 / 8000 = 3.125
        "CH01_stage2_per_1000": 0.38,  # 3 * 1000 / 8000 = 0.375
        "CH02_stage1_percent": 93.8,  # 15 / 16 = 93.75%
        "CH02_stage2_percent": None,  # nothing answered at stage 2
    }
