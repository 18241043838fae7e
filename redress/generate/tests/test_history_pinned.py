"""A small seeded history, pinned row for row: reshaping `history` must not change it.

`History` is pure (no database): given the same seed, day, calendar, staff and
next ids it makes the same rows. The digests below are those rows as made before
`history` was cut into its lifecycle steps, so any change to what it writes (a
value, an order, a draw from the random generator) shows here, table by table.
A change meant to alter the generated rows updates the digests, and says why.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter

from redress.code.calendars import calendar_for
from redress.code.regimes import HOS_2024
from redress.generate import knobs, received_days
from redress.generate.history import History
from redress.generate.load import COLUMNS, SqliteWriter
from redress.generate.people import Staff
from redress.record.chain import GENESIS

TODAY = dt.date(2026, 12, 2)
SEED = 11
COMPLAINTS = 200

COUNTS = {
    "intake_resident": 141,
    "intake_representative": 8,
    "intake_reasonableadjustment": 10,
    "intake_contact": 200,
    "cases_complaint": 200,
    "cases_correspondence": 456,
    "cases_stage": 227,
    "cases_issue": 200,
    "cases_extension": 16,
    "cases_outstandingaction": 26,
    "remedies_remedy": 18,
    "letters_letter": 456,
    "record_event": 2110,
}
DIGESTS = {
    "intake_resident": "3955d13137a574bc",
    "intake_representative": "78a43775bad024ed",
    "intake_reasonableadjustment": "58433d9663da1ddf",
    "intake_contact": "6a15ef2c53de76f0",
    "cases_complaint": "32de143586840698",
    "cases_correspondence": "c192429770168c0c",
    "cases_stage": "766fc5234e385647",
    "cases_issue": "1612249ff936a031",
    "cases_extension": "8f9095a5dbbfad1c",
    "cases_outstandingaction": "3048d5f515aef15a",
    "remedies_remedy": "bd753703e7322f7a",
    "letters_letter": "1673d76fcfaf4e1c",
    "record_event": "c305976a1fb04460",
}
TIP = "2dfcab04874e2401467fc01593993db4a24f7385a49b55ec9862d7255bfdd61f"
ACTIONS = {
    "accepted": 195,
    "acknowledged": 219,
    "action_completed": 26,
    "adjustment_recorded": 10,
    "assigned": 222,
    "closed": 159,
    "contact_recorded": 200,
    "escalated": 27,
    "extended": 16,
    "letter_issued": 456,
    "received": 200,
    "refused": 5,
    "remedy_completed": 16,
    "remedy_declined": 2,
    "resident_recorded": 141,
    "responded": 216,
}


def _history() -> tuple[dict[str, list[tuple]], str]:
    calendar = calendar_for()
    history = History(
        seed=SEED,
        today=TODAY,
        now=dt.datetime(2026, 12, 2, 17, 0, tzinfo=dt.UTC),
        calendar=calendar,
        regime=HOS_2024,
        staff=Staff(
            officer=1,
            handlers=(2, 3, 4, 5),
            managers=(6,),
            names={1: "Olive Okafor", 2: "Hamid Hussain", 3: "Priya Patel", 6: "Maya Clarke"},
        ),
        contractors=(1, 2, 3),
        categories={name: pk for pk, name in enumerate(knobs.CATEGORIES, start=1)},
        templates={
            kind: (pk, 1)
            for pk, kind in enumerate(
                ("acknowledgement", "refusal", "extension", "stage_response"), start=1
            )
        },
        bands=[("low", 0.0, 100.0), ("middle", 100.01, 600.0), ("high", 600.01, None)],
        estates=3,
        next_ids={table: 1 for table in COLUMNS},
        chain_tip=GENESIS,
        stamp=SqliteWriter.stamp,
    )
    for day in received_days(COMPLAINTS, 2, SEED, TODAY, calendar):
        history.complaint(day)
    return history.take(), history.chain


def test_the_seeded_history_is_what_it_was():
    rows, tip = _history()
    assert {table: len(rows[table]) for table in COLUMNS} == COUNTS
    digests = {
        table: hashlib.sha256(repr(rows[table]).encode()).hexdigest()[:16] for table in COLUMNS
    }
    assert digests == DIGESTS
    # Every step of the lifecycle is in it, so the digests pin each one.
    assert Counter(row[3] for row in rows["record_event"]) == ACTIONS
    assert tip == TIP
