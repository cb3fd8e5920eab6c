"""Every CSV and XLSX the product writes goes through here, so that no cell is ever run as a formula.

A spreadsheet program runs a cell that begins with `=`, `+`, `-` or `@` (or a tab or carriage
return before one) as a formula: a partnership named `=HYPERLINK(...)` would otherwise become a
link in the admin's spreadsheet. Such a text cell is written with a leading apostrophe, which
spreadsheets read as "this is text". Numbers and dates are left alone.

    from consortia import spreadsheets
    return spreadsheets.csv_response("partnerships", header, rows)
    return spreadsheets.xlsx_response("partnerships", _("Partnerships"), header, rows)

Imports read cells with `unescape_cell` (so an exported file imports back as it was) and warn
with `looks_like_formula` about values that a spreadsheet would run.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def looks_like_formula(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def safe_cell(value):
    """The value as a spreadsheet will show it, never run it."""
    return ESCAPE + value if looks_like_formula(value) else value


def safe_row(values: Iterable) -> list:
    return [safe_cell(value) for value in values]


def unescape_cell(value: str) -> str:
    """A cell read back from a file: the apostrophe `safe_cell` added is taken off again."""
    if value.startswith(ESCAPE) and looks_like_formula(value[1:]):
        return value[1:]
    return value


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(name: str, header: Sequence, rows: Iterable[Sequence]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    writer = csv.writer(response)
    writer.writerow(safe_row(header))
    writer.writerows(safe_row(row) for row in rows)
    return _attachment(response, f"{name}.csv")


def xlsx_response(name: str, sheet_title: str, header: Sequence, rows: Iterable[Sequence]) -> HttpResponse:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(sheet_title)[:31]  # the longest sheet name Excel accepts
    sheet.append(safe_row(header))
    for row in rows:
        sheet.append(safe_row(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _attachment(HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE), f"{name}.xlsx")
