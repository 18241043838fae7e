"""Output: JSON, standalone accessible HTML pages (no script), and CSV safe for spreadsheets.

The pages are written with the standard library (html.escape), not Django templates, so
the commands stay free of Django; every piece of the document's text is escaped.
"""

from __future__ import annotations

import csv
import json
from html import escape
from typing import TextIO

from redress.code.provisions import SECTIONS

from .flags import CODES, TITLES
from .review import Comparison, Review

_STYLE = """
body{font-family:Arial,Helvetica,sans-serif;line-height:1.4;margin:1.5rem;color:#0b0c0c}
table{border-collapse:collapse;width:100%;margin-bottom:2rem}
caption{text-align:left;font-weight:bold;font-size:1.2rem;padding:.5rem 0}
th,td{border:1px solid #505a5f;padding:.4rem;vertical-align:top;text-align:left}
thead th{background:#f3f2f1}
.flag{display:block;margin:.2rem 0}
.flag strong{background:#ffdd00;color:#0b0c0c;padding:0 .2rem}
.ok{color:#005a30}
"""


def write_json(data: dict, out: TextIO) -> None:
    json.dump(data, out, ensure_ascii=False, indent=1)
    out.write("\n")


def _page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{_STYLE}</style>\n</head>\n"
        f"<body>\n<main>\n<h1>{escape(title)}</h1>\n{body}</main>\n</body>\n</html>\n"
    )


def _answer(comply: str | None) -> str:
    return {"yes": "Yes", "no": "No", "partial": "Partial"}.get(comply or "", "No answer")


def _flags_html(flags) -> str:
    if not flags:
        return '<span class="ok">No flags</span>'
    return "".join(
        f'<span class="flag"><strong>{escape(TITLES[f.code])}</strong> {escape(f.explanation)}'
        + (f" <q>{escape(f.phrase)}</q>" if f.phrase else "")
        + "</span>"
        for f in flags
    )


def _counts_table(caption: str, rows: list[tuple[str, dict]]) -> str:
    head = "".join(f'<th scope="col">{escape(TITLES[c])}</th>' for c in CODES)
    body = "".join(
        f'<tr><th scope="row">{escape(label)}</th><td>{c["provisions"]}</td>'
        f"<td>{c['flagged']}</td>"
        + "".join(f"<td>{c['flags'][code]}</td>" for code in CODES)
        + "</tr>\n"
        for label, c in rows
    )
    return (
        f"<table>\n<caption>{escape(caption)}</caption>\n<thead><tr>"
        '<th scope="col">Section</th><th scope="col">Provisions</th>'
        f'<th scope="col">Flagged</th>{head}</tr></thead>\n<tbody>\n{body}</tbody>\n</table>\n'
    )


def review_html(result: Review) -> str:
    a = result.assessment
    title = f"Self-assessment review: {a.name}" + (f", {a.period}" if a.period else "")
    totals = result.totals()
    summary_rows = [(f"{s['section']}. {s['title']}", s) for s in result.sections()]
    summary_rows.append(("All sections", totals))
    body = [
        f"<p>{totals['flagged']} of {totals['provisions']} provisions flagged; "
        f"{sum(totals['flags'].values())} flags in all.</p>\n",
        _counts_table("Flags by section", summary_rows),
    ]
    for number, title_text in SECTIONS.items():
        rows = [r for r in result.rows if r.provision.section == number]
        body.append(
            f"<table>\n<caption>Section {number}: {escape(title_text)}</caption>\n<thead><tr>"
            '<th scope="col">Provision</th><th scope="col">Requirement</th>'
            '<th scope="col">Answer</th><th scope="col">Evidence</th>'
            '<th scope="col">Commentary</th><th scope="col">Flags</th></tr></thead>\n<tbody>\n'
        )
        for row in rows:
            p = row.provision
            body.append(
                f'<tr><th scope="row">{escape(p.number)}</th><td>{escape(p.requirement)}</td>'
                f"<td>{escape(_answer(p.comply))}</td><td>{escape(p.evidence)}</td>"
                f"<td>{escape(p.commentary)}</td><td>{_flags_html(row.flags)}</td></tr>\n"
            )
        body.append("</tbody>\n</table>\n")
    return _page(title, "".join(body))


def compare_html(comparison: Comparison) -> str:
    names = comparison.names()
    head = "".join(f'<th scope="col">{escape(name)}</th>' for name in names)
    body = [
        "<table>\n<caption>Answers and flags by provision</caption>\n<thead><tr>"
        f'<th scope="col">Provision</th>{head}</tr></thead>\n<tbody>\n'
    ]
    for number, _section, rows in comparison.rows():
        cells = "".join(
            f"<td><strong>{escape(_answer(r.provision.comply))}</strong>"
            + "".join(
                f'<span class="flag">{escape(TITLES[f.code])}'
                + (f": <q>{escape(f.phrase)}</q>" if f.phrase else "")
                + "</span>"
                for f in r.flags
            )
            + "</td>"
            for r in rows
        )
        body.append(f'<tr><th scope="row">{escape(number)}</th>{cells}</tr>\n')
    body.append("</tbody>\n</table>\n")
    body.append(
        "<table>\n<caption>Totals</caption>\n<thead><tr>"
        f'<th scope="col">Measure</th>{head}</tr></thead>\n<tbody>\n'
    )
    for label, values in _totals(comparison):
        cells = "".join(f"<td>{value}</td>" for value in values)
        body.append(f'<tr><th scope="row">{escape(label)}</th>{cells}</tr>\n')
    body.append("</tbody>\n</table>\n")
    return _page("Self-assessments compared", "".join(body))


def _totals(comparison: Comparison) -> list[tuple[str, list[int]]]:
    totals = [item.totals() for item in comparison.reviews]
    rows = [
        ("Answered yes", [t["answers"]["yes"] for t in totals]),
        ("Answered partial", [t["answers"]["partial"] for t in totals]),
        ("Answered no", [t["answers"]["no"] for t in totals]),
        ("No answer", [t["answers"]["none"] for t in totals]),
        ("Provisions flagged", [t["flagged"] for t in totals]),
    ]
    rows += [(f"Flag: {TITLES[code]}", [t["flags"][code] for t in totals]) for code in CODES]
    return rows


def _safe(value: object) -> object:
    """A cell a spreadsheet will not run as a formula (OWASP's CSV injection advice)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def compare_csv(comparison: Comparison, out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\n")
    names = comparison.names()
    header = ["provision", "section"]
    for name in names:
        header += [f"{name}: answer", f"{name}: flags"]
    writer.writerow([_safe(cell) for cell in header])
    for number, section, rows in comparison.rows():
        line: list[object] = [number, section]
        for r in rows:
            line += [_answer(r.provision.comply), "; ".join(f.code for f in r.flags)]
        writer.writerow([_safe(cell) for cell in line])
    for label, values in _totals(comparison):
        line = [label, ""]
        for value in values:
            line += [value, ""]
        writer.writerow([_safe(cell) for cell in line])
