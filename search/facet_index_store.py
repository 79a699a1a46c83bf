"""The built facet index, shared between processes through Django's cache (Redis with REDIS_URL).

Building the index costs about a second at 100,000 proposals (docs/performance.md), and every
gunicorn worker needs it after every change; reading it back from Redis costs milliseconds. One
worker builds and puts it here, keyed on the knowledge base's version; the others take it.

What is stored is opaque bytes (search.facet_index says what they mean) in an envelope that
names the format and carries a digest of the rest: an entry that is from another release,
truncated or damaged is a miss, and the caller builds. The cache itself failing (Redis down, a
value it cannot unpickle) is a miss too: the list must not fail because sharing did.
"""

import hashlib
import logging

from django.core.cache import cache, caches
from django.core.cache.backends.dummy import DummyCache

logger = logging.getLogger(__name__)

# Bump FORMAT when the payload changes: the key holds it, so a release never reads another's.
FORMAT = 1
MAGIC = b"akb-fidx" + FORMAT.to_bytes(2, "big")
DIGEST_SIZE = 16


def key(version: int) -> str:
    return f"kb:facet-index:{FORMAT}:{version}"


def _digest(payload: bytes) -> bytes:
    return hashlib.blake2b(payload, digest_size=DIGEST_SIZE).digest()


def seal(payload: bytes) -> bytes:
    """The payload in its envelope: format, digest, payload."""
    return MAGIC + _digest(payload) + payload


def unseal(entry) -> bytes | None:
    """The payload, or None if the entry is not a whole, undamaged one of this format."""
    if not isinstance(entry, bytes) or not entry.startswith(MAGIC):
        return None
    start = len(MAGIC) + DIGEST_SIZE
    digest, payload = entry[len(MAGIC) : start], entry[start:]
    return payload if _digest(payload) == digest else None


def shared() -> bool:
    # With no cache at all (DJANGO_CACHE=dummy) nothing could be kept: skip the serialising.
    return not isinstance(caches["default"], DummyCache)


def get(version: int) -> bytes | None:
    """The payload stored for this version, or None (missing, damaged, or the cache failing)."""
    if not shared():
        return None
    try:
        entry = cache.get(key(version))
    except Exception:  # a value the cache cannot unpickle, or Redis away: build instead
        logger.warning("facet index: cache read failed for version %s", version, exc_info=True)
        return None
    if entry is None:
        return None
    payload = unseal(entry)
    if payload is None:
        logger.warning("facet index: damaged or foreign cache entry for version %s", version)
    return payload


def put(version: int, payload: bytes, *, timeout: int, replaces: int | None = None) -> None:
    """Store the payload for this version; drop the entry of the version it replaces, which no
    reader will ask for again (it would otherwise hold its megabyte until it expires)."""
    if timeout <= 0:
        return
    try:
        cache.set(key(version), seal(payload), timeout=timeout)
        if replaces is not None and replaces != version:
            cache.delete(key(replaces))
    except Exception:  # the index is built and serves this process; sharing it is a bonus
        logger.warning("facet index: cache write failed for version %s", version, exc_info=True)
