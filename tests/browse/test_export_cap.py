"""Anonymous exports hold at most KB_EXPORT_ANON_ROWS rows, the first in the list's order, and
say so; signed-in readers get every row (docs/data.md)."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import make_proposal, make_source

pytestmark = pytest.mark.django_db


@pytest.fixture
def seven(settings):
    settings.KB_EXPORT_ANON_ROWS = 5
    source = make_source()
    return [make_proposal(source=source, title=f"Row {n}") for n in range(7)]


def _csv_titles(response) -> list[str]:
    text = b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff")
    return [row["Title"] for row in csv.DictReader(io.StringIO(text))]


def test_an_anonymous_csv_export_holds_the_first_rows_up_to_the_cap(client, seven):
    response = client.get(reverse("proposals:export-csv"))
    assert response["X-Export-Row-Cap"] == "5"
    assert _csv_titles(response) == [f"Row {n}" for n in range(5)]


def test_an_anonymous_json_export_says_it_was_cut(client, seven):
    body = client.get(reverse("proposals:export-json")).json()
    assert body["count"] == 5 and body["truncated"] is True
    assert [p["title"] for p in body["proposals"]] == [f"Row {n}" for n in range(5)]
    assert any("first 5 proposals" in notice for notice in body["notices"])
    small = client.get(reverse("proposals:export-json"), {"q": "nothing-matches-this"}).json()
    assert small["truncated"] is False and not small["notices"]


def test_an_anonymous_excel_export_is_capped_too(client, seven):
    response = client.get(reverse("proposals:export-xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 1 + 5  # the header and five rows


def test_signed_in_readers_get_every_row(staff_client, seven):
    response = staff_client.get(reverse("proposals:export-csv"))
    assert "X-Export-Row-Cap" not in response
    assert len(_csv_titles(response)) == 7
    body = staff_client.get(reverse("proposals:export-json")).json()
    assert body["count"] == 7 and body["truncated"] is False


def test_no_cap_when_the_setting_is_zero(client, seven, settings):
    settings.KB_EXPORT_ANON_ROWS = 0
    assert len(_csv_titles(client.get(reverse("proposals:export-csv")))) == 7
