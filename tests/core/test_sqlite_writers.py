"""SQLite under concurrent writers: 16 processes saving through the ORM (each save a read then a
write in one transaction, with its history row, as the admin does) while readers read. None may
fail with "database is locked", and every save must be there afterwards. Skipped on PostgreSQL,
whose locking needs none of this."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

PROJECT = Path(__file__).resolve().parents[2]
WRITERS, SAVES_EACH, READERS = 16, 12, 4

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="SQLite's write lock only",
)

SETUP = """
import sys, django
django.setup()
from django.db import transaction
from sources.models import Author
"""

WRITER = (
    SETUP
    + """
worker = sys.argv[1]
for number in range(int(sys.argv[2])):
    with transaction.atomic():
        Author.objects.filter(slug__startswith=f"w{worker}-").count()  # a read, then a write
        Author.objects.create(name=f"Writer {worker} #{number}", slug=f"w{worker}-{number}")
"""
)

READER = (
    SETUP
    + """
import time
deadline = time.monotonic() + float(sys.argv[1])
while time.monotonic() < deadline:
    list(Author.objects.values_list("slug", flat=True))
"""
)


def test_sixteen_writers_and_readers_lose_nothing_and_never_meet_a_locked_database(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_DEBUG"}}
    env.update(DATABASE_URL=f"sqlite:///{tmp_path / 'kb.sqlite3'}", DJANGO_DEBUG="1")
    env["DJANGO_SETTINGS_MODULE"] = "alliance_kb.settings"
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"], cwd=PROJECT, env=env, check=True
    )

    def start(code, *args):
        return subprocess.Popen(
            [sys.executable, "-c", code, *map(str, args)],
            cwd=PROJECT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    processes = [start(READER, 8) for _ in range(READERS)]
    processes += [start(WRITER, worker, SAVES_EACH) for worker in range(WRITERS)]
    errors = []
    for process in processes:
        _, stderr = process.communicate(timeout=300)
        if process.returncode:
            errors.append(stderr)
    assert not errors, errors[0]

    count = subprocess.run(
        [sys.executable, "-c", SETUP + "print(Author.objects.count(), Author.history.count())"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert count == [str(WRITERS * SAVES_EACH)] * 2
