"""`make backup`: one consistent snapshot of the whole database, in a file of its own.

Portable by default (core.management.portable: gzipped JSON that either database loads); with
--format native, the database's own snapshot (core.management.backups), restorable only into the
same kind of database."""

from datetime import UTC, datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.management import backups, portable


class Command(BaseCommand):
    help = (
        "Write a consistent snapshot of the whole database to --out, or to a new dated file in "
        "--dir: portable JSON (default; restorable into SQLite or PostgreSQL) or, with "
        "--format native, the SQLite online backup or pg_dump's custom format."
    )

    def add_arguments(self, parser):
        parser.add_argument("--out", help="The file to write (it must not exist).")
        parser.add_argument("--dir", default="backups", help="Where dated backups go.")
        parser.add_argument("--format", choices=("portable", "native"), default="portable")

    def handle(self, *args, out=None, dir="backups", format="portable", **options):
        suffix = portable.SUFFIX if format == "portable" else backups.suffix()
        if out:
            path = Path(out)
        else:
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
            path = Path(dir) / f"alliance-kb-{stamp}{suffix}"
        if path.exists():
            # Never overwrite a backup: it may be the only good one.
            raise CommandError(f"{path} exists already; choose another name.")
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".partial")
        try:
            if format == "portable":
                portable.write(partial)
            else:
                backups.back_up(partial)
            partial.rename(path)  # a file under the final name is always a complete backup
        finally:
            partial.unlink(missing_ok=True)
        self.stdout.write(f"Backed up the database to {path} ({path.stat().st_size:,} bytes).")
