"""The knowledge base's version: one number that every change to it moves forward.

Cached blocks (home, facet counts) are keyed on it and pages answer conditional GETs with it, so
nothing needs to be deleted when the data changes: a new version simply misses the old keys,
which expire. It lives in Django's cache (shared by every app server when that is Redis) and is
a timestamp in milliseconds, so that it also says when the knowledge base last changed.
"""

import time
from datetime import UTC, datetime

from django.core.cache import cache

KEY = "kb-version"


def current() -> int:
    version = cache.get(KEY)
    if version is None:
        # A cold cache: start from now, which is later than any version it may have lost.
        version = _now_ms()
        if not cache.add(KEY, version, timeout=None):
            version = cache.get(KEY, version)
    return version


def bump() -> int:
    """Move the version forward (after a change has been committed)."""
    version = max(_now_ms(), (cache.get(KEY) or 0) + 1)
    cache.set(KEY, version, timeout=None)
    return version


def last_modified(version: int) -> datetime:
    return datetime.fromtimestamp(version // 1000, tz=UTC)


def _now_ms() -> int:
    return time.time_ns() // 1_000_000
