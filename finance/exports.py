"""CSV and XLSX exports for a school's finance system, through one function.

NOTE: text cells go through `consortia.spreadsheets.safe_cell`, the product's one guard against a
spreadsheet running a cell as a formula. Amounts are written as numbers (a Decimal), not text, so a
credit of -12.50 stays a number.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from django.http import HttpResponse

from consortia.spreadsheets import safe_cell

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"




def _plain(value):
    if value is None:
        return ""
    if isinstance(value, bool | int | float | Decimal):
        return value
    return safe_cell(str(value))


def table_response(*, header: list[str], rows, filename: str, export_format: str, sheet: str) -> HttpResponse:
    header = [safe_cell(str(h)) for h in header]
    if export_format == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        response.write("\ufeff")  # Excel reads UTF-8 (Welsh names with ŵ, ŷ) only with the mark
        writer = csv.writer(response)
        writer.writerow(header)
        for row in rows:
            writer.writerow([_plain(value) for value in row])
        return response
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(title=sheet[:31])
    worksheet.append(header)
    for row in rows:
        worksheet.append([_plain(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
