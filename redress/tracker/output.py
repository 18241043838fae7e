"""Write an audit as a JSON array (streamed) or an aligned table.

A million rows must print in a second or two, so output is built in blocks:
dates become text with one numpy call per column, each distinct breach
bitmask is turned into its text once, and each block is written with one
call. The JSON array has one object per line, so it is valid JSON however
long it is, and can still be read line by line.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from json.encoder import encode_basestring_ascii as json_string
from typing import TextIO

import numpy as np

from redress.code.bulk import StageArrays

from .audit import Audit
from .reader import TrackerFile

BLOCK = 65_536
_TOKENS = ("null", "false", "true")  # indexed by done + on_time


def write_json(
    tracker: TrackerFile,
    audit: Audit,
    out: TextIO,
    progress: Callable[[int], None] | None = None,
) -> None:
    """The audit as a JSON array, one object per row in file order."""
    breach_text = {
        mask: json.dumps(list(audit.breach_names(mask)))
        for mask in np.unique(audit.breaches).tolist()
    }
    out.write("[")
    for start in range(0, len(tracker), BLOCK):
        block = slice(start, start + BLOCK)
        stage1 = _stage_json(audit.stage1, audit.has_stage1, block)
        stage2 = _stage_json(audit.stage2, audit.has_stage2, block)
        breaches = map(breach_text.__getitem__, audit.breaches[block].tolist())
        lead = "\n" if start == 0 else ",\n"
        out.write(
            lead
            + ",\n".join(
                f'{{"reference": {json_string(ref)}, "stage1": {s1}, "stage2": {s2}, '
                f'"breaches": {b}}}'
                for ref, s1, s2, b in zip(
                    tracker.reference[block], stage1, stage2, breaches, strict=True
                )
            )
        )
        if progress:
            progress(min(start + BLOCK, len(tracker)))
    out.write("\n]\n" if len(tracker) else "]\n")


def _stage_json(clock: StageArrays, present: np.ndarray, block: slice) -> list[str]:
    ack_by = _date_strings(clock.acknowledge_by[block])
    respond_by = _date_strings(clock.respond_by[block])
    ack = _tokens(clock.acknowledged[block], clock.acknowledged_on_time[block])
    resp = _tokens(clock.responded[block], clock.responded_on_time[block])
    return [
        f'{{"acknowledge_by": "{a}", "respond_by": "{r}", '
        f'"acknowledged_on_time": {ao}, "responded_on_time": {ro}}}'
        if p
        else "null"
        for p, a, r, ao, ro in zip(
            present[block].tolist(), ack_by, respond_by, ack, resp, strict=True
        )
    ]


def _date_strings(days: np.ndarray) -> list[str]:
    """Dates as YYYY-MM-DD ("NaT" for none), formatting each distinct day once."""
    numbers = days.view(np.int64)
    known = ~np.isnat(days)
    if not known.any():
        return ["NaT"] * len(days)
    low, high = int(numbers[known].min()), int(numbers[known].max())
    table = [
        *np.datetime_as_string(np.arange(low, high + 1, dtype="datetime64[D]")).tolist(),
        "NaT",
    ]
    positions = np.where(known, numbers - low, len(table) - 1)
    return list(map(table.__getitem__, positions.tolist()))


def _tokens(done: np.ndarray, on_time: np.ndarray) -> list[str]:
    codes = done.astype(np.int8) + (done & on_time)
    return list(map(_TOKENS.__getitem__, codes.tolist()))


TABLE_HEADINGS = (
    "reference",
    "stage 1 ack by",
    "stage 1 respond by",
    "stage 2 ack by",
    "stage 2 respond by",
    "breaches",
)


def write_table(
    tracker: TrackerFile,
    audit: Audit,
    out: TextIO,
    progress: Callable[[int], None] | None = None,
) -> None:
    """An aligned table for people: refused complaints and stages not reached show '-'."""
    widths = [max(len(TABLE_HEADINGS[0]), max(map(len, tracker.reference), default=0))]
    widths += [len(heading) for heading in TABLE_HEADINGS[1:5]]
    template = "  ".join(f"%-{width}s" for width in widths) + "  %s\n"
    out.write(template % TABLE_HEADINGS)
    breach_text = {
        mask: ", ".join(audit.breach_names(mask)) or "-"
        for mask in np.unique(audit.breaches).tolist()
    }
    for start in range(0, len(tracker), BLOCK):
        block = slice(start, start + BLOCK)
        s1 = _stage_cells(audit.stage1, audit.has_stage1, block, absent="refused")
        s2 = _stage_cells(audit.stage2, audit.has_stage2, block, absent="-")
        breaches = map(breach_text.__getitem__, audit.breaches[block].tolist())
        cells = zip(tracker.reference[block], *s1, *s2, breaches, strict=True)
        out.write("".join(template % row for row in cells))
        if progress:
            progress(min(start + BLOCK, len(tracker)))


def _stage_cells(
    clock: StageArrays, present: np.ndarray, block: slice, absent: str
) -> tuple[list[str], list[str]]:
    shown = present[block].tolist()
    ack = _date_strings(clock.acknowledge_by[block])
    respond = _date_strings(clock.respond_by[block])
    return (
        [day if show else absent for show, day in zip(shown, ack, strict=True)],
        [day if show else "-" for show, day in zip(shown, respond, strict=True)],
    )
