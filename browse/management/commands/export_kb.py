"""Write the published knowledge base as a Frictionless Data Package (CSV, datapackage.json and
JSON Lines) to a folder."""

from pathlib import Path

from django.core.management.base import BaseCommand

from browse.datapackage import files


class Command(BaseCommand):
    help = "Write the published knowledge base as a Frictionless Data Package."

    def add_arguments(self, parser):
        parser.add_argument("--out", type=Path, default=Path("dist/alliance-kb-data"))
        parser.add_argument(
            "--base-url",
            default="http://127.0.0.1:8000",
            help="The site's address, for the page_url columns.",
        )

    def handle(self, *args, out: Path, base_url: str, **options):
        written = files(base_url.rstrip("/"))
        for name, content in written.items():
            path = out / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        self.stdout.write(
            self.style.SUCCESS(f"Wrote {len(written)} files to {out} (datapackage.json there).")
        )
