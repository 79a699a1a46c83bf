"""Load: 64 connections on the list, a search and a proposal page give no error, and the workers'
memory stays flat.

gunicorn (2 workers, DEBUG off) on a throwaway PostgreSQL database of its own holding the
knowledge base (tests/servers.py), loaded by wrk from a separate process. Throughput and latency
are measured by `make bench` (docs/benchmark.md) and the 60-second figures are in
docs/security.md; this test asserts only what must hold on any machine: every request answered,
none with an error.
PostgreSQL only, as the outage test (skipped on SQLite): a deployment under load runs on it.
"""

import re
import subprocess
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from tests.servers import throwaway_gunicorn

CONNECTIONS = 64
SECONDS = 10

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="the load is run on PostgreSQL, as a deployment is",
)


def rss_kib(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1))


def workers(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return [int(pid) for pid in children]


def load(url: str, seconds: int = SECONDS) -> dict:
    """wrk's own figures for one URL: requests, non-2xx answers, socket errors by kind."""
    out = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "30s", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    )
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": [int(n) for n in socket_errors.groups()] if socket_errors else [0] * 4,
        "output": out,
    }


@pytest.fixture
def loaded_server():
    with throwaway_gunicorn(
        label="load", workers=2, with_knowledge_base=True, memory_cache=True
    ) as server:
        yield server.url, server.pid


def test_64_connections_get_every_answer_and_memory_stays_flat(loaded_server):
    url, master = loaded_server
    detail = re.search(
        r'href="(/proposals/[a-z0-9-]+/)"',
        urllib.request.urlopen(url + "proposals/?q=Okinawa", timeout=30).read().decode(),
    ).group(1)
    pages = [url + "proposals/", url + "proposals/?q=Okinawa", url.rstrip("/") + detail]
    for page in pages:  # warm up: each worker's first requests fill its caches and imports
        load(page, seconds=2)
    before = sum(rss_kib(pid) for pid in workers(master))
    for page in pages:
        figures = load(page)
        assert figures["requests"] > 0, figures["output"]
        assert figures["non_2xx"] == 0, figures["output"]
        assert figures["socket_errors"] == [0, 0, 0, 0], figures["output"]
    after = sum(rss_kib(pid) for pid in workers(master))
    # Flat: a leak would grow with every request served; allow what caches legitimately fill.
    assert after - before < max(20_000, before // 5), (before, after)
