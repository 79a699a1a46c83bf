"""Cached blocks and conditional GETs follow the knowledge base's version, in Redis as in memory."""

import os

import pytest
from django.core.cache import caches
from django.test import override_settings

from core import kb_version
from proposals.models import Theme

REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/1"
REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "akb-test",
    }
}


@pytest.fixture(params=["locmem", "redis"])
def any_cache(request):
    if request.param == "locmem":
        yield
        return
    with override_settings(CACHES=REDIS):
        caches["default"].clear()
        yield
        caches["default"].clear()


def test_a_save_moves_the_version_on(any_cache, knowledge_base):
    before = kb_version.current()
    theme = Theme.objects.first()
    theme.description += " (edited)"
    theme.save()
    assert kb_version.current() > before


def test_the_home_page_shows_a_change_made_after_it_was_cached(any_cache, client, knowledge_base):
    assert "Renamed for the test" not in client.get("/").content.decode()
    theme = Theme.objects.order_by("pk").first()
    theme.name = "Renamed for the test"
    theme.save()
    assert "Renamed for the test" in client.get("/").content.decode()


def test_facet_counts_are_cached_until_the_knowledge_base_changes(
    any_cache, client, knowledge_base, django_assert_max_num_queries
):
    client.get("/proposals/")
    # The list itself (with its cards' links to other papers); no facet count is run again.
    with django_assert_max_num_queries(10):
        again = client.get("/proposals/?page=2")
    assert again.status_code == 200
    theme = Theme.objects.first()
    theme.save()
    first = client.get("/proposals/?page=2")
    assert first.context["listing"].facets == again.context["listing"].facets


def test_an_unchanged_page_answers_a_conditional_get_with_304(any_cache, client, knowledge_base):
    page = client.get("/proposals/")
    etag = page["ETag"]
    assert client.get("/proposals/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    Theme.objects.first().save()
    assert client.get("/proposals/", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_signed_in_readers_get_no_shared_etag(staff_client, knowledge_base):
    assert not staff_client.get("/proposals/").has_header("ETag")


def test_html_is_compressed_for_clients_that_accept_gzip(client, knowledge_base):
    page = client.get("/proposals/", HTTP_ACCEPT_ENCODING="gzip")
    assert page["Content-Encoding"] == "gzip"


def _facet_links(response) -> list[str]:
    import re

    aside = response.content.decode().split('<aside class="facets"')[1].split("</aside>")[0]
    return re.findall(r'class="facet-option[^"]*" href="([^"]+)"', aside)


def test_the_rendered_filters_follow_the_sort_the_reader_and_the_version(
    any_cache, staff_client, knowledge_base
):
    from django.test import Client

    client = Client()  # anonymous (staff_client is the signed-in `client`)
    by_title = _facet_links(client.get("/proposals/", {"sort": "title"}))
    newest = _facet_links(client.get("/proposals/", {"sort": "newest"}))
    assert by_title and all("sort=title" in link for link in by_title)
    assert newest and all("sort=newest" in link for link in newest)
    # A theme only a draft carries is counted for staff, never in the public's cached column.
    theme = Theme.objects.create(name="Drafts only", slug="drafts-only")
    draft = knowledge_base_draft()
    draft.themes.add(theme)
    assert "drafts-only" in " ".join(_facet_links(staff_client.get("/proposals/")))
    assert "drafts-only" not in " ".join(_facet_links(client.get("/proposals/")))
    # A change moves the version on: the public column is rendered again, with the new theme.
    draft.status = "published"
    draft.save()
    assert "drafts-only" in " ".join(_facet_links(client.get("/proposals/")))


def knowledge_base_draft():
    from proposals.models import Proposal

    proposal = Proposal.objects.published().order_by("pk").first()
    proposal.status = "draft"
    proposal.save()
    return proposal
