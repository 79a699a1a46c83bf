"""The facet index is shared through Django's cache: a process without it (forget() stands for a
new gunicorn worker) reads what another built for the same version, without the build's queries;
a damaged entry is rebuilt rather than served, and a new version is never given an old index."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core import kb_version
from outcomes.models import Status
from proposals.models import Proposal, Theme
from search import facet_index, facet_index_store
from tests.factories import make_evidence

pytestmark = pytest.mark.django_db

REDIS = {
    "BACKEND": "django.core.cache.backends.redis.RedisCache",
    "LOCATION": "redis://127.0.0.1:6379/11",
    "KEY_PREFIX": "akb-test-facet-index",
}
LOCMEM = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
NONE = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}


@pytest.fixture
def redis(settings):
    settings.CACHES = {"default": REDIS}
    caches["default"].clear()
    facet_index.forget()
    yield
    caches["default"].clear()


@pytest.fixture(params=["redis", "locmem"])
def shared_cache(request, settings):
    settings.CACHES = {"default": REDIS if request.param == "redis" else LOCMEM}
    caches["default"].clear()
    facet_index.forget()
    yield
    caches["default"].clear()


@pytest.fixture
def kb(knowledge_base):
    # Statuses too, so that every kind of key (strings, pairs, years, statuses) makes the trip.
    make_evidence(proposals=[(p, Status.IN_PROGRESS) for p in Proposal.objects.all()[:3]])
    kb_version.bump()


def _built(queries: CaptureQueriesContext) -> bool:
    """Whether the build's reads ran (the actor links are read by it alone)."""
    return any("proposals_proposalactor" in query["sql"] for query in queries.captured_queries)


def _same(loaded, built) -> None:
    assert loaded.version == built.version
    assert loaded.published == built.published
    assert loaded.everything == built.everything
    assert loaded.values == built.values
    assert loaded.years == built.years


def test_a_new_process_reads_the_index_from_the_cache_without_a_query(
    shared_cache, kb, django_assert_num_queries
):
    built = facet_index.current()
    facet_index.forget()  # another worker, which has not built it
    with django_assert_num_queries(0):
        loaded = facet_index.current()
    assert loaded is not built
    _same(loaded, built)
    assert loaded.values["status"][Status.IN_PROGRESS]  # the evidence's proposals


def test_with_no_cache_at_all_each_process_builds(settings, kb):
    settings.CACHES = {"default": NONE}
    built = facet_index.current()
    facet_index.forget()
    with CaptureQueriesContext(connection) as queries:
        rebuilt = facet_index.current()
    assert _built(queries)
    _same(rebuilt, built)


def _raw_set(version: int, value: bytes) -> None:
    """Write bytes into Redis under the entry's key, as Django's pickling never would."""
    backend = caches["default"]
    full_key = backend.make_and_validate_key(facet_index_store.key(version))
    backend._cache.get_client(full_key, write=True).set(full_key, value)


def _sealed(index) -> bytes:
    return facet_index_store.seal(index.to_bytes())


def _flipped(index) -> bytes:
    """One bit changed in the middle of a bitmap's data, as a disk or a network might: it still
    deserialises, to other ids, so only the digest can tell."""
    entry, bits = _sealed(index), index.everything.serialize()
    at = entry.index(bits) + len(bits) // 2
    return entry[:at] + bytes([entry[at] ^ 1]) + entry[at + 1 :]


DAMAGE = {
    "cut short": lambda index: _sealed(index)[:-1000],
    "a bit changed": _flipped,
    "another format": lambda index: b"akb-fidx\x00\x09" + _sealed(index)[10:],
    "not bytes": lambda index: "a string",
    "sealed but not an index": lambda index: facet_index_store.seal(b"not a pickle"),
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_entry_is_rebuilt_not_served(redis, kb, damage):
    built = facet_index.current()
    caches["default"].set(facet_index_store.key(built.version), DAMAGE[damage](built), 300)
    facet_index.forget()
    with CaptureQueriesContext(connection) as queries:
        rebuilt = facet_index.current()
    assert _built(queries)
    _same(rebuilt, built)


def test_an_entry_the_cache_cannot_unpickle_is_rebuilt_and_replaced(
    redis, kb, django_assert_num_queries
):
    built = facet_index.current()
    _raw_set(built.version, b"\x80\x05garbage")
    facet_index.forget()
    with CaptureQueriesContext(connection) as queries:
        facet_index.current()
    assert _built(queries)
    facet_index.forget()  # the rebuild put a sound entry in its place
    with django_assert_num_queries(0):
        _same(facet_index.current(), built)


def test_a_new_version_is_never_served_the_old_index(redis, kb):
    old = facet_index.current()
    theme = Theme.objects.order_by("pk").first()
    proposal = Proposal.objects.published().exclude(themes=theme).first()
    proposal.themes.add(theme)  # signals move the version on
    facet_index.forget()  # a worker that has not seen the old version either
    with CaptureQueriesContext(connection) as queries:
        new = facet_index.current()
    assert _built(queries)
    assert new.version == kb_version.current() > old.version
    assert proposal.pk in new.bitmap("theme", theme.slug)


def test_the_replaced_versions_entry_is_dropped(redis, kb):
    old = facet_index.current()
    kb_version.bump()
    new = facet_index.current()  # this process had the old one: it says which entry goes
    assert facet_index_store.get(old.version) is None
    assert facet_index_store.get(new.version) is not None


def test_an_entry_older_than_the_age_limit_is_rebuilt(redis, kb, settings):
    built = facet_index.current()
    built.built_at -= settings.KB_FACET_INDEX_SECONDS + 1  # as if stored that long ago
    facet_index_store.put(built.version, built.to_bytes(), timeout=300)
    facet_index.forget()
    with CaptureQueriesContext(connection) as queries:
        facet_index.current()
    assert _built(queries)


def test_the_loaded_index_keeps_the_age_it_was_built_with(redis, kb):
    built = facet_index.current()
    built.built_at -= 100
    facet_index_store.put(built.version, built.to_bytes(), timeout=300)
    facet_index.forget()
    assert 99 < facet_index.current().age() < 110


def test_a_cache_that_is_away_is_a_miss_and_not_an_error(settings):
    # Nothing listens on port 1: reading is a miss, writing is skipped; the caller builds.
    settings.CACHES = {"default": {**REDIS, "LOCATION": "redis://127.0.0.1:1/11"}}
    assert facet_index_store.get(1) is None
    facet_index_store.put(1, b"payload", timeout=300)
