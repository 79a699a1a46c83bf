"""The knowledge base's version: one number that every change to it moves forward.

Cached blocks (home, facet counts) are keyed on it and pages answer conditional GETs with it, so
nothing needs to be deleted when the data changes: a new version simply misses the old keys,
which expire. It lives in Django's cache (shared by every app server when that is Redis) and is
a timestamp in milliseconds, so that it also says when the knowledge base last changed.
"""

import time
from datetime import UTC, datetime

from django.core.cache import cache, caches
from django.core.cache.backends.dummy import DummyCache

KEY = "kb-version"

# With no cache at all (DJANGO_CACHE=dummy, the benchmark's cold runs) the version cannot live in
# the cache, which forgets it at once: it would be new on every call, and the facet index
# (search.facet_index), which is rebuilt per version, would be rebuilt on every request. It then
# lives in this process: another process's saves are seen here once the index expires
# (KB_FACET_INDEX_SECONDS).
_process_version: int | None = None


def _no_cache() -> bool:
    return isinstance(caches["default"], DummyCache)


def current() -> int:
    global _process_version
    if _no_cache():
        if _process_version is None:
            _process_version = _now_ms()
        return _process_version
    version = cache.get(KEY)
    if version is None:
        # A cold cache: start from now, which is later than any version it may have lost.
        version = _now_ms()
        if not cache.add(KEY, version, timeout=None):
            version = cache.get(KEY, version)
    return version


def bump() -> int:
    """Move the version forward (after a change has been committed)."""
    global _process_version
    if _no_cache():
        _process_version = max(_now_ms(), (_process_version or 0) + 1)
        return _process_version
    version = max(_now_ms(), (cache.get(KEY) or 0) + 1)
    cache.set(KEY, version, timeout=None)
    return version


def last_modified(version: int) -> datetime:
    return datetime.fromtimestamp(version // 1000, tz=UTC)


def _now_ms() -> int:
    return time.time_ns() // 1_000_000
