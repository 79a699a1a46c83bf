"""Caching the reader's pages on the knowledge base's version (core.kb_version).

Aggregate blocks (the home page's counts and matrix, a list's facet counts) are kept in Django's
cache under a key that holds the version, so a change to the knowledge base makes every old entry
unreachable at once. Anonymous readers' pages answer conditional GETs from the same version: a
browser or proxy that has the page gets a 304 without the page being built.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.views.decorators.http import condition

from core import kb_version


def scope(user) -> str:
    """Who sees what: staff see drafts, everyone else the same published knowledge base."""
    return "staff" if user is not None and user.is_staff else "public"


def block(name: str, user, compute, *parts: str):
    """compute(), or the cached result of it for this version, user scope and parts."""
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]
    key = f"kb:{name}:{kb_version.current()}:{scope(user)}:{digest}"
    return cache.get_or_set(key, compute, timeout=settings.KB_CACHE_SECONDS)


def fragment_key(name: str, user, *parts: str) -> str:
    """A rendered fragment's key (for {% cache %}): this version, user scope and parts."""
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]
    return f"{name}:{kb_version.current()}:{scope(user)}:{digest}"


def normalised_query(params, *, leave_out=("page", "sort")) -> str:
    """The same filters however the URL orders or repeats them."""
    pairs = sorted(
        (name, value)
        for name in params
        if name not in leave_out
        for value in params.getlist(name)
        if value
    )
    return "&".join(f"{name}={value}" for name, value in pairs)


def _etag(request, *args, **kwargs):
    # Signed-in readers' pages carry their name and, for staff, drafts: never a shared answer.
    if request.user.is_authenticated:
        return None
    return f'"kb-{kb_version.current()}-{settings.KB_RELEASE}"'


def _last_modified(request, *args, **kwargs):
    if request.user.is_authenticated:
        return None
    return kb_version.last_modified(kb_version.current())


# For pages that show only the knowledge base: same version, same page.
conditional = condition(etag_func=_etag, last_modified_func=_last_modified)
