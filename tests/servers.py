"""A throwaway gunicorn for the tests that need a real server process (the outage and the load):
DEBUG off, on a PostgreSQL database of its own that is made for it and dropped after it, so that
what such a test does to its database (take it away, fill it) never touches the shared one."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

PROJECT = Path(__file__).resolve().parent.parent


def admin_sql(statement: str) -> None:
    """One statement on the server's maintenance database (CREATE / DROP / ALTER DATABASE)."""
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


def kill_backends(name: str) -> None:
    """End every connection to database `name` (but this one's, which is to another)."""
    admin_sql(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        f"WHERE datname = '{name}' AND pid <> pg_backend_pid()"
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class Server:
    url: str  # with its trailing slash
    pid: int  # gunicorn's master
    database: str


@contextmanager
def throwaway_gunicorn(
    *, label: str, workers: int, with_knowledge_base: bool = False, memory_cache: bool = False
) -> Iterator[Server]:
    """gunicorn serving alliance_kb.wsgi on a free port, on a fresh database `akb_<label>_<pid>`,
    migrated (and loaded with the knowledge base if asked) and with its static files collected.

    memory_cache: each worker its own memory cache (REDIS_URL left out), as `make serve` runs.
    """
    db = settings.DATABASES["default"]
    name = f"akb_{label}_{os.getpid()}"
    admin_sql(f"DROP DATABASE IF EXISTS {name}")
    admin_sql(f"CREATE DATABASE {name}")
    host, port = db["HOST"] or "127.0.0.1", db["PORT"] or 5432
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    if memory_cache:
        env.pop("REDIS_URL", None)
    env.update(
        DATABASE_URL=f"postgres://{db['USER']}@{host}:{port}/{name}",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=f"a-{label}-test-key-" + "x" * 40,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_PLAIN_HTTP="1",
    )
    commands = [["migrate"], ["load_kb"]] if with_knowledge_base else [["migrate"]]
    server = None
    try:
        for command in [*commands, ["collectstatic", "--noinput"]]:
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
                str(workers),
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
            except OSError:  # not listening yet, or a first answer slow on a busy machine
                time.sleep(0.2)
        yield Server(url=url, pid=server.pid, database=name)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        # As it was made: the outage test leaves it refusing connections.
        admin_sql(f"ALTER DATABASE {name} ALLOW_CONNECTIONS true")
        kill_backends(name)
        admin_sql(f"DROP DATABASE IF EXISTS {name}")
