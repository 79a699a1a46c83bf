"""A database made before the layout change keeps everything when today's code migrates it.

The code of the last commit before the change is taken from git; it migrates a fresh database
(of the vendor this test run uses), loads the knowledge base into it and makes an editor. Today's
code then migrates that same database. Every row of every model (content, history, users, groups,
permissions, content types), the search index's rows and what searches find must be as before.
"""

import json
import os
import subprocess
import sys
import tarfile
import uuid
from io import BytesIO
from pathlib import Path

import psycopg
import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
# The last commit of the two-app layout: main before the core/search/browse/editorial apps.
OLD_LAYOUT = "2ba2386b80741242fe6fe08eb6cc58c1a5a0be0f"
SEARCHES = ["Okinawa", '"collective self-defence"', "AIIB or TPP", "alliance -China", "Korea"]

# Printed as JSON by each side's code: every row of every model, the index rows, the searches.
SNAPSHOT = """
import io, json, os
from django.core.management import call_command
from django.db import connection
from django.http import QueryDict
from urllib.parse import urlencode
from {listing} import proposal_listing

rows = io.StringIO()
call_command("dumpdata", "--all", "--exclude=sessions", stdout=rows)
with connection.cursor() as cursor:
    tables = ["proposals_proposal_search"] if connection.vendor == "postgresql" else [
        "proposals_proposal_fts", "proposals_source_fts"]
    index = {{t: cursor.execute(f"SELECT count(*) FROM {{t}}").fetchone()[0] for t in tables}}
searches = {{}}
for words in {searches!r}:
    found = proposal_listing(user=None, params=QueryDict(urlencode({{"q": words}})))
    searches[words] = {{
        "proposals": [p.slug for p in found.page.paginator.object_list],
        "sources": [s.slug for s in found.source_hits],
    }}
with open(os.environ["SNAPSHOT_FILE"], "w") as out:
    json.dump({{"rows": json.loads(rows.getvalue()), "index": index, "searches": searches}}, out)
"""

# Apps installed after the old layout (the sign-in lockout): their content types and permissions
# are new rows, not changed ones.
NEW_APPS = {"axes"}


def without_new_apps(rows: list[dict]) -> list[dict]:
    new_types = {
        row["pk"]
        for row in rows
        if row["model"] == "contenttypes.contenttype" and row["fields"]["app_label"] in NEW_APPS
    }
    return [
        row
        for row in rows
        if row["model"].split(".")[0] not in NEW_APPS
        and not (row["model"] == "contenttypes.contenttype" and row["pk"] in new_types)
        and not (row["model"] == "auth.permission" and row["fields"]["content_type"] in new_types)
    ]


def by_model_and_key(rows: list[dict]) -> list[dict]:
    return sorted(rows, key=lambda row: (row["model"], str(row["pk"])))


def manage(tree: Path, *args, database_url: str, **env) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=tree,
        env={
            **os.environ,
            "DATABASE_URL": database_url,
            "DJANGO_DEBUG": "1",
            # Each tree's own settings (the suite's settings_test module is newer than old trees).
            "DJANGO_SETTINGS_MODULE": "alliance_kb.settings",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, f"{tree.name}: manage.py {args[0]}: {result.stderr[-3000:]}"
    return result.stdout


def snapshot(tree: Path, listing_module: str, database_url: str) -> dict:
    """What SNAPSHOT finds, read from a file: the shell prints notes of its own on stdout."""
    script = SNAPSHOT.format(listing=listing_module, searches=SEARCHES)
    out = tree.parent / f"snapshot-{tree.name}.json"
    manage(tree, "shell", "-c", script, database_url=database_url, SNAPSHOT_FILE=str(out))
    return json.loads(out.read_text())


@pytest.fixture
def old_tree(tmp_path):
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", OLD_LAYOUT],
        capture_output=True,
        check=True,
    )
    tree = tmp_path / "old"
    with tarfile.open(fileobj=BytesIO(archive.stdout)) as tar:
        tar.extractall(tree, filter="data")
    return tree


@pytest.fixture
def empty_database(tmp_path):
    """The URL of a new, empty database on the server (or SQLite) this test run uses."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'old-layout.sqlite3'}"
        return
    settings = connection.settings_dict
    name = f"alliance_kb_layout_{uuid.uuid4().hex[:12]}"
    server = {
        "host": settings["HOST"] or "127.0.0.1",
        "port": settings["PORT"] or 5432,
        "user": settings["USER"] or "postgres",
        "password": settings["PASSWORD"] or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    password = f":{server['password']}" if server["password"] else ""
    yield f"postgres://{server['user']}{password}@{server['host']}:{server['port']}/{name}"
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_database_of_the_old_layout_keeps_every_row_when_migrated(old_tree, empty_database):
    manage(old_tree, "migrate", "--noinput", database_url=empty_database)
    manage(old_tree, "load_kb", database_url=empty_database)
    manage(
        old_tree,
        "create_editor",
        "hanako",
        database_url=empty_database,
        KB_EDITOR_PASSWORD="a-long-editor-password",
    )
    before = snapshot(old_tree, "proposals.selectors", empty_database)

    manage(ROOT, "migrate", "--noinput", database_url=empty_database)
    after = snapshot(ROOT, "browse.selectors.listing", empty_database)

    models = {row["model"] for row in before["rows"]}
    assert {
        "proposals.proposal",
        "proposals.historicalproposal",
        "sources.sourcedocument",
    } <= models
    assert {"auth.user", "auth.group", "auth.permission", "contenttypes.contenttype"} <= models
    assert sum(row["model"] == "proposals.proposal" for row in before["rows"]) == 148
    # Every row kept, whatever order the apps register their models in.
    assert by_model_and_key(without_new_apps(after["rows"])) == by_model_and_key(before["rows"])
    assert after["index"] == before["index"]
    assert all(before["searches"][words]["proposals"] for words in SEARCHES)
    assert after["searches"] == before["searches"]
    applied = manage(ROOT, "showmigrations", "search", "editorial", database_url=empty_database)
    assert "[X] 0001_search_structures" in applied
    assert "[X] 0001_editors_group" in applied
