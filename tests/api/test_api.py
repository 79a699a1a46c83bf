"""The API answers as the pages do: the same filters and search, drafts for staff only, stable
slugs and canonical URLs, quotes with W3C selectors, cursor pages, and a rate limit."""

from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from proposals.models import Actor, Framework, Proposal, Theme
from sources.models import SourceDocument
from tests.factories import make_proposal, make_source

pytestmark = pytest.mark.django_db

WORDS = ["Okinawa", "China", "alliance", "trade or TPP", '"collective self-defence"', "-Korea"]


@pytest.fixture(autouse=True)
def unlimited(settings):
    settings.KB_API_ANON_RATE = ""


def walk(client, path: str) -> list[dict]:
    """Every item of a collection, following the cursor from page to page."""
    items, url = [], path
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        page = response.json()
        items += page["results"]
        url = page["next"]
    return items


@st.composite
def filter_states(draw):
    themes = list(Theme.objects.values_list("slug", flat=True))
    actors = list(Actor.objects.values_list("slug", flat=True))
    frameworks = list(Framework.objects.values_list("slug", flat=True))
    sources = list(SourceDocument.objects.values_list("slug", flat=True))
    params = {
        "theme": draw(st.lists(st.sampled_from(themes), max_size=2, unique=True)),
        "actor": draw(st.lists(st.sampled_from(actors), max_size=2, unique=True)),
        "role": draw(st.lists(st.sampled_from(["acts", "engaged", "affected"]), max_size=1)),
        "framework": draw(st.lists(st.sampled_from(frameworks), max_size=1)),
        "source": draw(st.lists(st.sampled_from(sources), max_size=2, unique=True)),
        "kind": draw(st.lists(st.sampled_from(["recommendation", "open_question"]), max_size=1)),
        "q": draw(st.sampled_from(["", *WORDS])),
        "year_from": draw(st.sampled_from(["", "2010", "2015"])),
        "papers": draw(st.sampled_from(["", "2", "3"])),
    }
    return {name: value for name, value in params.items() if value}


@given(params=filter_states())
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_lists_what_the_page_lists_for_any_filters(client, knowledge_base, params):
    query = urlencode(params, doseq=True)
    api = {item["slug"] for item in walk(client, f"/api/proposals/?page_size=200&{query}")}
    page = {item["slug"] for item in client.get(f"/proposals.json?{query}").json()["proposals"]}
    assert api == page
    facets = client.get(f"/api/proposals/facets/?{query}").json()
    assert facets["count"] == len(page)


def test_facet_counts_are_the_list_pages_counts(client, knowledge_base):
    query = "theme=basing-okinawa&actor=japan"
    page = client.get(f"/proposals/?{query}").context["listing"]
    api = client.get(f"/api/proposals/facets/?{query}").json()["facets"]
    for facet in page.facets:
        shown = {(o.value, o.count, o.selected) for o in facet.options}
        assert shown == {(o["value"], o["count"], o["selected"]) for o in api[facet.name]}


def test_drafts_are_visible_to_staff_only(staff_client, settings):
    settings.KB_API_ANON_RATE = ""
    client = Client()  # anonymous: staff_client is the signed-in `client` fixture
    draft_source = make_source(title="Draft paper", status="draft")
    draft = make_proposal(source=draft_source, title="A draft proposal", status="draft")
    public = make_proposal(title="A public proposal")
    for path in (f"/api/proposals/{draft.slug}/", f"/api/sources/{draft_source.slug}/"):
        assert client.get(path).status_code == 404
        assert staff_client.get(path).status_code == 200
    assert [p["slug"] for p in walk(client, "/api/proposals/")] == [public.slug]
    assert {p["slug"] for p in walk(staff_client, "/api/proposals/")} == {public.slug, draft.slug}
    assert draft_source.slug not in {s["slug"] for s in walk(client, "/api/sources/")}


def test_a_proposal_is_identified_by_slug_with_canonical_urls_and_w3c_selectors(
    client, knowledge_base
):
    proposal = Proposal.objects.select_related("source").first()
    data = client.get(f"/api/proposals/{proposal.slug}/").json()
    assert data["url"] == f"http://testserver{proposal.get_absolute_url()}"
    assert data["api_url"] == f"http://testserver/api/proposals/{proposal.slug}/"
    quote, position = data["target"]["selector"]
    body = client.get(data["source"]["api_url"]).json()["body"]
    assert body[position["start"] : position["end"]] == quote["exact"] == proposal.quote
    assert body[: position["start"]].endswith(quote["prefix"])
    assert body[position["end"] :].startswith(quote["suffix"])


def test_cursor_pages_cover_every_item_once(client, knowledge_base):
    slugs = [p["slug"] for p in walk(client, "/api/proposals/?page_size=7")]
    assert len(slugs) == len(set(slugs)) == Proposal.objects.published().count()
    assert slugs == sorted(slugs)


def test_unknown_filter_values_are_ignored_and_said(client, knowledge_base):
    response = client.get("/api/proposals/facets/?theme=no-such-theme&year_from=abc")
    assert response.status_code == 200
    notices = " ".join(response.json()["notices"])
    assert "no-such-theme" in notices and "abc" in notices


def test_anonymous_readers_are_rate_limited(client, settings):
    cache.clear()  # the counts of earlier tests
    settings.KB_API_ANON_RATE = "3/minute"
    codes = [client.get("/api/themes/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    limited = client.get("/api/themes/")
    assert int(limited["Retry-After"]) > 0
    cache.clear()


def test_the_schema_and_its_docs_are_served_without_a_cdn(client):
    schema = client.get("/api/schema/")
    assert schema.status_code == 200
    assert b"/api/proposals/facets/" in schema.content
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "swagger-ui" in html
    assert "cdn" not in html.lower() and "unpkg" not in html and "jsdelivr" not in html


@pytest.mark.parametrize(
    "query",
    ["theme=basing-okinawa&sort=oldest", "q=China&actor=japan", "source=tanaka-2015-next-step"],
)
def test_the_list_pages_api_link_gives_its_proposals(client, knowledge_base, query):
    response = client.get(f"/proposals/?{query}")
    listed = {p.slug for p in response.context["listing"].page.paginator.object_list}
    html = response.content.decode()
    start = html.index('href="', html.index("for a script:")) + len('href="')
    link = html[start : html.index('"', start)].replace("&amp;", "&")
    assert link.startswith("/api/proposals/?")
    assert {item["slug"] for item in walk(client, link + "&page_size=200")} == listed
