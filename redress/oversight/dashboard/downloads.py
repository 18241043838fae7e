"""Every dashboard table as a CSV or an Excel file, written from the table the page shows.

Figures only, but some labels are typed by the landlord (category names), so a
text cell that a spreadsheet would read as a formula (= + - @, or a tab or
carriage return before one) is written with a leading apostrophe in the CSV, and
as a plain string, never a formula, in the workbook. Numbers stay numbers.
"""

from __future__ import annotations

import csv
import io

from django.http import HttpResponse
from openpyxl import Workbook

from redress.code.periods import Period
from redress.ui.downloads import attachment

from . import Table

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_text(value: str) -> str:
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, str):
        return safe_text(value)
    return value


def filename(table: Table, period: Period, extension: str) -> str:
    return f"complaints-{table.name}-{period.slug}.{extension}"


def csv_response(table: Table, period: Period) -> HttpResponse:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([safe_text(column) for column in table.columns])
    writer.writerows([_cell(value) for value in row] for row in table.rows)
    return attachment(out.getvalue(), "text/csv; charset=utf-8", filename(table, period, "csv"))


def workbook(table: Table) -> bytes:
    """One sheet: the caption, a blank row, the column headings, then the rows."""
    book = Workbook()
    sheet = book.active
    sheet.title = table.name[:31]
    for values in ([table.caption], [], list(table.columns), *table.rows):
        sheet.append([None if value is None else value for value in values])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
    sheet.column_dimensions["A"].width = 48
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_response(table: Table, period: Period) -> HttpResponse:
    return attachment(workbook(table), XLSX, filename(table, period, "xlsx"))
