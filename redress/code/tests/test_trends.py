"""The early-warning test on fixed data, each p-value worked out by hand below.

Under "no rise", the latest month's count x of the n complaints in thirteen months
is Binomial(n, 1/13): P(X = k) = C(n, k) (1/13)^k (12/13)^(n-k).
"""

from __future__ import annotations

import math
from fractions import Fraction

import pytest

from redress.code.trends import binomial_upper_tail, significant_rise

QUIET = [0] * 12
ONE_A_MONTH = [1] * 12


def test_two_in_a_month_after_a_silent_year_is_flagged():
    # n = 2: P(X >= 2) = (1/13)^2 = 1/169 = 0.005917 < 0.05.
    rise = significant_rise(2, QUIET)
    assert rise.p_value == pytest.approx(1 / 169)
    assert rise.flagged and rise.expected == 0


def test_one_in_a_month_after_a_silent_year_is_not():
    # n = 1: P(X >= 1) = 1/13 = 0.0769 >= 0.05.
    rise = significant_rise(1, QUIET)
    assert rise.p_value == pytest.approx(1 / 13)
    assert not rise.flagged


def test_two_after_a_single_complaint_in_the_year_is_flagged():
    # n = 3: P(X >= 2) = 3 (1/13)^2 (12/13) + (1/13)^3 = (36 + 1) / 2197 = 0.016841.
    rise = significant_rise(2, [1] + [0] * 11)
    assert rise.p_value == pytest.approx(37 / 2197)
    assert rise.flagged


def test_four_against_one_a_month_is_flagged_and_three_is_not():
    # Four: n = 16, (12/13)^16 = 0.277847. P(X <= 3) = 0.277847 (1 + 16/12 + 120/144 + 560/1728)
    # = 0.277847 x 3.490741 = 0.969893, so P(X >= 4) = 0.030107 < 0.05.
    four = significant_rise(4, ONE_A_MONTH)
    assert four.p_value == pytest.approx(0.030107, abs=1e-6)
    assert four.flagged and four.expected == 1
    # Three: n = 15, (12/13)^15 = 0.301001. P(X <= 2) = 0.301001 (1 + 15/12 + 105/144)
    # = 0.301001 x 2.979167 = 0.896733, so P(X >= 3) = 0.103267 >= 0.05.
    three = significant_rise(3, ONE_A_MONTH)
    assert three.p_value == pytest.approx(0.103267, abs=1e-6)
    assert not three.flagged


def test_a_month_at_or_below_the_usual_is_never_flagged():
    # n = 13: P(X >= 1) = 1 - (12/13)^13 = 1 - 0.353258 = 0.646742.
    usual = significant_rise(1, ONE_A_MONTH)
    assert usual.p_value == pytest.approx(0.646742, abs=1e-6)
    assert not usual.flagged
    assert significant_rise(0, ONE_A_MONTH).p_value == 1.0


@pytest.mark.parametrize(("x", "n"), [(0, 0), (1, 40), (9, 40), (25, 300), (60, 300), (300, 300)])
def test_the_tail_matches_exact_arithmetic(x, n):
    p = Fraction(1, 13)
    exact = sum(math.comb(n, k) * p**k * (1 - p) ** (n - k) for k in range(x, n + 1))
    assert binomial_upper_tail(x, n, 1 / 13) == pytest.approx(float(exact), rel=1e-9, abs=1e-15)


def test_large_counts_neither_overflow_nor_flag_a_steady_rate():
    # 10,000 a month for a year, then 10,050: well within chance.
    assert not significant_rise(10_050, [10_000] * 12).flagged
    # ... and 10,500 is a rise (five standard deviations).
    assert significant_rise(10_500, [10_000] * 12).flagged


def test_bad_input_is_refused():
    with pytest.raises(ValueError):
        significant_rise(1, [1] * 11)
    with pytest.raises(ValueError):
        significant_rise(-1, QUIET)
