"""`make backup`: one consistent snapshot of the whole database, in a file of its own."""

from datetime import UTC, datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.management import backups


class Command(BaseCommand):
    help = (
        "Write a consistent snapshot of the whole database (SQLite: the online backup API; "
        "PostgreSQL: pg_dump's custom format) to --out, or to a new dated file in --dir."
    )

    def add_arguments(self, parser):
        parser.add_argument("--out", help="The file to write (it must not exist).")
        parser.add_argument("--dir", default="backups", help="Where dated backups go.")

    def handle(self, *args, out=None, dir="backups", **options):
        if out:
            path = Path(out)
        else:
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
            path = Path(dir) / f"alliance-kb-{stamp}{backups.suffix()}"
        if path.exists():
            # Never overwrite a backup: it may be the only good one.
            raise CommandError(f"{path} exists already; choose another name.")
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".partial")
        try:
            backups.back_up(partial)
            partial.rename(path)  # a file under the final name is always a complete backup
        finally:
            partial.unlink(missing_ok=True)
        self.stdout.write(f"Backed up the database to {path} ({path.stat().st_size:,} bytes).")
