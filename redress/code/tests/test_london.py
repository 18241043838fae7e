"""London dates: a timestamp is converted to Europe/London before its date is taken."""

from __future__ import annotations

import datetime as dt

import pytest

from redress.code.london import london_date, parse_date_or_timestamp

D = dt.date
UTC = dt.UTC


def utc(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


def test_summer_late_evening_utc_is_the_next_london_date():
    # 23:30 UTC on 30 Jun 2024 is 00:30 BST on 1 Jul.
    assert london_date(utc(2024, 6, 30, 23, 30)) == D(2024, 7, 1)
    # 22:59 UTC is 23:59 BST: still 30 Jun.
    assert london_date(utc(2024, 6, 30, 22, 59)) == D(2024, 6, 30)


def test_winter_late_evening_utc_is_the_same_date():
    # 23:30 UTC on 15 Jan 2024 is 23:30 GMT.
    assert london_date(utc(2024, 1, 15, 23, 30)) == D(2024, 1, 15)


def test_clocks_go_forward_day():
    # BST began at 01:00 UTC on Sun 31 Mar 2024.
    assert london_date(utc(2024, 3, 31, 0, 30)) == D(2024, 3, 31)  # 00:30 GMT
    assert london_date(utc(2024, 3, 30, 23, 30)) == D(2024, 3, 30)  # 23:30 GMT, day before
    assert london_date(utc(2024, 3, 31, 22, 59)) == D(2024, 3, 31)  # 23:59 BST
    assert london_date(utc(2024, 3, 31, 23, 30)) == D(2024, 4, 1)  # 00:30 BST


def test_clocks_go_back_day():
    # BST ended at 01:00 UTC on Sun 27 Oct 2024.
    assert london_date(utc(2024, 10, 26, 23, 30)) == D(2024, 10, 27)  # 00:30 BST
    assert london_date(utc(2024, 10, 27, 0, 30)) == D(2024, 10, 27)  # 01:30 BST
    assert london_date(utc(2024, 10, 27, 23, 30)) == D(2024, 10, 27)  # 23:30 GMT


def test_other_offsets_are_converted_to_london():
    # 01:30 +02:00 on 1 Jul = 23:30 UTC on 30 Jun = 00:30 BST on 1 Jul.
    plus_two = dt.timezone(dt.timedelta(hours=2))
    assert london_date(dt.datetime(2024, 7, 1, 1, 30, tzinfo=plus_two)) == D(2024, 7, 1)
    # 20:30 -04:00 on 30 Jun = 00:30 UTC on 1 Jul = 01:30 BST on 1 Jul.
    minus_four = dt.timezone(dt.timedelta(hours=-4))
    assert london_date(dt.datetime(2024, 6, 30, 20, 30, tzinfo=minus_four)) == D(2024, 7, 1)


def test_naive_timestamps_are_taken_as_london_time():
    # Were it taken as UTC, 23:30 in summer would become the next day.
    assert london_date(dt.datetime(2024, 6, 30, 23, 30)) == D(2024, 6, 30)
    # The repeated hour of the clocks-go-back night is still 27 Oct.
    assert london_date(dt.datetime(2024, 10, 27, 1, 30)) == D(2024, 10, 27)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-06-30", D(2024, 6, 30)),
        ("  2024-06-30\n", D(2024, 6, 30)),
        ("2024-06-30T23:30:00Z", D(2024, 7, 1)),  # 00:30 BST
        ("2024-06-30T23:30:00z", D(2024, 7, 1)),
        ("2024-06-30T23:30:00+00:00", D(2024, 7, 1)),
        ("2024-06-30T23:30:00.123456Z", D(2024, 7, 1)),
        ("2024-01-15T23:30:00Z", D(2024, 1, 15)),  # 23:30 GMT
        ("2024-06-30T23:30:00", D(2024, 6, 30)),  # naive: London
        ("2024-06-30 23:30", D(2024, 6, 30)),
        ("2024-07-01T01:30:00+02:00", D(2024, 7, 1)),
        ("2024-03-31T23:30:00Z", D(2024, 4, 1)),  # clocks went forward that morning
        ("2024-10-27T23:30:00Z", D(2024, 10, 27)),  # clocks went back that morning
    ],
)
def test_parse_date_or_timestamp(text, expected):
    assert parse_date_or_timestamp(text) == expected


@pytest.mark.parametrize("text", ["", "Z", "30/06/2024", "2024-13-01", "yesterday", "2024-06-31"])
def test_parse_rejects_what_is_not_a_date(text):
    with pytest.raises(ValueError, match="is not a date"):
        parse_date_or_timestamp(text)
