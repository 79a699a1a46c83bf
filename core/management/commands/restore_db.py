"""`make restore FILE=...`: put a backup from backup_db back, into an empty database only
(unless forced), since it replaces everything the database holds. A portable backup (.json.gz)
loads into either database; a native one only into the kind of database it came from."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from core import kb_version
from core.management import backups, portable


class Command(BaseCommand):
    help = (
        "Restore a backup written by backup_db into this database. Refuses a database that "
        "holds anything beyond what `migrate` creates, unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The backup file (.json.gz, .sqlite3 or .pgdump).")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace what the database holds now (it is lost unless backed up).",
        )

    def handle(self, *args, file, force=False, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No backup file at {path}.")
        is_portable = path.name.endswith(portable.SUFFIX)
        expected = backups.suffix()
        if not is_portable and path.suffix != expected:
            raise CommandError(
                f"{path} is not a backup of this kind of database (expected a "
                f"{portable.SUFFIX} or {expected} file)."
            )
        rows = portable.read(path) if is_portable else None  # a bad file stops here
        if is_portable and _unapplied_migrations():
            # A portable backup holds rows, not tables: they load into this version's schema.
            raise CommandError(
                "The database's tables are not those of this version: run `manage.py migrate` "
                "first, then restore. Nothing was restored."
            )
        full = backups.tables_with_rows()
        if full and not force:
            shown = ", ".join(full[:5]) + (" …" if len(full) > 5 else "")
            holds = "table holds" if len(full) == 1 else "tables hold"
            raise CommandError(
                f"The database is not empty ({len(full)} {holds} rows: {shown}); nothing was "
                "restored. Restore into an empty database, or pass --force (FORCE=1 with make) "
                "to replace its contents with the backup's."
            )
        if is_portable:
            portable.load(rows)  # and the search index is rebuilt from the loaded rows
        else:
            backups.restore(path)
        kb_version.bump()  # cached pages and ETags from before the restore no longer match
        self.stdout.write(f"Restored the database from {path}.")


def _unapplied_migrations() -> bool:
    executor = MigrationExecutor(connection)
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))
