"""The suite's clock (redress/conftest.py): @pytest.mark.today pins the London date,
so a test that depends on it gives the same answer whatever day the suite runs."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from redress.administration import deployment
from redress.code.london import london_date


@pytest.mark.today(dt.date(2028, 2, 29))
def test_the_today_marker_pins_the_london_date():
    assert deployment.today() == dt.date(2028, 2, 29)
    assert london_date(timezone.now()) == dt.date(2028, 2, 29)
    assert dt.date.today() == dt.date(2028, 2, 29)
