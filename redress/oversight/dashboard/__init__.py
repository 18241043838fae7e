"""The oversight dashboard: any period against the one before (9.x).

This module holds its tables, the one source for the page (`views`, `forms`), its charts
(`redress.oversight.charts`) and the CSV and Excel files (`downloads`); `services` records
that the MRC or the governing body received it.

Each table is built from `selectors` for a period and, where it compares, the
period of as many days before it. Cells are raw values (int, Decimal for money,
float for rates and medians, None where there is nothing to divide) and labels:
the landlord's category names are the only text a person typed, and never a
complaint's row. Views format the values; the downloads write them as they are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from redress.code.london import long_date
from redress.code.periods import Period

from .. import selectors

Value = int | float | Decimal | None


@dataclass(frozen=True)
class Table:
    name: str
    heading: str
    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple, ...]
    # Whether it sets the period against the previous one (label, this, previous, change).
    compares: bool = True
    # The chart draws the value columns up to this one (a comparison: this and previous).
    charted: int = 2
    # Whether each row is a series of the chart (bars per column) rather than a bar group.
    rows_are_series: bool = False

    def chart(self) -> tuple[list[str], list[tuple[str, list[int]]]]:
        """The chart's bar labels and its series (name, values), from the rows of counts only
        (money and rates would need scales of their own)."""
        rows = [row for row in self.rows if all(type(v) is int for v in row[1 : self.charted + 1])]
        names = ("This period", "Previous period") if self.compares else self.columns[1:]
        columns = list(range(1, self.charted + 1))
        if self.rows_are_series:
            labels = [self.columns[c] for c in columns]
            return labels, [(str(row[0]), [row[c] for c in columns]) for row in rows]
        labels = [str(row[0]) for row in rows]
        return labels, [(names[c - 1], [row[c] for row in rows]) for c in columns]


def change(now: Value, before: Value) -> Value:
    if now is None or before is None:
        return None
    difference = now - before
    return round(difference, 2) if isinstance(difference, float) else difference


def _compared(
    name: str,
    heading: str,
    caption: str,
    label: str,
    pairs: list[tuple[str, Value, Value]],
    period: Period,
) -> Table:
    return Table(
        name=name,
        heading=heading,
        caption=caption,
        columns=(
            label,
            f"This period ({period.label})",
            f"Previous period ({period.previous().label})",
            "Change",
        ),
        rows=tuple((text, now, before, change(now, before)) for text, now, before in pairs),
    )


def _labelled(now: list[dict], before: list[dict], key: str = "count") -> list[tuple]:
    """Pair rows by label, in this period's order, then any only the previous one has."""
    earlier = {row["label"]: row[key] for row in before}
    pairs = [(row["label"], row[key], earlier.pop(row["label"], 0)) for row in now]
    return pairs + [(label, 0, count) for label, count in earlier.items()]


def volumes(period: Period, today: dt.date) -> Table:
    now, before = (selectors.received_by_month(p) for p in (period, period.previous()))

    def total(rows, key):
        return sum(row[key] for row in rows)

    pairs = [
        ("Complaints received at stage 1", total(now, "received"), total(before, "received")),
        ("Of which not accepted", total(now, "refused"), total(before, "refused")),
        ("Escalations to stage 2 requested", total(now, "escalated"), total(before, "escalated")),
    ]
    rates = [selectors.per_thousand_homes(rows) for rows in (now, before)]
    if rates[0] is not None:
        pairs += [
            ("Stage 1 complaints accepted per 1,000 homes", rates[0]["stage1"], rates[1]["stage1"]),
            ("Stage 2 escalations per 1,000 homes", rates[0]["stage2"], rates[1]["stage2"]),
        ]
    homes = f" Rates are per 1,000 of {rates[0]['homes']:,} homes." if rates[0] else ""
    return _compared(
        "volumes",
        "Complaints received",
        "Complaints received at stage 1 (and how many were not accepted) and escalations to"
        f" stage 2 requested.{homes}",
        "Measure",
        pairs,
        period,
    )


def _month_label(start: dt.date, end: dt.date) -> str:
    month = f"{start:%B %Y}"
    whole = start.day == 1 and (end + dt.timedelta(days=1)).day == 1
    return month if whole else f"{month} ({start.day} to {end.day})"


def volumes_by_month(period: Period, today: dt.date) -> Table:
    months = period.months()
    rows = selectors.received_by_month(period)
    return Table(
        name="volumes-by-month",
        heading="Complaints received by month",
        caption=f"Complaints received and escalations requested in each month of {period.label}"
        " (a month the period only partly covers shows which days)",
        columns=(
            "Month",
            "Stage 1 received",
            "Of which not accepted",
            "Stage 2 escalations requested",
        ),
        rows=tuple(
            (_month_label(*month), row["received"], row["refused"], row["escalated"])
            for month, row in zip(months, rows, strict=True)
        ),
        compares=False,
        charted=3,
    )


def categories(period: Period, today: dt.date) -> Table:
    now, before = (selectors.categories(p) for p in (period, period.previous()))
    return _compared(
        "categories",
        "Categories",
        "Complaints received, by category",
        "Category",
        _labelled(now, before),
        period,
    )


def outcomes(period: Period, today: dt.date) -> Table:
    now, before = (selectors.decisions(p) for p in (period, period.previous()))
    pairs = []
    for row, earlier in zip(now, before, strict=True):
        stage = f"Stage {row['stage']}"
        for (_, label), n, m in zip(
            selectors.DECISIONS, row["counts"], earlier["counts"], strict=True
        ):
            pairs.append((f"{stage}: {label.lower()}", n, m))
        pairs.append((f"{stage}: points decided", row["total"], earlier["total"]))
    return _compared(
        "outcomes",
        "Outcomes",
        "Decisions on each point of complaint in the responses sent",
        "Stage and decision",
        pairs,
        period,
    )


TIMELINESS_ROWS = (
    ("responded", "responses sent"),
    ("acknowledged_on_time", "acknowledged on time"),
    ("responded_on_time", "responded to on time"),
    ("extended", "with an extension"),
    ("late", "answered late"),
    ("days_late", "working days late, in total"),
    ("median_days_late", "median working days late, of those answered late"),
)


def timeliness(period: Period, today: dt.date) -> Table:
    now, before = (selectors.timeliness(p) for p in (period, period.previous()))
    pairs = [
        (f"Stage {row['stage']}: {label}", row[key], earlier[key])
        for row, earlier in zip(now, before, strict=True)
        for key, label in TIMELINESS_ROWS
    ]
    return _compared(
        "timeliness",
        "Timeliness",
        "Responses sent: acknowledged on time (or answered within the time to acknowledge),"
        " responded to on time (an extension agreed in time counts), and how late the late"
        " ones were in working days (bank holidays and closure days do not count)",
        "Stage and measure",
        pairs,
        period,
    )


def open_now(period: Period, today: dt.date) -> Table:
    bands = [
        f"{low} to {high} days" if high is not None else f"{low} days or more"
        for low, high in selectors.AGE_BANDS
    ]
    return Table(
        name="open",
        heading="Open complaints by age",
        caption=f"Complaints awaiting the landlord's response on {long_date(today)}, by"
        " calendar days since the complaint was received (stage 1) or the escalation requested"
        " (stage 2). A count for today, whatever the period: there is no previous period.",
        columns=("Stage", *bands, "Open", "Overdue"),
        rows=tuple(
            (f"Stage {row['stage']}", *row["bands"], row["total"], row["overdue"])
            for row in selectors.open_now(today)
        ),
        compares=False,
        charted=len(bands),
        rows_are_series=True,
    )


def refusals(period: Period, today: dt.date) -> Table:
    now, before = (selectors.refusals(p) for p in (period, period.previous()))
    return _compared(
        "refusals",
        "Complaints not accepted",
        "Complaints received and not accepted, by the reason given",
        "Reason",
        _labelled(now, before),
        period,
    )


def remedies(period: Period, today: dt.date) -> Table:
    now, before = (selectors.remedies(p) for p in (period, period.previous()))
    pairs = [
        (f"Offered: {row['label'].lower()}", row["offered"], earlier["offered"])
        for row, earlier in zip(now["kinds"], before["kinds"], strict=True)
    ]
    for key, label in (
        ("offered", "Remedies offered"),
        ("completed", "Remedies completed"),
        ("financial_offered", "Financial remedies offered"),
        ("amount_offered", "Amount offered (£)"),
        ("financial_paid", "Financial remedies paid"),
        ("amount_paid", "Amount paid (£)"),
    ):
        pairs.append((label, now[key], before[key]))
    return _compared(
        "remedies",
        "Remedies",
        "Remedies offered in responses, by kind; remedies completed; and the financial"
        " remedies' amounts offered and paid (completed)",
        "Remedy",
        pairs,
        period,
    )


def learning(period: Period, today: dt.date) -> Table:
    now, before = (selectors.learning(p) for p in (period, period.previous()))
    return _compared(
        "learning",
        "Learning actions",
        "Lessons added to the learning log, improvements completed, and lessons still open"
        " at the end of each period",
        "Measure",
        [
            ("Lessons identified", now["identified"], before["identified"]),
            ("Improvements completed", now["completed"], before["completed"]),
            ("Lessons open at the end of the period", now["open_at_end"], before["open_at_end"]),
        ],
        period,
    )


def ombudsman(period: Period, today: dt.date) -> Table:
    now, before = (selectors.ombudsman_outcomes(p, today) for p in (period, period.previous()))
    pairs = _labelled(now["findings"], before["findings"])
    pairs += [
        (
            "Orders and recommendations due",
            now["orders"]["due_in_year"],
            before["orders"]["due_in_year"],
        ),
        (
            "Of those, complied with on time",
            now["orders"]["complied_on_time"],
            before["orders"]["complied_on_time"],
        ),
    ]
    return _compared(
        "ombudsman",
        "Housing Ombudsman outcomes",
        "The Ombudsman's findings on elements of complaints in cases determined, and orders"
        " and recommendations due",
        "Finding",
        pairs,
        period,
    )


# Every table, in the page's order: the CSV, Excel and chart URLs name them.
BUILDERS: dict[str, Callable[[Period, dt.date], Table]] = {
    "volumes": volumes,
    "volumes-by-month": volumes_by_month,
    "categories": categories,
    "outcomes": outcomes,
    "timeliness": timeliness,
    "open": open_now,
    "refusals": refusals,
    "remedies": remedies,
    "learning": learning,
    "ombudsman": ombudsman,
}


def table(name: str, period: Period, today: dt.date) -> Table:
    """One table by name (KeyError for a name the dashboard does not have)."""
    return BUILDERS[name](period, today)


def tables(period: Period, today: dt.date) -> list[Table]:
    return [build(period, today) for build in BUILDERS.values()]
