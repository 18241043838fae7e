"""Working-day calendars: properties against a day-by-day oracle, and hand-checked dates.

Every worked example writes its expected date as a literal and shows the count
in a comment; "(n)" marks the nth working day after the start.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redress.code.calendars import (
    CalendarError,
    WorkingDayCalendar,
    bank_holidays,
    calendar_for,
)

D = dt.date
EW = calendar_for("england-and-wales")
SCOT = calendar_for("scotland")
NI = calendar_for("northern-ireland")
CALENDARS = {"england-and-wales": EW, "scotland": SCOT, "northern-ireland": NI}

calendars = st.sampled_from(list(CALENDARS.values()))
days = st.dates(min_value=D(2015, 1, 1), max_value=D(2030, 12, 31))
counts = st.integers(min_value=0, max_value=45)
positive = st.integers(min_value=1, max_value=45)
FEW = settings(max_examples=150, deadline=None)


def oracle_add(calendar: WorkingDayCalendar, start: dt.date, n: int) -> dt.date:
    """The rule read literally, a day at a time, with no numpy: the nth working day after start."""
    day, seen = start, 0
    while seen < n:
        day += dt.timedelta(days=1)
        if calendar.is_working_day(day):
            seen += 1
    return day


def first_working_day_after(calendar: WorkingDayCalendar, day: dt.date) -> dt.date:
    day += dt.timedelta(days=1)
    while not calendar.is_working_day(day):
        day += dt.timedelta(days=1)
    return day


# --- properties ---------------------------------------------------------------------------


@FEW
@given(calendars, days, counts, counts)
def test_adding_n_then_m_equals_adding_n_plus_m(calendar, start, n, m):
    # This holds for n = 0 too, even from a weekend or bank-holiday start: adding
    # 0 leaves the start unchanged, so the second addition sees the same start.
    # (Had 0 rolled a non-working start to the working day before it, as numpy's
    # busday_offset does, it would still hold, but the "due" date would precede
    # the start; see test_adding_zero_leaves_the_date_alone.) For n >= 1 the first
    # result is a working day W = the nth after start, and W + m is the (n+m)th.
    via = calendar.add_working_days(calendar.add_working_days(start, n), m)
    assert via == calendar.add_working_days(start, n + m)


@FEW
@given(calendars, days, positive)
def test_matches_the_day_by_day_oracle(calendar, start, n):
    assert calendar.add_working_days(start, n) == oracle_add(calendar, start, n)


@FEW
@given(calendars, days, positive)
def test_every_due_date_is_a_working_day_strictly_after_the_start(calendar, start, n):
    # Only for n >= 1: adding 0 to a non-working day returns that non-working day.
    due = calendar.add_working_days(start, n)
    assert calendar.is_working_day(due)
    assert due > start


@FEW
@given(calendars, days)
def test_the_starting_day_never_counts(calendar, start):
    # Day 1 is the first working day strictly after the start, whether or not the
    # start is itself a working day (a weekend or bank-holiday start included).
    assert calendar.add_working_days(start, 1) == first_working_day_after(calendar, start)


@FEW
@given(calendars, days, positive)
def test_non_working_start_counts_like_the_working_day_before_it(calendar, start, n):
    # Received on a weekend or holiday: the first working day after it is day 1,
    # exactly as if it had been received on the last working day before it.
    if calendar.is_working_day(start):
        return
    before = start - dt.timedelta(days=1)
    while not calendar.is_working_day(before):
        before -= dt.timedelta(days=1)
    assert calendar.add_working_days(start, n) == calendar.add_working_days(before, n)


@FEW
@given(calendars, days, counts)
def test_working_days_left_counts_down_to_the_due_date(calendar, start, n):
    due = calendar.add_working_days(start, n)
    assert calendar.working_days_left(start, due) == n
    assert calendar.working_days_left(due, due) == 0


@FEW
@given(calendars, days, positive)
def test_working_days_left_is_negative_once_overdue(calendar, start, n):
    if not calendar.is_working_day(start):
        start = first_working_day_after(calendar, start)
    later = calendar.add_working_days(start, n)
    # Standing n working days after the due date: n working days overdue.
    assert calendar.working_days_left(later, start) == -n


@FEW
@given(calendars, days, days)
def test_working_days_left_matches_a_direct_count(calendar, today, due):
    lo, hi = sorted((today, due))
    between = sum(
        calendar.is_working_day(lo + dt.timedelta(days=k)) for k in range(1, (hi - lo).days + 1)
    )
    expected = between if due >= today else -between
    assert calendar.working_days_left(today, due) == expected


@settings(max_examples=60, deadline=None)
@given(
    calendars,
    st.lists(st.one_of(st.none(), days), min_size=1, max_size=12),
    st.lists(counts, min_size=12, max_size=12),
)
def test_array_version_agrees_with_the_single_date_version(calendar, starts, ns):
    ns = ns[: len(starts)]
    array = np.array([np.datetime64(s, "D") if s else np.datetime64("NaT") for s in starts])
    got = calendar.add_working_days_array(array, np.array(ns))
    for start, n, result in zip(starts, ns, got, strict=True):
        if start is None:
            assert np.isnat(result)
        else:
            assert result.astype(dt.date) == calendar.add_working_days(start, n)


# --- worked examples: England and Wales -------------------------------------------------


def test_weekend_start_counts_from_monday():
    # Received Sat 1 Jun 2024: Mon 3 (1), Tue 4 (2), Wed 5 (3), Thu 6 (4), Fri 7 (5).
    assert EW.add_working_days(D(2024, 6, 1), 5) == D(2024, 6, 7)
    # Sun 2 Jun and Fri 31 May give the same date: Mon 3 Jun is day 1 for all three.
    assert EW.add_working_days(D(2024, 6, 2), 5) == D(2024, 6, 7)
    assert EW.add_working_days(D(2024, 5, 31), 5) == D(2024, 6, 7)
    # Fri 7 Jun + 1: Sat and Sun do not count, Mon 10 Jun (1).
    assert EW.add_working_days(D(2024, 6, 7), 1) == D(2024, 6, 10)


def test_bank_holiday_start_counts_from_the_next_working_day():
    # Received on Mon 6 May 2024 (early May bank holiday): Tue 7 May is day 1.
    assert EW.add_working_days(D(2024, 5, 6), 1) == D(2024, 5, 7)


def test_adding_zero_leaves_the_date_alone():
    assert EW.add_working_days(D(2024, 6, 1), 0) == D(2024, 6, 1)  # a Saturday
    assert EW.add_working_days(D(2024, 6, 3), 0) == D(2024, 6, 3)  # a Monday
    starts = np.array(["2024-06-01", "2024-06-03"], dtype="datetime64[D]")
    assert list(EW.add_working_days_array(starts, 0)) == list(starts)


def test_easter_england_and_wales():
    # Good Friday 29 Mar and Easter Monday 1 Apr 2024 are bank holidays.
    # Received Thu 28 Mar: Tue 2 Apr (1), Wed 3 (2), Thu 4 (3), Fri 5 (4), Mon 8 (5).
    assert EW.add_working_days(D(2024, 3, 28), 5) == D(2024, 4, 8)
    assert not EW.is_working_day(D(2024, 3, 29))
    assert not EW.is_working_day(D(2024, 4, 1))


def test_christmas_2021_substitute_days():
    # 25 and 26 Dec 2021 fall on Sat/Sun: Mon 27 and Tue 28 are substitutes; New
    # Year's Day 2022 is a Saturday, so Mon 3 Jan 2022 is too.
    # Received Fri 24 Dec: Wed 29 (1), Thu 30 (2), Fri 31 (3), Tue 4 Jan (4), Wed 5 (5).
    assert EW.add_working_days(D(2021, 12, 24), 5) == D(2022, 1, 5)
    for day in (D(2021, 12, 27), D(2021, 12, 28), D(2022, 1, 3)):
        assert not EW.is_working_day(day)


def test_christmas_2022_substitute_days():
    # 25 Dec 2022 is a Sunday: Boxing Day Mon 26, substitute Tue 27; 1 Jan 2023 is a
    # Sunday: substitute Mon 2 Jan. Received Fri 23 Dec + 10: Wed 28 (1), Thu 29 (2),
    # Fri 30 (3), Tue 3 Jan (4), Wed 4 (5), Thu 5 (6), Fri 6 (7), Mon 9 (8), Tue 10 (9),
    # Wed 11 (10).
    assert EW.add_working_days(D(2022, 12, 23), 10) == D(2023, 1, 11)


def test_christmas_2027_substitute_days():
    # 25/26 Dec 2027 are Sat/Sun: Mon 27, Tue 28 are substitutes; 1 Jan 2028 is a
    # Saturday: Mon 3 Jan. Received Thu 23 Dec: Fri 24 (1), Wed 29 (2), Thu 30 (3),
    # Fri 31 (4), Tue 4 Jan (5).
    assert EW.add_working_days(D(2027, 12, 23), 5) == D(2028, 1, 4)


def test_platinum_jubilee_2022():
    # Spring bank holiday moved to Thu 2 Jun 2022, plus Fri 3 Jun.
    # Received Wed 1 Jun: Mon 6 (1), Tue 7 (2), Wed 8 (3), Thu 9 (4), Fri 10 (5).
    assert EW.add_working_days(D(2022, 6, 1), 5) == D(2022, 6, 10)
    # ...so the last Monday of May 2022 (30 May) was an ordinary working day.
    assert EW.add_working_days(D(2022, 5, 27), 1) == D(2022, 5, 30)


def test_state_funeral_2022():
    # Mon 19 Sep 2022. Received Thu 15 Sep: Fri 16 (1), Tue 20 (2), Wed 21 (3),
    # Thu 22 (4), Fri 23 (5). The same in all three nations.
    for calendar in CALENDARS.values():
        assert calendar.add_working_days(D(2022, 9, 15), 5) == D(2022, 9, 23)


def test_coronation_2023():
    # Mon 1 May 2023 (early May) and Mon 8 May (coronation). Received Fri 28 Apr:
    # Tue 2 (1), Wed 3 (2), Thu 4 (3), Fri 5 (4), Tue 9 (5).
    for calendar in CALENDARS.values():
        assert calendar.add_working_days(D(2023, 4, 28), 5) == D(2023, 5, 9)


# --- worked examples: Scotland ----------------------------------------------------------


def test_scotland_has_no_easter_monday():
    # Good Friday 29 Mar 2024 only. Received Thu 28 Mar: Mon 1 Apr (1), Tue 2 (2),
    # Wed 3 (3), Thu 4 (4), Fri 5 (5).
    assert SCOT.add_working_days(D(2024, 3, 28), 5) == D(2024, 4, 5)
    assert SCOT.is_working_day(D(2024, 4, 1))
    # Today Thu 28 Mar, due Tue 2 Apr: E&W counts Tue only; Scotland Mon and Tue.
    assert EW.working_days_left(D(2024, 3, 28), D(2024, 4, 2)) == 1
    assert SCOT.working_days_left(D(2024, 3, 28), D(2024, 4, 2)) == 2


def test_scotland_second_of_january():
    # 1 and 2 Jan 2025 (Wed, Thu). Received Tue 31 Dec 2024:
    # Scotland: Fri 3 (1), Mon 6 (2), Tue 7 (3), Wed 8 (4), Thu 9 (5).
    assert SCOT.add_working_days(D(2024, 12, 31), 5) == D(2025, 1, 9)
    # E&W: Thu 2 (1), Fri 3 (2), Mon 6 (3), Tue 7 (4), Wed 8 (5).
    assert EW.add_working_days(D(2024, 12, 31), 5) == D(2025, 1, 8)


def test_scotland_christmas_2021_and_new_year_substitutes():
    # Scotland 2021/22: Mon 27, Tue 28 Dec; 1 Jan (Sat) -> Mon 3 Jan, 2 Jan (Sun) -> Tue 4.
    # Received Fri 24 Dec: Wed 29 (1), Thu 30 (2), Fri 31 (3), Wed 5 Jan (4), Thu 6 (5).
    assert SCOT.add_working_days(D(2021, 12, 24), 5) == D(2022, 1, 6)


def test_scotland_christmas_2022():
    # Mon 26, Tue 27 Dec 2022; Mon 2 and Tue 3 Jan 2023. Received Fri 23 Dec + 10:
    # Wed 28 (1), Thu 29 (2), Fri 30 (3), Wed 4 (4), Thu 5 (5), Fri 6 (6), Mon 9 (7),
    # Tue 10 (8), Wed 11 (9), Thu 12 (10).
    assert SCOT.add_working_days(D(2022, 12, 23), 10) == D(2023, 1, 12)


def test_scotland_christmas_2027():
    # Mon 27, Tue 28 Dec 2027; Mon 3 and Tue 4 Jan 2028. Received Thu 23 Dec:
    # Fri 24 (1), Wed 29 (2), Thu 30 (3), Fri 31 (4), Wed 5 Jan (5).
    assert SCOT.add_working_days(D(2027, 12, 23), 5) == D(2028, 1, 5)


def test_st_andrews_day():
    # Thu 30 Nov 2023. Received Wed 29 Nov + 1: Scotland Fri 1 Dec; E&W Thu 30 Nov.
    assert SCOT.add_working_days(D(2023, 11, 29), 1) == D(2023, 12, 1)
    assert EW.add_working_days(D(2023, 11, 29), 1) == D(2023, 11, 30)
    # Sun 30 Nov 2025: substitute Mon 1 Dec. Received Fri 28 Nov + 1:
    # Scotland Tue 2 Dec; E&W Mon 1 Dec.
    assert SCOT.add_working_days(D(2025, 11, 28), 1) == D(2025, 12, 2)
    assert EW.add_working_days(D(2025, 11, 28), 1) == D(2025, 12, 1)


def test_scotland_summer_bank_holiday_is_early_august():
    # Scotland: Mon 5 Aug 2024; E&W: Mon 26 Aug 2024. Both received on a Friday + 1.
    assert SCOT.add_working_days(D(2024, 8, 2), 1) == D(2024, 8, 6)
    assert EW.add_working_days(D(2024, 8, 2), 1) == D(2024, 8, 5)
    assert SCOT.add_working_days(D(2024, 8, 23), 1) == D(2024, 8, 26)
    assert EW.add_working_days(D(2024, 8, 23), 1) == D(2024, 8, 27)


# --- worked examples: Northern Ireland --------------------------------------------------


def test_st_patricks_day():
    # Mon 17 Mar 2025. Received Fri 14 Mar + 1: NI Tue 18; E&W Mon 17.
    assert NI.add_working_days(D(2025, 3, 14), 1) == D(2025, 3, 18)
    assert EW.add_working_days(D(2025, 3, 14), 1) == D(2025, 3, 17)
    # Sun 17 Mar 2024: substitute Mon 18. Received Fri 15 Mar + 5:
    # NI: Tue 19 (1), Wed 20 (2), Thu 21 (3), Fri 22 (4), Mon 25 (5).
    assert NI.add_working_days(D(2024, 3, 15), 5) == D(2024, 3, 25)
    # E&W: Mon 18 (1), Tue 19 (2), Wed 20 (3), Thu 21 (4), Fri 22 (5).
    assert EW.add_working_days(D(2024, 3, 15), 5) == D(2024, 3, 22)


def test_twelfth_of_july():
    # Wed 12 Jul 2023. Received Tue 11 Jul + 1: NI Thu 13; E&W Wed 12.
    assert NI.add_working_days(D(2023, 7, 11), 1) == D(2023, 7, 13)
    assert EW.add_working_days(D(2023, 7, 11), 1) == D(2023, 7, 12)
    # Sat 12 Jul 2025: substitute Mon 14. Received Fri 11 Jul + 1: NI Tue 15; E&W Mon 14.
    assert NI.add_working_days(D(2025, 7, 11), 1) == D(2025, 7, 15)
    assert EW.add_working_days(D(2025, 7, 11), 1) == D(2025, 7, 14)


def test_northern_ireland_keeps_easter_monday():
    # As E&W: received Thu 28 Mar 2024: Tue 2 Apr (1) ... Mon 8 Apr (5).
    assert NI.add_working_days(D(2024, 3, 28), 5) == D(2024, 4, 8)


# --- landlord closures, working_days_left, errors ---------------------------------------

CHRISTMAS_CLOSURE = [D(2024, 12, 27), D(2024, 12, 30), D(2024, 12, 31)]


def test_landlord_closure_days_do_not_count():
    # Received Mon 23 Dec 2024, without closures: Tue 24 (1), Fri 27 (2), Mon 30 (3),
    # Tue 31 (4), Thu 2 Jan (5).
    assert EW.add_working_days(D(2024, 12, 23), 5) == D(2025, 1, 2)
    # The office shut 27, 30 and 31 Dec: Tue 24 (1), Thu 2 Jan (2), Fri 3 (3),
    # Mon 6 (4), Tue 7 (5).
    closed = calendar_for("england-and-wales", CHRISTMAS_CLOSURE)
    assert closed.add_working_days(D(2024, 12, 23), 5) == D(2025, 1, 7)
    assert not closed.is_working_day(D(2024, 12, 27))
    assert EW.is_working_day(D(2024, 12, 27))
    # Today Mon 23 Dec, due Tue 7 Jan: 5 working days left with the closure.
    assert closed.working_days_left(D(2024, 12, 23), D(2025, 1, 7)) == 5


def test_closures_may_be_any_iterable_and_share_one_calendar():
    as_list = calendar_for("england-and-wales", CHRISTMAS_CLOSURE)
    as_set = calendar_for("england-and-wales", set(reversed(CHRISTMAS_CLOSURE)))
    assert as_list is as_set
    built = WorkingDayCalendar("england-and-wales", CHRISTMAS_CLOSURE)  # type: ignore[arg-type]
    assert built == as_list
    assert hash(built) == hash(as_list)


def test_working_days_left_worked_examples():
    # Today Fri 7 Jun 2024: due Mon 10 is 1 left; due today 0; today Mon 10, due Fri 7: -1.
    assert EW.working_days_left(D(2024, 6, 7), D(2024, 6, 10)) == 1
    assert EW.working_days_left(D(2024, 6, 7), D(2024, 6, 7)) == 0
    assert EW.working_days_left(D(2024, 6, 10), D(2024, 6, 7)) == -1
    # Today Sat 8 Jun, due Mon 10: 1 left.
    assert EW.working_days_left(D(2024, 6, 8), D(2024, 6, 10)) == 1


def test_bank_holidays_per_nation():
    ew, scot, ni = (bank_holidays(n) for n in CALENDARS)
    assert D(2024, 4, 1) in ew and D(2024, 4, 1) not in scot and D(2024, 4, 1) in ni
    assert D(2024, 1, 2) in scot and D(2024, 1, 2) not in ew
    assert D(2024, 7, 12) in ni and D(2024, 7, 12) not in ew


def test_errors():
    with pytest.raises(CalendarError, match="unknown calendar"):
        calendar_for("wales-only")
    with pytest.raises(ValueError, match="negative"):
        EW.add_working_days(D(2024, 6, 3), -1)
    with pytest.raises(ValueError, match="negative"):
        EW.add_working_days_array(np.array(["2024-06-03"], dtype="datetime64[D]"), -1)
    with pytest.raises(CalendarError, match="outside"):
        EW.add_working_days(D(1989, 12, 29), 1)
    with pytest.raises(CalendarError, match="outside"):
        EW.is_working_day(D(2101, 1, 3))
