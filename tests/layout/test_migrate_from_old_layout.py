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


def found_sets(searches: dict) -> dict:
    return {words: {k: sorted(v) for k, v in found.items()} for words, found in searches.items()}


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


# Since proposals' 0005_editors_history_snapshot, a historical proposal keeps its themes and
# frameworks in its snapshot instead of in these two tables of django-simple-history's.
TAG_COPIES = {
    "proposals.historicalproposal_themes": "theme",
    "proposals.historicalproposal_frameworks": "framework",
}
SNAPSHOT_MODELS = {"proposals.historicalproposal", "sources.historicalsourcedocument"}


def tags_by_version(rows) -> dict:
    """{history id: {"themes": ids, "frameworks": ids}} from the old tag copies."""
    tags = {}
    for row in rows:
        if row["model"] == "proposals.historicalproposal":
            tags.setdefault(row["pk"], {"themes": [], "frameworks": []})
    for row in rows:
        if row["model"] in TAG_COPIES:
            field = TAG_COPIES[row["model"]]
            tags[row["fields"]["history"]][field + "s"].append(row["fields"][field])
    return {pk: {k: sorted(v) for k, v in entry.items()} for pk, entry in tags.items()}


def moved_into_snapshots(rows) -> dict:
    return {
        row["pk"]: {
            key: sorted(entry[0] for entry in row["fields"]["snapshot"][key])
            for key in ("themes", "frameworks")
        }
        for row in rows
        if row["model"] == "proposals.historicalproposal"
    }


def without_snapshots(rows) -> list:
    return [
        {**row, "fields": {k: v for k, v in row["fields"].items() if k != "snapshot"}}
        if row["model"] in SNAPSHOT_MODELS
        else row
        for row in rows
    ]


# Models added since (editorial's 0002): their content types and permissions are new rows, and
# the Editors group gains the permissions on dismissed suggestions.
NEW_MODELS = {
    ("editorial", "dismissedsuggestion"),
    ("editorial", "historicaldismissedsuggestion"),
    ("search", "pendingtag"),  # renamed tags whose proposals wait to be reindexed
}


def without_new_models(rows) -> tuple[list, set]:
    types = {
        row["pk"]
        for row in rows
        if row["model"] == "contenttypes.contenttype"
        and (row["fields"]["app_label"], row["fields"]["model"]) in NEW_MODELS
    }
    permissions = {
        row["pk"]
        for row in rows
        if row["model"] == "auth.permission" and row["fields"]["content_type"] in types
    }
    kept = []
    for row in rows:
        if row["pk"] in types and row["model"] == "contenttypes.contenttype":
            continue
        if row["pk"] in permissions and row["model"] == "auth.permission":
            continue
        if row["model"] == "auth.group":
            granted = row["fields"]["permissions"]
            row = {
                **row,
                "fields": {
                    **row["fields"],
                    "permissions": [pk for pk in granted if pk not in permissions],
                },
            }
        kept.append(row)
    return kept, permissions


def without_tag_copies(rows) -> list:
    return [row for row in rows if row["model"] not in TAG_COPIES]


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


# Apps added since the old layout (the evidence log, the sign-in lockout): their tables, content
# types and permissions are new rows, not changed ones.
NEW_APPS = {"outcomes", "axes"}


def without_new_apps(rows: list[dict]) -> list[dict]:
    new_types = {
        row["pk"]
        for row in rows
        if row["model"] == "contenttypes.contenttype" and row["fields"]["app_label"] in NEW_APPS
    }

    def is_new(row):
        return (
            row["model"].split(".")[0] in NEW_APPS
            or row["pk"] in new_types
            and row["model"] == "contenttypes.contenttype"
            or row["model"] == "auth.permission"
            and row["fields"]["content_type"] in new_types
        )

    new_permissions = {
        row["pk"] for row in rows if is_new(row) and row["model"] == "auth.permission"
    }
    kept = []
    for row in rows:
        if is_new(row):
            continue
        if row["model"] == "auth.group":  # the Editors group also gets the new apps' permissions
            granted = [pk for pk in row["fields"]["permissions"] if pk not in new_permissions]
            row = {**row, "fields": {**row["fields"], "permissions": granted}}
        kept.append(row)
    return kept


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
    assert moved_into_snapshots(after["rows"]) == tags_by_version(before["rows"])
    after_rows, dismissal_permissions = without_new_models(without_new_apps(after["rows"]))
    # view, add, change, delete: of the dismissals, their history and the renamed-tag queue
    assert len(dismissal_permissions) == 12
    # Every row kept, whatever order the apps register their models in.
    assert by_model_and_key(without_snapshots(after_rows)) == by_model_and_key(
        without_tag_copies(before["rows"])
    )
    assert after["index"] == before["index"]
    assert all(before["searches"][words]["proposals"] for words in SEARCHES)
    # The same proposals and sources found; their order may differ, since today's search also
    # accepts each word's other spellings, which moves the ranks of ties.
    assert found_sets(after["searches"]) == found_sets(before["searches"])
    applied = manage(ROOT, "showmigrations", "search", "editorial", database_url=empty_database)
    assert "[X] 0001_search_structures" in applied
    assert "[X] 0001_editors_group" in applied
