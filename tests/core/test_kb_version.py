"""The knowledge base's version: steady until a change, then later, with a cache or without."""

import pytest

from core import kb_version

CACHES = {
    "redis": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/14",
        "KEY_PREFIX": "akb-test-version",
    },
    "locmem": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # DJANGO_CACHE=dummy (the benchmark's cold runs): the version must not be new on every call,
    # or the facet index would be rebuilt for every request.
    "none": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
}


@pytest.mark.parametrize("backend", sorted(CACHES))
def test_the_version_holds_until_a_change_and_then_moves_forward(settings, backend):
    settings.CACHES = {"default": CACHES[backend]}
    before = kb_version.current()
    assert kb_version.current() == before
    after = kb_version.bump()
    assert after > before
    assert kb_version.current() == after
    assert kb_version.bump() > after
