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
