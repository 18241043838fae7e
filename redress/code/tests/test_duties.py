"""The work queue's next dated duty for each status."""

from __future__ import annotations

import datetime as dt

import pytest

from redress.code.duties import NextDuty, next_duty
from redress.code.stages import Status
from redress.code.timescales import StageClock

D = dt.date


def clock(stage: int, ack_by: dt.date, respond_by: dt.date) -> StageClock:
    return StageClock(
        stage=stage,
        acknowledge_by=ack_by,
        respond_by=respond_by,
        acknowledged_on_time=None,
        responded_on_time=None,
        extension_days=0,
        acknowledgement_late=False,
        breaches=(),
    )


# Distinct dates, so a duty read from the wrong stage or field fails.
ONE = clock(1, D(2024, 6, 10), D(2024, 6, 24))
TWO = clock(2, D(2024, 7, 8), D(2024, 8, 5))


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (Status.STAGE1_RECEIVED, NextDuty("acknowledge", 1, D(2024, 6, 10))),
        (Status.STAGE1_ACCEPTED, NextDuty("acknowledge", 1, D(2024, 6, 10))),
        (Status.STAGE1_ACKNOWLEDGED, NextDuty("respond", 1, D(2024, 6, 24))),
        (Status.STAGE1_RESPONDED, None),  # waiting on the resident
        (Status.STAGE2_REQUESTED, NextDuty("acknowledge", 2, D(2024, 7, 8))),
        (Status.STAGE2_ACKNOWLEDGED, NextDuty("respond", 2, D(2024, 8, 5))),
        (Status.CLOSED, None),
        (Status.REFUSED, None),
    ],
)
def test_next_duty(status, expected):
    assert next_duty(status, ONE, TWO) == expected


def test_every_status_is_covered():
    covered = {
        Status.STAGE1_RECEIVED,
        Status.STAGE1_ACCEPTED,
        Status.STAGE1_ACKNOWLEDGED,
        Status.STAGE1_RESPONDED,
        Status.STAGE2_REQUESTED,
        Status.STAGE2_ACKNOWLEDGED,
        Status.CLOSED,
        Status.REFUSED,
    }
    assert covered == set(Status)


def test_no_duty_without_the_stage_clock():
    assert next_duty(Status.STAGE1_ACKNOWLEDGED, None, TWO) is None
    assert next_duty(Status.STAGE2_REQUESTED, ONE, None) is None
