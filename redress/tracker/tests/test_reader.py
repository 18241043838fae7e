"""Reading an export: forgiving about layout, strict about cells that would move a date."""

from __future__ import annotations

import datetime as dt
import io

import numpy as np
import pytest

from redress.code.timescales import Extension
from redress.tracker import TrackerFileError, TrackerRow, iter_tracker_rows, read_tracker

from .helpers import csv_text

D = dt.date


def read(text: str, **kwargs):
    return read_tracker(io.StringIO(text), **kwargs)


def dates(tracker, column):
    return tracker.dates[column].astype(object).tolist()


def test_column_order_is_irrelevant_and_unknown_columns_are_ignored():
    rows = [{"reference": "A", "received": "2025-04-18", "notes": "x,y", "stage1_handler": "Ann"}]
    one = read(csv_text(rows, ["notes", "stage1_handler", "received", "reference"]))
    two = read(csv_text(rows, ["reference", "received", "stage1_handler"]))
    assert list(iter_tracker_rows(one)) == list(iter_tracker_rows(two))
    assert one.problems == [] and one.reference == ["A"]


def test_missing_known_columns_read_as_empty():
    tracker = read("Reference , RECEIVED\nA,2025-06-02\n")  # header names: any case, spaces
    [row] = iter_tracker_rows(tracker)
    assert row == TrackerRow(line=2, reference="A", received=D(2025, 6, 2))


@pytest.mark.parametrize(
    "text, message",
    [
        ("reference,stage1_responded\nA,2025-01-01\n", "no received column"),
        ("received\n2025-01-01\n", "no reference column"),
        ("", "empty"),
        ("reference,received,received\n", "received appears twice"),
    ],
)
def test_a_file_without_the_required_columns_is_an_error(text, message):
    with pytest.raises(TrackerFileError, match=message):
        read(text)


def test_timestamps_are_taken_as_london_dates():
    rows = [
        {"reference": "utc-bst", "received": "2025-03-30T23:30:00Z"},  # 00:30 BST on the 31st
        {"reference": "utc-gmt", "received": "2025-01-15T23:30:00Z"},  # GMT: same day
        {"reference": "naive", "received": "2025-06-01T23:30:00"},  # naive is London time
        {"reference": "offset", "received": "2025-06-01T23:30:00-01:00"},  # 01:30 BST on the 2nd
        {"reference": "spaces", "received": " 2025-06-03 "},
    ]
    tracker = read(csv_text(rows))
    assert dates(tracker, "received") == [
        D(2025, 3, 31),
        D(2025, 1, 15),
        D(2025, 6, 1),
        D(2025, 6, 2),
        D(2025, 6, 3),
    ]


def test_a_bad_cell_leaves_its_row_out_and_names_row_line_and_column():
    rows = [
        {"reference": "A", "received": "2025-04-01"},
        {"reference": "B", "received": "2025-04-01", "stage1_responded": "2025-13-01"},
        {"reference": "C", "received": "2025-04-01"},
    ]
    tracker = read(csv_text(rows))
    assert tracker.reference == ["A", "C"]
    assert tracker.lines.tolist() == [2, 4]
    [problem] = tracker.problems
    assert (problem.row, problem.line, problem.column) == (2, 3, "stage1_responded")
    assert str(problem).startswith(
        "row 2 (line 3), column stage1_responded: '2025-13-01' is not a date"
    )


@pytest.mark.parametrize(
    "cells, column, message",
    [
        ({"received": ""}, "received", "empty, but the complaint is not marked refused"),
        ({"received": "18/04/2025"}, "received", "'18/04/2025' is not a date"),
        ({"received": "1899-12-31"}, "received", "outside 1990 to 2099"),
        ({"stage1_extension_working_days": "5.5"}, "stage1_extension_working_days", "whole"),
        ({"stage1_extension_working_days": "-1"}, "stage1_extension_working_days", "whole"),
        ({"stage2_extension_working_days": "ten"}, "stage2_extension_working_days", "whole"),
        ({"refused": "maybe"}, "refused", "'maybe' is not yes/no or a date"),
        ({"stage2_responded": "2025-05-01"}, "escalation_requested", "stage 2 has dates"),
        ({"reference": " "}, "reference", "needs a reference"),
    ],
)
def test_bad_cells(cells, column, message):
    tracker = read(csv_text([{"reference": "A", "received": "2025-04-01", **cells}]))
    assert len(tracker) == 0
    [problem] = tracker.problems
    assert problem.column == column
    assert message in problem.message


def test_every_bad_cell_of_a_row_is_reported_in_column_order():
    text = "stage1_responded,reference,received\n2025-02-30,A,soon\n"
    tracker = read(text)
    assert [str(p) for p in tracker.problems] == [
        "row 1 (line 2), column stage1_responded: '2025-02-30' is not a date (YYYY-MM-DD) "
        "or ISO 8601 timestamp",
        "row 1 (line 2), column received: 'soon' is not a date (YYYY-MM-DD) or ISO 8601 timestamp",
    ]


@pytest.mark.parametrize("cell", ["", "no", "N", "False", "0", " n "])
def test_not_refused(cell):
    tracker = read(csv_text([{"reference": "A", "received": "2025-04-01", "refused": cell}]))
    assert tracker.refused.tolist() == [False]


@pytest.mark.parametrize("cell", ["yes", "Y", "TRUE", "1", "x", "X", "2025-04-03"])
def test_refused_and_refused_rows_need_no_received_date(cell):
    rows = [{"reference": "A", "refused": cell, "refusal_reason": "over 12 months old"}]
    [row] = iter_tracker_rows(read(csv_text(rows)))
    assert row.refused and row.received is None
    assert row.refusal_reason == "over 12 months old"


def test_extensions_as_recorded():
    base = {"reference": "A", "received": "2025-04-01"}
    rows = [
        {**base, "stage1_extension_working_days": "5", "stage1_extension_agreed": "2025-04-10",
         "stage1_extension_reason": " survey "},
        {**base, "stage1_extension_working_days": "5"},  # no agreed date: recorded, will not count
        {**base, "stage1_extension_agreed": "2025-04-10"},  # no days: recorded, will not count
        {**base, "stage1_extension_working_days": "0", "stage1_extension_reason": "n/a"},  # none
        {**base, "stage1_extension_reason": "a reason alone is no extension"},
    ]  # fmt: skip
    extensions = [row.stage1_extension for row in iter_tracker_rows(read(csv_text(rows)))]
    assert extensions == [
        Extension(5, D(2025, 4, 10), "survey", good_reason=True),
        Extension(5, None, "", good_reason=False),
        Extension(0, D(2025, 4, 10), "", good_reason=False),
        None,
        None,
    ]


def test_blank_lines_and_empty_rows_are_skipped_but_counted_as_rows():
    text = "reference,received\nA,2025-04-01\n\n , \nB,oops\n"
    tracker = read(text)
    assert tracker.reference == ["A"]
    assert [(p.row, p.line) for p in tracker.problems] == [(4, 5)]


def test_short_and_long_rows():
    tracker = read("reference,received,stage1_handler\nA,2025-04-01\nB,2025-04-02,Ann,extra\n")
    assert tracker.reference == ["A", "B"]
    assert tracker.text["stage1_handler"] == ["", "Ann"]


@pytest.mark.parametrize("chunk_rows", [1, 2, 3, 50_000])
def test_lines_of_records_after_a_quoted_cell_spanning_lines(chunk_rows):
    text = (
        "reference,received,stage1_extension_reason\r\n"
        'A,2025-04-01,"two\r\nlines, and a comma"\r\n'
        "B,2025-04-01,\r\n"
        'C,"2025-04-01","three\nlines\n"\r\n'
        "D,bad,\r\n"
    )
    tracker = read(text, chunk_rows=chunk_rows)
    assert tracker.reference == ["A", "B", "C"]
    assert tracker.lines.tolist() == [2, 4, 5]
    assert tracker.text["stage1_extension_reason"][0] == "two\r\nlines, and a comma"
    assert [(p.row, p.line) for p in tracker.problems] == [(4, 8)]


def test_a_byte_order_mark_and_a_missing_final_newline(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes("\ufeffreference,received\r\nA,2025-04-01".encode())
    tracker = read_tracker(path)
    assert tracker.reference == ["A"]
    assert dates(tracker, "received") == [D(2025, 4, 1)]


def test_an_unreadable_file_is_a_file_error(tmp_path):
    with pytest.raises(TrackerFileError, match="cannot read"):
        read_tracker(tmp_path / "missing.csv")
    latin1 = "reference,received\nCaf\xe9,2025-04-01\n".encode("latin-1")
    (tmp_path / "latin1.csv").write_bytes(latin1)
    with pytest.raises(TrackerFileError, match="not UTF-8"):
        read_tracker(tmp_path / "latin1.csv")


def test_rows_handed_to_the_import_carry_every_field():
    row = {
        "reference": " T-1 ",
        "received": "2025-04-01",
        "stage1_acknowledged": "2025-04-02",
        "stage1_responded": "2025-04-10",
        "stage1_handler": " Ann ",
        "escalation_requested": "2025-04-14",
        "stage2_acknowledged": "2025-04-16",
        "stage2_extension_working_days": "20",
        "stage2_extension_agreed": "2025-05-01",
        "stage2_extension_reason": "expert report",
        "stage2_responded": "2025-05-20",
        "stage2_handler": "Bob",
        "refused": "no",
    }
    [parsed] = iter_tracker_rows(read(csv_text([row])))
    assert parsed == TrackerRow(
        line=2,
        reference="T-1",
        received=D(2025, 4, 1),
        stage1_acknowledged=D(2025, 4, 2),
        stage1_responded=D(2025, 4, 10),
        stage1_handler="Ann",
        escalation_requested=D(2025, 4, 14),
        stage2_acknowledged=D(2025, 4, 16),
        stage2_responded=D(2025, 5, 20),
        stage2_handler="Bob",
        stage2_extension=Extension(20, D(2025, 5, 1), "expert report", good_reason=True),
    )
    assert isinstance(parsed.line, int) and isinstance(parsed.received, dt.date)


def test_an_empty_export_has_no_rows():
    tracker = read("reference,received\n")
    assert len(tracker) == 0 and tracker.problems == []
    assert tracker.dates["received"].dtype == np.dtype("datetime64[D]")
