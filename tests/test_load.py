"""Load: 64 connections on the list, a search and a proposal page give no error, and the workers'
memory stays flat.

gunicorn (2 workers, DEBUG off) on a throwaway PostgreSQL database of its own holding the
knowledge base, loaded by wrk from a separate process. Throughput and latency are measured by
`make bench` (docs/benchmark.md) and the 60-second figures are in docs/security.md; this test
asserts only what must hold on any machine: every request answered, none with an error.
PostgreSQL only, as the outage test (skipped on SQLite): a deployment under load runs on it.
"""

import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from tests.test_outage import admin_sql, free_port

PROJECT = Path(__file__).resolve().parent.parent
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
    db = settings.DATABASES["default"]
    name = f"akb_load_{os.getpid()}"
    admin_sql(f"DROP DATABASE IF EXISTS {name}")
    admin_sql(f"CREATE DATABASE {name}")
    host, port = db["HOST"] or "127.0.0.1", db["PORT"] or 5432
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.pop("REDIS_URL", None)  # each worker's own memory cache, as `make serve` runs
    env.update(
        DATABASE_URL=f"postgres://{db['USER']}@{host}:{port}/{name}",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="a-load-test-key-" + "x" * 40,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_PLAIN_HTTP="1",
    )
    server = None
    try:
        for command in (["migrate"], ["load_kb"], ["collectstatic", "--noinput"]):
            subprocess.run(
                [sys.executable, "manage.py", *command, "-v0"],
                cwd=PROJECT,
                env=env,
                check=True,
                stdout=subprocess.DEVNULL,
            )
        http_port = free_port()
        server = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "alliance_kb.wsgi",
                "--bind",
                f"127.0.0.1:{http_port}",
                "--workers",
                "2",
                "--log-level",
                "warning",
            ],
            cwd=PROJECT,
            env=env,
        )
        url = f"http://127.0.0.1:{http_port}/"
        for _ in range(150):
            try:
                urllib.request.urlopen(url, timeout=30)
                break
            except OSError:  # not listening yet
                time.sleep(0.2)
        yield url, server.pid
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        admin_sql(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            f"WHERE datname = '{name}' AND pid <> pg_backend_pid()"
        )
        admin_sql(f"DROP DATABASE IF EXISTS {name}")


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
