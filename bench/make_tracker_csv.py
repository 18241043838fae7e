"""Generate a realistic complaints-tracker export of N rows for benchmarks.

Shaped like a landlord's spreadsheet: two reporting years of complaints,
some received by email (timestamps, a few in UTC), most acknowledged and
answered (some late, some still open), a few extensions (some agreed late or
without a reason), about one in seven escalated, a few refused, handlers from
a small team (now and then the same person at both stages), and a column the
audit does not know. Seeded, so the same N gives the same file.

    python bench/make_tracker_csv.py 1000000 /tmp/tracker-1000000.csv
"""

from __future__ import annotations

import argparse
import csv
import sys

import numpy as np

HEADER = [
    "reference", "category", "received", "stage1_acknowledged", "stage1_extension_working_days",
    "stage1_extension_agreed", "stage1_extension_reason", "stage1_responded", "stage1_handler",
    "escalation_requested", "stage2_acknowledged", "stage2_extension_working_days",
    "stage2_extension_agreed", "stage2_extension_reason", "stage2_responded", "stage2_handler",
    "refused", "refusal_reason",
]  # fmt: skip
TEAM = [f"{first} {last}" for first in ("Ann", "Bola", "Chen", "Dev", "Erin") for last in (
    "Smith", "Jones", "Patel", "Okafor", "Brown", "Walsh", "Khan", "Evans")]  # fmt: skip
CATEGORIES = ["repairs", "damp and mould", "anti-social behaviour", "rent", "staff conduct"]


def make(rows: int, seed: int = 2025) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    day = np.timedelta64(1, "D")

    def chance(p: float) -> np.ndarray:
        return rng.random(rows) < p

    def after(start: np.ndarray, low: int, high: int) -> np.ndarray:
        return start + rng.integers(low, high + 1, rows) * day

    nat = np.datetime64("NaT", "D")
    received = np.datetime64("2024-04-01") + rng.integers(0, 731, rows) * day
    refused = chance(0.03)
    ack1 = np.where(chance(0.04), nat, after(received, 0, 9))
    ext1 = chance(0.08) & ~np.isnat(ack1)
    resp1 = np.where(chance(0.08), nat, after(np.where(np.isnat(ack1), received, ack1), 3, 26))
    escalated = ~np.isnat(resp1) & chance(0.15)
    esc = np.where(escalated, after(resp1, 1, 40), nat)
    ack2 = np.where(escalated & chance(0.95), after(esc, 0, 9), nat)
    ext2 = chance(0.05) & ~np.isnat(ack2)
    resp2 = np.where(~np.isnat(ack2) & chance(0.9), after(ack2, 8, 38), nat)
    handler1 = rng.integers(0, len(TEAM), rows)
    handler2 = np.where(
        chance(0.03), handler1, (handler1 + rng.integers(1, len(TEAM), rows)) % len(TEAM)
    )

    text = {
        "reference": np.char.add("CMP-", np.arange(1, rows + 1).astype(str)),
        "category": np.array(CATEGORIES)[rng.integers(0, len(CATEGORIES), rows)],
        "received": _dates(received),
        "stage1_acknowledged": _dates(ack1),
        "stage1_extension_working_days": np.where(ext1, rng.integers(0, 16, rows).astype(str), ""),
        "stage1_extension_agreed": _dates(np.where(ext1 & chance(0.9), after(ack1, 5, 16), nat)),
        "stage1_extension_reason": np.where(ext1 & chance(0.85), "awaiting contractor report", ""),
        "stage1_responded": _dates(resp1),
        "stage1_handler": np.array(TEAM)[handler1],
        "escalation_requested": _dates(esc),
        "stage2_acknowledged": _dates(ack2),
        "stage2_extension_working_days": np.where(ext2, rng.integers(5, 25, rows).astype(str), ""),
        "stage2_extension_agreed": _dates(np.where(ext2, after(ack2, 10, 30), nat)),
        "stage2_extension_reason": np.where(ext2 & chance(0.9), "independent survey needed", ""),
        "stage2_responded": _dates(resp2),
        "stage2_handler": np.where(escalated, np.array(TEAM)[handler2], ""),
        "refused": np.where(refused, "yes", np.where(chance(0.5), "no", "")),
        "refusal_reason": np.where(refused, "matter over 12 months old", ""),
    }
    # One complaint in twenty arrives by email: a timestamp, in UTC or naive London time.
    emailed = np.flatnonzero(chance(0.05))
    minutes = rng.integers(0, 24 * 60, len(emailed))
    stamps = [
        f"{text['received'][i]}T{m // 60:02d}:{m % 60:02d}:00{'Z' if m % 2 else ''}"
        for i, m in zip(emailed, minutes.tolist(), strict=True)
    ]
    received_text = text["received"].astype(object)
    received_text[emailed] = stamps
    text["received"] = received_text
    return text


def _dates(days: np.ndarray) -> np.ndarray:
    return np.where(np.isnat(days), "", np.datetime_as_string(days))


def write(columns: dict[str, np.ndarray], out) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    rows = len(columns["reference"])
    for start in range(0, rows, 100_000):
        block = [columns[name][start : start + 100_000].tolist() for name in HEADER]
        writer.writerows(zip(*block, strict=True))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", type=int)
    parser.add_argument("output", help="path to write ('-' for stdout)")
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args(argv)
    columns = make(args.rows, args.seed)
    if args.output == "-":
        write(columns, sys.stdout)
    else:
        with open(args.output, "w", newline="", encoding="utf-8") as out:
            write(columns, out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
