"""A database outage: a plain, fast 503 with Retry-After, and recovery by itself.

Runs gunicorn (DEBUG off) on a throwaway PostgreSQL database of its own, and takes that database
away with ALLOW_CONNECTIONS false and by terminating its backends; the shared server is never
stopped. PostgreSQL only (skipped on SQLite)."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

PROJECT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="the outage is staged on PostgreSQL",
)


def admin_sql(statement: str) -> None:
    import psycopg

    db = settings.DATABASES["default"]
    with psycopg.connect(
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        user=db["USER"],
        password=db["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    ) as conn:
        conn.execute(statement)


def get(url: str) -> tuple[int, dict, str, float]:
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            status, headers, body = response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        status, headers, body = error.code, dict(error.headers), error.read()
    return status, headers, body.decode("utf-8", "replace"), time.monotonic() - started


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def throwaway_server():
    db = settings.DATABASES["default"]
    name = f"akb_outage_{os.getpid()}"
    admin_sql(f"DROP DATABASE IF EXISTS {name}")
    admin_sql(f"CREATE DATABASE {name}")
    host, port = db["HOST"] or "127.0.0.1", db["PORT"] or 5432
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DATABASE_URL=f"postgres://{db['USER']}@{host}:{port}/{name}",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="an-outage-test-key-" + "x" * 40,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_PLAIN_HTTP="1",
    )
    server = None
    try:
        for command in (["migrate"], ["collectstatic", "--noinput"]):
            subprocess.run(
                [sys.executable, "manage.py", *command, "-v0"], cwd=PROJECT, env=env, check=True
            )
        http_port = free_port()
        server = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "alliance_kb.wsgi",
                "--bind",
                f"127.0.0.1:{http_port}",
                "--workers",
                "1",
                "--log-level",
                "warning",
            ],
            cwd=PROJECT,
            env=env,
        )
        url = f"http://127.0.0.1:{http_port}/"
        for _ in range(100):
            try:
                urllib.request.urlopen(url, timeout=30)
                break
            except OSError:  # not listening yet, or a first answer slow on a busy machine
                time.sleep(0.2)
        yield url, name
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        admin_sql(f"ALTER DATABASE {name} ALLOW_CONNECTIONS true")
        admin_sql(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            f"WHERE datname = '{name}' AND pid <> pg_backend_pid()"
        )
        admin_sql(f"DROP DATABASE IF EXISTS {name}")


def take_away(name: str) -> None:
    admin_sql(f"ALTER DATABASE {name} ALLOW_CONNECTIONS false")
    kill_backends(name)


def kill_backends(name: str) -> None:
    admin_sql(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        f"WHERE datname = '{name}' AND pid <> pg_backend_pid()"
    )


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
