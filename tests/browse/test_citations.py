"""Citations for reference managers, read back with real parsers (bibtexparser, rispy) and held
against what the pages show: every source of the knowledge base, and proposals at their place."""

import json
import re
from html import unescape

import bibtexparser
import pytest
import rispy

from browse.citations import full_title, plain_citation
from core.dates import DatePrecision
from sources.models import Authorship, SourceDocument
from tests.factories import make_proposal, make_source

pytestmark = pytest.mark.django_db
PRECISION_PARTS = {DatePrecision.DAY: 3, DatePrecision.MONTH: 2, DatePrecision.YEAR: 1}


@pytest.fixture
def sources(knowledge_base):
    return list(SourceDocument.objects.with_authors().order_by("published_on"))


def cited_people(source, *roles):
    return [b.author.name for b in source.authorships.all() if b.role in roles]


def page_byline(html: str) -> str:
    return unescape(re.search(r'<p class="byline">(.*?)</p>', html, re.S).group(1))


def test_every_source_as_bibtex_matches_its_page(client, sources):
    for source in sources:
        page = client.get(source.get_absolute_url()).content.decode()
        response = client.get(f"/sources/{source.slug}/cite.bib")
        assert response["Content-Disposition"] == f'attachment; filename="{source.slug}.bib"'
        library = bibtexparser.parse_string(response.content.decode())
        assert not library.failed_blocks
        (entry,) = library.entries
        fields = {f.key: f.value for f in entry.fields}
        assert entry.key == source.slug
        title = fields["title"].strip("{}")
        assert title.startswith(unescape(re.search(r"<h1>(.*?)</h1>", page).group(1)))
        assert title == full_title(source)
        authors = cited_people(source, Authorship.Role.AUTHOR, Authorship.Role.ISSUING_BODY)
        listed = [a.strip().strip("{}") for a in fields["author"].split(" and ")]
        for name, cited in zip(authors, listed, strict=True):
            person = ", ".join(reversed(name.rsplit(" ", 1))) if " " in name else name
            assert cited in (name, person), (cited, name)
            assert name in page_byline(page)
        if source.published_on_precision == DatePrecision.UNKNOWN:
            assert "year" not in fields
        else:
            assert fields["year"] == str(source.published_on.year)
            assert len(fields["date"].split("-")) == PRECISION_PARTS[source.published_on_precision]
        assert fields.get("url") == (source.url or source.text_url or None)
        translators = cited_people(source, Authorship.Role.TRANSLATOR)
        assert fields.get("translator", "") == " and ".join(
            ", ".join(reversed(t.rsplit(" ", 1))) for t in translators
        )
        if source.text_url:
            assert source.text_url in fields["note"]


def test_every_source_as_ris_and_csl_json_matches_its_record(client, sources):
    for source in sources:
        (record,) = rispy.loads(client.get(f"/sources/{source.slug}/cite.ris").content.decode())
        assert record["id"] == source.slug
        assert record["title"] == full_title(source)
        assert len(record["authors"]) == len(
            cited_people(source, Authorship.Role.AUTHOR, Authorship.Role.ISSUING_BODY)
        )
        assert record["publisher"] == source.publisher
        if source.published_on:
            assert record["year"] == str(source.published_on.year)
            parts = record["date"].split("/")
            assert len(parts) == PRECISION_PARTS[source.published_on_precision]
        if source.text_url:
            assert any(source.text_url in note for note in record["notes"])
        (item,) = json.loads(client.get(f"/sources/{source.slug}/cite.csl.json").content)
        assert item["id"] == source.slug and item["title"] == full_title(source)
        issued = item["issued"]["date-parts"][0]
        assert len(issued) == PRECISION_PARTS[source.published_on_precision]
        assert issued[0] == source.published_on.year


def test_a_translation_credits_its_translator_and_the_translations_address(client, sources):
    source = next(s for s in sources if s.text_version == "translation")
    (item,) = json.loads(client.get(f"/sources/{source.slug}/cite.csl.json").content)
    translators = cited_people(source, Authorship.Role.TRANSLATOR)
    assert translators
    assert [f"{t['given']} {t['family']}" for t in item["translator"]] == translators
    assert source.text_url in item["note"]
    assert ": (" not in item["title"]  # a bracketed subtitle is no "Title: (…)"


def test_pages_carry_highwire_tags_for_zotero(client, sources):
    for source in sources:
        html = client.get(source.get_absolute_url()).content.decode()
        tags = dict(re.findall(r'<meta name="(citation_[a-z_]+)" content="([^"]*)"', html))
        assert unescape(tags["citation_title"]) == full_title(source)
        date = tags["citation_publication_date"].split("/")
        assert len(date) == PRECISION_PARTS[source.published_on_precision]
        assert tags["citation_abstract_html_url"].endswith(source.get_absolute_url())


def test_a_proposal_is_cited_at_its_place_in_its_source(client, sources):
    source = sources[0]
    proposal = source.proposals.order_by("position").last()
    (entry,) = bibtexparser.parse_string(
        client.get(f"/proposals/{proposal.slug}/cite.bib").content.decode()
    ).entries
    fields = {f.key: f.value for f in entry.fields}
    assert entry.key == proposal.slug
    assert fields["url"].endswith(proposal.get_absolute_url())
    assert f"Proposal {proposal.position}" in fields["note"]
    assert re.search(r"paragraph \d+", fields["note"])
    html = client.get(proposal.get_absolute_url()).content.decode()
    assert f"/proposals/{proposal.slug}/cite.ris" in html


def test_a_filtered_list_exports_the_sources_of_its_proposals(client, sources):
    query = "theme=engagement-with-china"
    listed = client.get(f"/proposals.json?{query}").json()["proposals"]
    expected = {p["source"]["slug"] for p in listed}
    records = rispy.loads(client.get(f"/proposals.ris?{query}").content.decode())
    assert {r["id"] for r in records} == expected
    assert len(records) == len(expected)
    page = client.get(f"/proposals/?{query}").content.decode()
    assert f"/proposals.bib?{query}" in unescape(page)


def test_a_draft_is_cited_for_staff_only(client, staff_client):
    from django.test import Client

    draft = make_source(title="Draft paper", status="draft")
    proposal = make_proposal(source=draft, status="draft")
    anonymous = Client()
    for path in (f"/sources/{draft.slug}/cite.bib", f"/proposals/{proposal.slug}/cite.ris"):
        assert anonymous.get(path).status_code == 404
        assert staff_client.get(path).status_code == 200


@pytest.mark.django_db
def test_every_citation_credits_translators_and_where_the_text_was_published(knowledge_base):
    for source in SourceDocument.objects.with_authors():
        text = plain_citation(source)
        assert ": (" not in text  # a bracketed subtitle follows the title without a colon
        for byline in source.authorships.all():
            assert byline.author.name in text, (source.slug, byline.author.name)
        if source.text_url:
            assert source.text_url in text, source.slug
    nikkei = SourceDocument.objects.with_authors().get(
        slug="nikkei-2016-expand-security-cooperation"
    )
    assert "trans. Chris Hennessy" in plain_citation(nikkei)
