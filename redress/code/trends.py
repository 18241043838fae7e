"""Early warning of a rise in complaints: the statistical test, with no Django.

The question for each category is "did more complaints arrive in the latest
complete month than its trailing twelve months would lead us to expect, by
more than chance?". A fixed threshold ("more than 10", "up by half") flags
every wobble in a big category and never a real rise in a small one, so the
Code's early warning (9.x: the senior lead looks for themes) uses a test.

The test: complaints in a category arrive as a Poisson process. If the rate
in the latest month is the same as in each of the twelve months before it,
then, given the total n over all thirteen months, the latest month's count x
is Binomial(n, 1/13) (the exact conditional test for comparing two Poisson
rates). The one-sided p-value is P(X >= x) under that binomial; a rise is
flagged when p < 0.05. Unlike comparing x with the trailing mean as if that
mean were known exactly, this allows for the mean being an estimate: a
category that had no complaints for a year needs two in a month to be
flagged (p = 1/169), not one (p = 1/13).

The p-value is computed exactly by summing the binomial's probabilities
(from logarithms of the factorials, so large counts neither overflow nor
underflow); no scipy.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

ALPHA = 0.05
TRAILING_MONTHS = 12
# Terms this small beside the running sum no longer change it.
NEGLIGIBLE = 1e-17


@dataclass(frozen=True)
class Rise:
    """The latest month's count against its trailing months, and the test's verdict."""

    count: int
    trailing_total: int
    expected: float  # the trailing months' mean
    p_value: float
    flagged: bool


def binomial_upper_tail(x: int, n: int, p: float) -> float:
    """P(X >= x) for X ~ Binomial(n, p), summed exactly from the tail's end nearer x."""
    if x <= 0:
        return 1.0
    if x > n:
        return 0.0
    if p <= 0.0:
        return 0.0
    if p >= 1.0:
        return 1.0

    def log_pmf(k: int) -> float:
        return (
            math.lgamma(n + 1)
            - math.lgamma(k + 1)
            - math.lgamma(n - k + 1)
            + k * math.log(p)
            + (n - k) * math.log1p(-p)
        )

    odds = p / (1.0 - p)
    if x > n * p:
        # Upper tail: start at x and walk up; each term is the last times (n-k)/(k+1)·odds.
        term = math.exp(log_pmf(x))
        total, k = term, x
        while k < n:
            term *= (n - k) / (k + 1) * odds
            k += 1
            total += term
            if term < total * NEGLIGIBLE:
                break
        return min(total, 1.0)
    # Lower tail P(X <= x-1), walking down from x-1, then its complement.
    term = math.exp(log_pmf(x - 1))
    total, k = term, x - 1
    while k > 0:
        term *= k / (n - k + 1) / odds
        k -= 1
        total += term
        if term < total * NEGLIGIBLE:
            break
    return max(0.0, 1.0 - total)


def significant_rise(count: int, trailing: list[int] | tuple[int, ...], alpha=ALPHA) -> Rise:
    """Test the latest month's `count` against the `trailing` months' counts (twelve of them).

    Flagged when the count is above the trailing mean and the one-sided p-value
    is below `alpha`.
    """
    if len(trailing) != TRAILING_MONTHS:
        raise ValueError(f"need {TRAILING_MONTHS} trailing months, got {len(trailing)}")
    if count < 0 or any(c < 0 for c in trailing):
        raise ValueError("counts cannot be negative")
    before = sum(trailing)
    expected = before / TRAILING_MONTHS
    p_value = binomial_upper_tail(count, count + before, 1 / (TRAILING_MONTHS + 1))
    return Rise(count, before, expected, p_value, count > expected and p_value < alpha)
