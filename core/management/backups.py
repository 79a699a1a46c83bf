"""Whole-database snapshots, taken and put back by the database's own tools.

SQLite: the online backup API copies every page of the live database (WAL included) as one
consistent snapshot, while readers and writers carry on. PostgreSQL: `pg_dump --format=custom`
(one consistent transaction), put back with `pg_restore`. Either way the snapshot holds every
table: content, history, users, groups and permissions, sessions and the search index, so a
restored database needs nothing rebuilt. The app keeps no uploaded files (a PDF or HTML file an
editor uploads is read for its text and never stored), so the database is the whole state.
"""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.core.management.base import CommandError
from django.db import connection

# Rows that `migrate` makes by itself: a database holding only these is still empty. Data
# migrations make the Editors group with its permissions (editorial/accounts.py).
MIGRATE_FILLS = {"django_migrations", "django_content_type", "auth_permission"}
MIGRATE_ROWS = {"auth_group": "name <> 'Editors'", "auth_group_permissions": "1 = 0"}


def vendor() -> str:
    if connection.vendor not in ("sqlite", "postgresql"):
        raise CommandError(f"Backups support SQLite and PostgreSQL, not {connection.vendor}.")
    return connection.vendor


def suffix() -> str:
    return ".sqlite3" if vendor() == "sqlite" else ".pgdump"


def tables_with_rows() -> list[str]:
    """The models' tables that hold anything `migrate` did not put there (none: an empty
    database). The search index's own tables are left out: they derive from the models'."""
    full = []
    tables = connection.introspection.django_table_names(only_existing=True)
    with connection.cursor() as cursor:
        for table in sorted(tables):
            if table in MIGRATE_FILLS:
                continue
            quoted = connection.ops.quote_name(table)
            others = MIGRATE_ROWS.get(table, "1 = 1")
            cursor.execute(f"SELECT 1 FROM {quoted} WHERE {others} LIMIT 1")  # noqa: S608
            if cursor.fetchone():
                full.append(table)
    return full


def back_up(path: Path) -> None:
    if vendor() == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(path)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    else:
        _run_pg(["pg_dump", "--format=custom", "--no-owner", "--no-acl", f"--file={path}"])


def restore(path: Path) -> None:
    if not path.is_file():
        raise CommandError(f"No backup file at {path}.")
    if vendor() == "sqlite":
        try:
            source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            source.execute("PRAGMA schema_version").fetchone()  # fails when it is not SQLite
        except sqlite3.DatabaseError as error:
            raise CommandError(f"{path} is not an SQLite backup: {error}.") from None
        connection.ensure_connection()
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    else:
        # --clean drops what the dump holds before recreating it: the tables `migrate` made in
        # an empty database, or (when forced) the rows being replaced.
        connection.close()  # no session of ours may hold a lock on a table being dropped
        _run_pg(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-acl",
                "--single-transaction",
                "--exit-on-error",
                str(path),
            ],
            database_flag="--dbname",
        )


def _run_pg(argv: list[str], database_flag: str | None = None) -> None:
    settings = connection.settings_dict
    tool = argv[0]
    if shutil.which(tool) is None:
        raise CommandError(f"{tool} is not installed: apt-get install postgresql-client.")
    env = dict(os.environ)
    for var, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER")):
        if settings.get(key):
            env[var] = str(settings[key])
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = settings["PASSWORD"]
    name = settings["NAME"]
    argv = [*argv, f"{database_flag}={name}"] if database_flag else [*argv, name]
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise CommandError(f"{tool} failed: {done.stderr.strip()}")
