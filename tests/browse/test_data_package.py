"""The whole knowledge base as a Frictionless Data Package: valid by frictionless's own
validation, every quote where its offsets say, and never a draft."""

import csv
import io
import json
import zipfile

import pytest
from django.core.management import call_command
from frictionless import Package, validate

from proposals.models import Proposal
from sources.models import SourceDocument
from tests.factories import make_proposal, make_source

pytestmark = pytest.mark.django_db


@pytest.fixture
def exported(tmp_path, knowledge_base):
    draft_source = make_source(title="Secret draft paper", status="draft")
    make_proposal(source=draft_source, title="Secret draft proposal", status="draft")
    make_proposal(title="A draft proposal of a public paper", status="draft")
    call_command("export_kb", out=tmp_path, verbosity=0)
    return tmp_path


def read(folder, table) -> list[dict]:
    with (folder / f"{table}.csv").open(encoding="utf-8") as stream:
        return list(csv.DictReader(stream))


def test_the_package_is_valid_with_its_foreign_keys(exported):
    report = validate(str(exported / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = Package(str(exported / "datapackage.json"))
    assert {r.name for r in package.resources} >= {"sources", "proposals", "related", "bylines"}


def test_it_holds_every_published_proposal_and_no_draft(exported):
    rows = read(exported, "proposals")
    assert {r["slug"] for r in rows} == set(
        Proposal.objects.published().values_list("slug", flat=True)
    )
    text = "".join(p.read_text(encoding="utf-8") for p in exported.rglob("*.*"))
    assert "Secret draft" not in text and "A draft proposal of a public paper" not in text
    assert {r["slug"] for r in read(exported, "sources")} == set(
        SourceDocument.objects.published().values_list("slug", flat=True)
    )


def test_every_quote_stands_in_its_sources_body_at_its_offsets(exported):
    bodies = {row["slug"]: row["body"] for row in read(exported, "sources")}
    for row in read(exported, "proposals"):
        start, end = int(row["quote_start"]), int(row["quote_end"])
        assert bodies[row["source"]][start:end] == row["quote"]
        assert bodies[row["source"]][:start].endswith(row["quote_prefix"])


def test_json_lines_hold_the_same_rows_as_the_csv(exported):
    for table in ("proposals", "bylines", "related"):
        lines = (exported / "jsonl" / f"{table}.jsonl").read_text(encoding="utf-8").splitlines()
        from_jsonl = [{k: str(v) for k, v in json.loads(line).items()} for line in lines]
        assert from_jsonl == read(exported, table)


def test_dates_are_only_as_precise_as_known(exported):
    precision_length = {"day": 10, "month": 7, "year": 4, "unknown": 0}
    for row in read(exported, "sources"):
        assert len(row["published_on"]) == precision_length[row["published_on_precision"]]


def test_the_footer_links_to_a_download_of_the_same_package(client, exported):
    page = client.get("/").content.decode()
    assert 'href="/data/alliance-kb-data.zip"' in page
    response = client.get("/data/alliance-kb-data.zip")
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    downloaded = archive.read("alliance-kb-data/proposals.csv").decode("utf-8")
    written = (exported / "proposals.csv").read_text(encoding="utf-8")
    assert downloaded.replace("http://testserver", "") == written.replace(
        "http://127.0.0.1:8000", ""
    )
