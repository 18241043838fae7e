"""Read a tracker export into columns: numpy dates for the audit, lists for the text.

Speed is the point (a million rows in about two seconds). The file is read
in chunks of lines; a chunk without quotes is split on commas (twice as fast
as the csv module), any other goes through the csv module. Every cell rule in
`columns` runs once per distinct cell text, through lookups shared by all
chunks: a tracker has a few thousand distinct dates however many rows it has.
Garbage collection is paused while chunks are built; it would only rescan
millions of short-lived objects.

A bad cell leaves its row out and is reported with its row (the count of
records after the header, blank ones included) and line (where the record
starts in the file).
"""

from __future__ import annotations

import csv
import datetime as dt
import gc
import io
import itertools
import operator
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TextIO

import numpy as np

from . import columns as C
from .rows import TrackerRow, make_extension

NAT = int(np.datetime64("NaT", "D").astype(np.int64))
_FAILED_DATE = NAT + 1  # no real date: the calendars stop long before
_EPOCH = dt.date(1970, 1, 1).toordinal()  # datetime64[D] counts days from here
CHUNK_ROWS = 50_000
_COUNT_COMMAS = operator.methodcaller("count", ",")


class TrackerFileError(ValueError):
    """A file that cannot be read as a tracker at all (as opposed to a bad cell)."""


@dataclass(frozen=True)
class BadCell:
    row: int
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"row {self.row} (line {self.line}), column {self.column}: {self.message}"


@dataclass
class TrackerFile:
    """The valid rows of an export, column by column, and the bad cells left out.

    `dates` are datetime64[D] (NaT for empty), `days` int64 (-1 for empty),
    text is stripped. Missing known columns read as empty.
    """

    header: list[str]
    rows: np.ndarray
    lines: np.ndarray
    reference: list[str]
    dates: dict[str, np.ndarray]
    days: dict[str, np.ndarray]
    text: dict[str, list[str]]
    refused: np.ndarray
    problems: list[BadCell] = field(default_factory=list)
    records: int = 0

    def __len__(self) -> int:
        return len(self.reference)


def read_tracker(
    source: str | os.PathLike | TextIO,
    *,
    progress: Callable[[int], None] | None = None,
    chunk_rows: int = CHUNK_ROWS,
) -> TrackerFile:
    """Read a path ("-" is stdin) or an open text file; `progress` gets the bytes read so far."""
    name = "the export"
    try:
        if not isinstance(source, str | os.PathLike):
            return _read(source, None, chunk_rows)
        name = "standard input" if str(source) == "-" else os.fsdecode(source)
        if str(source) == "-":
            stdin = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8-sig", newline="")
            return _read(stdin, None, chunk_rows)
        with (
            open(source, "rb") as raw,
            io.TextIOWrapper(raw, encoding="utf-8-sig", newline="") as text,
        ):
            return _read(text, progress and (lambda: progress(raw.tell())), chunk_rows)
    except OSError as error:
        raise TrackerFileError(f"cannot read {name}: {error.strerror}") from None
    except UnicodeDecodeError as error:
        raise TrackerFileError(f"{name} is not UTF-8 text: {error}") from None
    except csv.Error as error:
        # A bare carriage return in an unquoted cell, say (found by hypothesis).
        raise TrackerFileError(f"{name} is not a readable CSV file: {error}") from None


def _read(text: TextIO, tick: Callable[[], None] | None, chunk_rows: int) -> TrackerFile:
    header_reader = csv.reader(text)
    header = [name.strip().lower() for name in next(header_reader, [])]
    index = _column_index(header)
    lines_used = header_reader.line_num
    lookups = _Lookups()
    parts: list[_Chunk] = []
    first_row = 1
    with _gc_paused():
        while lines := list(itertools.islice(text, chunk_rows)):
            table, starts, used = _split(lines, text, len(header), lines_used)
            parts.append(_convert(table, starts, first_row, index, lookups))
            first_row += len(starts)
            lines_used += used
            if tick:
                tick()
    return _concatenate(header, parts, first_row - 1)


def _split(
    lines: list[str], rest: Iterator[str], width: int, line_before: int
) -> tuple[list[Sequence[str]], Sequence[int], int]:
    """A chunk of lines as columns, the line each record starts on, and the lines used.

    Most exports have no quotes: then every line is one record and splitting
    on commas is twice as fast as the csv module. Otherwise the csv module
    reads the chunk, and on into the file if a quoted cell spans the end.
    """
    text = "".join(lines)
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    if '"' not in text and "\r" not in text and set(map(_COUNT_COMMAS, lines)) == {width - 1}:
        cells = (text if text.endswith("\n") else text + "\n").replace("\n", ",").split(",")
        n = len(lines)
        table = [cells[k : n * width : width] for k in range(width)]
        return table, range(line_before + 1, line_before + n + 1), n
    reader = csv.reader(itertools.chain(lines, rest))
    records: list[list[str]] = []
    starts: list[int] = []
    used = 0
    try:
        while used < len(lines):
            record = next(reader)
            starts.append(line_before + used + 1)
            records.append((record + [""] * (width - len(record)))[:width])
            used = reader.line_num
    except csv.Error as error:
        raise TrackerFileError(f"line {line_before + used + 1}: {error}") from None
    return list(zip(*records, strict=True)), starts, used


def _column_index(header: list[str]) -> dict[str, int]:
    if not any(header):
        raise TrackerFileError("the file is empty: expected a header row")
    index: dict[str, int] = {}
    for position, name in enumerate(header):
        if name in C.KNOWN_COLUMNS:
            if name in index:
                raise TrackerFileError(f"column {name} appears twice in the header")
            index[name] = position
    missing = [name for name in C.REQUIRED_COLUMNS if name not in index]
    if missing:
        raise TrackerFileError(f"the header has no {' or '.join(missing)} column")
    return index


@contextmanager
def _gc_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _Lookup(dict):
    """Cell text to value, parsing each distinct text once; a bad cell maps to `failed`."""

    def __init__(self, parse: Callable[[str], object], failed: int) -> None:
        super().__init__()
        self.parse = parse
        self.failed = failed
        self.errors: dict[str, str] = {}

    def __missing__(self, text: str) -> object:
        try:
            value = self.parse(text)
        except ValueError as error:
            value, self.errors[text] = self.failed, str(error)
        self[text] = value
        return value


class _Lookups:
    """One lookup per kind of cell, shared by every chunk and column of that kind."""

    def __init__(self) -> None:
        self.date = _Lookup(_date_number, _FAILED_DATE)
        self.days = _Lookup(_days_number, -2)
        self.refused = _Lookup(C.parse_refused_cell, 2)


@dataclass
class _Chunk:
    rows: np.ndarray
    lines: np.ndarray
    reference: list[str]
    dates: dict[str, np.ndarray]
    days: dict[str, np.ndarray]
    text: dict[str, list[str]]
    refused: np.ndarray
    problems: list[BadCell]


def _convert(
    table: list[Sequence[str]],
    starts: Sequence[int],
    first_row: int,
    index: dict[str, int],
    lookups: _Lookups,
) -> _Chunk:
    n = len(starts)
    empty = ("",) * n

    def column(name: str) -> Sequence[str]:
        return table[index[name]] if name in index else empty

    bad = np.zeros(n, dtype=bool)
    failed: dict[str, np.ndarray] = {}  # per column, the cells that did not parse
    found: list[tuple[int, int, str, str]] = []  # (row in chunk, column position, name, message)

    def flag(name: str, where: np.ndarray, message: Callable[[int], str]) -> None:
        for i in np.flatnonzero(where).tolist():
            bad[i] = True
            found.append((i, index.get(name, -1), name, message(i)))

    def convert(name: str, lookup: _Lookup, dtype: str) -> np.ndarray:
        values = column(name)
        result = np.fromiter(map(lookup.__getitem__, values), dtype=dtype, count=n)
        failed[name] = result == lookup.failed
        flag(name, failed[name], lambda i: lookup.errors[values[i]])
        return result

    dates = {}
    for name in C.DATE_COLUMNS:
        numbers = convert(name, lookups.date, "int64")
        numbers[failed[name]] = NAT
        dates[name] = numbers.view("datetime64[D]")
    days = {name: convert(name, lookups.days, "int64") for name in C.DAYS_COLUMNS}
    refused = convert(C.REFUSED, lookups.refused, "int8") == 1
    reference = list(map(str.strip, column(C.REFERENCE)))
    text = {name: list(map(str.strip, column(name))) for name in C.TEXT_COLUMNS}

    no_reference = ~np.fromiter(map(bool, reference), dtype=bool, count=n)
    blank = np.zeros(n, dtype=bool)
    for i in np.flatnonzero(no_reference).tolist():
        blank[i] = not "".join(cells[i] for cells in table).strip()
    flag(C.REFERENCE, no_reference & ~blank, lambda i: "empty: every complaint needs a reference")
    accepted = ~refused & ~blank & ~failed[C.REFUSED]
    received = C.STAGES[1].requested
    flag(
        received,
        accepted & np.isnat(dates[received]) & ~failed[received],
        lambda i: "empty, but the complaint is not marked refused",
    )
    escalation = C.STAGES[2].requested
    stage2_facts = np.zeros(n, dtype=bool)
    for name in C.STAGE2_FACTS:
        stage2_facts |= ~np.isnat(dates[name]) if name in dates else days[name] >= 0
    flag(
        escalation,
        accepted & np.isnat(dates[escalation]) & ~failed[escalation] & stage2_facts,
        lambda i: "empty, but stage 2 has dates or an extension",
    )

    rows = np.arange(first_row, first_row + n)
    lines = np.asarray(starts, dtype=np.int64)
    problems = [
        BadCell(int(rows[i]), int(lines[i]), name, message)
        for i, _, name, message in sorted(found, key=lambda f: (f[0], f[1]))
    ]
    keep = ~bad & ~blank
    if keep.all():
        return _Chunk(rows, lines, reference, dates, days, text, refused, problems)
    kept = keep.tolist()
    return _Chunk(
        rows[keep],
        lines[keep],
        list(itertools.compress(reference, kept)),
        {name: values[keep] for name, values in dates.items()},
        {name: values[keep] for name, values in days.items()},
        {name: list(itertools.compress(values, kept)) for name, values in text.items()},
        refused[keep],
        problems,
    )


def _date_number(text: str) -> int:
    day = C.parse_date_cell(text)
    return NAT if day is None else day.toordinal() - _EPOCH


def _days_number(text: str) -> int:
    days = C.parse_days_cell(text)
    return -1 if days is None else days


def _concatenate(header: list[str], parts: list[_Chunk], records: int) -> TrackerFile:
    def join(arrays: list[np.ndarray], dtype: str) -> np.ndarray:
        return np.concatenate(arrays) if arrays else np.array([], dtype=dtype)

    return TrackerFile(
        header=header,
        rows=join([p.rows for p in parts], "int64"),
        lines=join([p.lines for p in parts], "int64"),
        reference=list(itertools.chain.from_iterable(p.reference for p in parts)),
        dates={n: join([p.dates[n] for p in parts], "datetime64[D]") for n in C.DATE_COLUMNS},
        days={n: join([p.days[n] for p in parts], "int64") for n in C.DAYS_COLUMNS},
        text={
            n: list(itertools.chain.from_iterable(p.text[n] for p in parts)) for n in C.TEXT_COLUMNS
        },
        refused=join([p.refused for p in parts], "bool"),
        problems=[problem for p in parts for problem in p.problems],
        records=records,
    )


def iter_tracker_rows(tracker: TrackerFile) -> Iterator[TrackerRow]:
    """The valid rows as TrackerRow objects, in file order (for `redress import-cases`)."""
    dates = {name: values.astype(object).tolist() for name, values in tracker.dates.items()}
    days = {name: values.tolist() for name, values in tracker.days.items()}
    s1, s2 = C.STAGES[1], C.STAGES[2]

    def extension(stage: C.StageColumns, i: int):
        count = days[stage.extension_days][i]
        return make_extension(
            None if count < 0 else count,
            dates[stage.extension_agreed][i],
            tracker.text[stage.extension_reason][i],
        )

    for i, reference in enumerate(tracker.reference):
        yield TrackerRow(
            line=int(tracker.lines[i]),
            reference=reference,
            received=dates[s1.requested][i],
            stage1_acknowledged=dates[s1.acknowledged][i],
            stage1_responded=dates[s1.responded][i],
            stage1_handler=tracker.text[s1.handler][i],
            stage1_extension=extension(s1, i),
            escalation_requested=dates[s2.requested][i],
            stage2_acknowledged=dates[s2.acknowledged][i],
            stage2_responded=dates[s2.responded][i],
            stage2_handler=tracker.text[s2.handler][i],
            stage2_extension=extension(s2, i),
            refused=bool(tracker.refused[i]),
            refusal_reason=tracker.text[C.REFUSAL_REASON][i],
        )
