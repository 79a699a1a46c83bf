"""Grow the knowledge base with synthetic papers and proposals, to measure it at scale.

The real knowledge base (load_kb) is normally loaded first: synthetic data adds to it and copies
its sentences and tag mix (editorial/synthetic.py says how). The command refuses a database that
holds other sources than the papers fixtures/ loads, since those may be an editor's work, unless
told --force; --clear removes only the rows it made.
"""

import sys
import time
from pathlib import Path

import yaml
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from editorial import synthetic


def fixture_source_slugs(directory: Path) -> set[str]:
    """The slugs of the papers load_kb loads from `directory`."""
    slugs = set()
    for path in sorted(directory.glob("*.yaml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            if entry.get("model") == "sources.sourcedocument":
                slugs.add(entry["fields"]["slug"])
    return slugs


class Command(BaseCommand):
    help = "Add synthetic published papers and proposals (for benchmarks); --clear removes them."

    def add_arguments(self, parser):
        parser.add_argument("--proposals", type=int, default=0, help="How many to add.")
        parser.add_argument(
            "--per-source", type=int, default=50, help="Proposals per synthetic paper."
        )
        parser.add_argument("--seed", type=int, default=1, help="Same seed, same data.")
        parser.add_argument(
            "--clear", action="store_true", help="First remove every synthetic row (only those)."
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Add to a database holding sources the fixtures do not load.",
        )

    def handle(self, *args, proposals, per_source, seed, clear, force, **options):
        if proposals < 0 or per_source < 1:
            raise CommandError("--proposals must be 0 or more and --per-source 1 or more.")
        known = fixture_source_slugs(Path(settings.BASE_DIR) / "fixtures")
        foreign = synthetic.foreign_sources(known)
        if foreign.exists() and not force:
            raise CommandError(
                f"This database holds {foreign.count()} sources that are neither synthetic nor "
                "among the papers fixtures/ loads (an editor's work?): synthetic data is for a "
                "benchmark database. Use --force to add to it anyway."
            )
        if clear:
            removed = synthetic.clear()
            self.stdout.write(f"Removed {removed} synthetic proposals and their papers.")
        elif proposals and synthetic.synthetic_sources().exists():
            raise CommandError(
                f"This database already holds {synthetic.synthetic_proposals().count()} synthetic "
                "proposals: add --clear to replace them."
            )
        if not proposals:
            return

        started = time.monotonic()
        tty = self.stdout.isatty() if hasattr(self.stdout, "isatty") else sys.stdout.isatty()

        def progress(done, total):
            line = f"{done:>9,} / {total:,} proposals ({time.monotonic() - started:5.1f} s)"
            self.stdout.write("\r" + line if tty else line, ending="" if tty else "\n")
            self.stdout.flush()

        try:
            made = synthetic.generate(
                proposals=proposals, per_source=per_source, seed=seed, progress=progress
            )
        except synthetic.NotSynthetic as error:
            raise CommandError(str(error)) from error
        if tty:
            self.stdout.write("")
        # The planner's statistics, for the grown tables: without them SQLite chose a plan that
        # read 100,000 rows for a page's related proposals (3.8 s instead of milliseconds).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.stdout.write(
            self.style.SUCCESS(
                f"Added {made:,} synthetic proposals in {time.monotonic() - started:.1f} s."
            )
        )
