"""A database outage: a plain, fast 503 with Retry-After, and recovery by itself.

Runs gunicorn (DEBUG off) on a throwaway PostgreSQL database of its own (tests/servers.py), and
takes that database away with ALLOW_CONNECTIONS false and by terminating its backends; the shared
server is never stopped. PostgreSQL only (skipped on SQLite)."""

import time
import urllib.error
import urllib.request

import pytest
from django.conf import settings

from tests.servers import admin_sql, kill_backends, throwaway_gunicorn

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="the outage is staged on PostgreSQL",
)


def get(url: str) -> tuple[int, dict, str, float]:
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            status, headers, body = response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        status, headers, body = error.code, dict(error.headers), error.read()
    return status, headers, body.decode("utf-8", "replace"), time.monotonic() - started


@pytest.fixture
def throwaway_server():
    with throwaway_gunicorn(label="outage", workers=1) as server:
        yield server.url, server.database


def take_away(name: str) -> None:
    admin_sql(f"ALTER DATABASE {name} ALLOW_CONNECTIONS false")
    kill_backends(name)


def test_a_refusing_database_gives_a_fast_plain_503_and_the_site_recovers_by_itself(
    throwaway_server,
):
    url, name = throwaway_server
    pages = [url, url + "proposals/", url + "sources/"]
    assert [get(page)[0] for page in pages] == [200, 200, 200]

    take_away(name)
    # The overview may still come whole from the cache (its blocks are kept on the knowledge
    # base's version), which needs no database; if not, it too is the plain 503.
    status, _, body, seconds = get(url)
    assert status in (200, 503) and "Traceback" not in body and seconds < 2
    for page in pages[1:]:  # the list's rows and the sources are read from the database
        status, headers, body, seconds = get(page)
        assert status == 503, body
        assert headers["Retry-After"].isdigit()
        assert headers["Content-Type"].startswith("text/plain")
        assert "briefly unavailable" in body and "Traceback" not in body
        assert seconds < 2

    admin_sql(f"ALTER DATABASE {name} ALLOW_CONNECTIONS true")
    assert [get(page)[0] for page in pages] == [200, 200, 200]


def test_killed_backends_cost_no_request_a_failure(throwaway_server):
    url, name = throwaway_server
    for _ in range(5):
        assert get(url)[0] == 200
        kill_backends(name)  # the server is up; the worker's connection is now stale
        assert get(url + "proposals/")[0] == 200
