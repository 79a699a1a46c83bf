"""What browsers and crawlers ask a site for: robots.txt, a sitemap of the published pages only,
a favicon, the site's own 404 page even under DEBUG, and Atom feeds that follow a filtered list."""

import xml.etree.ElementTree as ET
from urllib.parse import urlencode, urlsplit

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.models import PublicationStatus
from proposals.models import Proposal, Theme
from tests.factories import make_proposal, make_source

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ATOM = "{http://www.w3.org/2005/Atom}"


def sitemap_paths(client) -> set[str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return {urlsplit(loc.text).path for loc in root.iter(f"{SITEMAP}loc")}


def test_the_sitemap_lists_every_published_page_and_no_draft(client, knowledge_base):
    draft_source = make_source(status=PublicationStatus.DRAFT)
    draft = make_proposal(source=draft_source)
    unused = Theme.objects.create(slug="unused-theme", name="Unused theme")
    paths = sitemap_paths(client)
    for proposal in Proposal.objects.published():
        assert proposal.get_absolute_url() in paths
    assert draft.get_absolute_url() not in paths
    assert draft_source.get_absolute_url() not in paths
    assert unused.get_absolute_url() not in paths
    assert "/proposals/" in paths and "/sources/" in paths
    assert {"/outcomes/statuses/", "/outcomes/since/"} <= paths
    # Every address in it is a page that answers.
    for path in paths:
        assert client.get(path).status_code == 200, path


def test_the_sitemap_dates_what_happened_since_by_its_latest_published_evidence(client):
    from outcomes.models import Evidence
    from tests.factories import make_evidence

    published = make_evidence()
    make_evidence(status=PublicationStatus.DRAFT)  # a draft later still: not the date shown
    root = ET.fromstring(client.get("/sitemap.xml").content)
    lastmods = {
        urlsplit(url.find(f"{SITEMAP}loc").text).path: url.find(f"{SITEMAP}lastmod")
        for url in root.iter(f"{SITEMAP}url")
    }
    published.refresh_from_db()
    assert Evidence.objects.count() == 2
    assert lastmods["/outcomes/since/"].text == published.updated_at.date().isoformat()


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_off_the_exports(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    for path in ("/admin/", "/api/", "/proposals.csv", "/data/"):
        assert f"Disallow: {path}\n" in text


def test_the_favicon_is_served_from_the_static_files(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == static("favicon.svg")
    found = finders.find("favicon.svg")
    assert found and "<svg" in open(found, encoding="utf-8").read()
    assert f'rel="icon" href="{static("favicon.svg")}"' in client.get("/").content.decode()


@pytest.mark.parametrize("debug", [True, False])
def test_an_unknown_address_gets_the_sites_own_404_page(client, settings, debug):
    settings.DEBUG = debug
    for path in ("/no-such-page/", "/proposals/no-such-proposal/", "/themes/nothing/"):
        response = client.get(path)
        assert response.status_code == 404
        html = response.content.decode()
        assert "Go to the overview" in html
        assert "URLconf" not in html  # Django's debug page lists the URL patterns


def test_the_apis_404_stays_json_under_debug(client, settings):
    settings.DEBUG = True
    response = client.get("/api/proposals/no-such-proposal/")
    assert response.status_code == 404
    assert response.json()["detail"]


def feed_entries(client, query: str) -> list[str]:
    response = client.get(f"/feeds/proposals.atom?{query}")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return [
        urlsplit(entry.find(f"{ATOM}link").get("href")).path for entry in root.iter(f"{ATOM}entry")
    ]


@st.composite
def list_filters(draw):
    return {
        "theme": draw(st.lists(st.sampled_from(THEMES), max_size=2, unique=True)),
        "actor": draw(st.lists(st.sampled_from(["japan", "china", "united-states"]), max_size=1)),
        "q": draw(st.sampled_from(["", "Okinawa", "China", "trade or TPP", "-Korea"])),
    }


THEMES = ["basing-okinawa", "engagement-with-china", "alliance-defence-cooperation"]


@given(params=list_filters())
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_a_filtered_feed_holds_the_lists_proposals(client, knowledge_base, params):
    query = urlencode({k: v for k, v in params.items() if v}, doseq=True)
    listed = {
        p.get_absolute_url()
        for p in client.get(f"/proposals/?{query}").context["listing"].page.paginator.object_list
    }
    entries = feed_entries(client, query)
    assert len(entries) == min(len(listed), 50)
    assert set(entries) <= listed


def test_the_list_links_the_feed_of_its_own_filters(client, knowledge_base):
    html = client.get("/proposals/?theme=basing-okinawa&sort=oldest&page=1").content.decode()
    assert 'href="/feeds/proposals.atom?theme=basing-okinawa" class="feed-link"' in html
    assert 'type="application/atom+xml" title="Alliance KB: this list' in html


def test_a_feed_never_shows_a_draft_even_to_staff(staff_client, knowledge_base):
    draft = make_proposal(status=PublicationStatus.DRAFT, title="A draft about Okinawa")
    assert draft.get_absolute_url() not in feed_entries(staff_client, "q=Okinawa")
    assert draft.get_absolute_url() not in feed_entries(staff_client, "")
