from django.core.management.base import BaseCommand

from search.reindex_queue import write_pending


class Command(BaseCommand):
    help = (
        "Write the search documents still queued by a tag's rename or deletion (a process "
        "stopped before writing them leaves them queued). Safe to run at any time, e.g. from cron."
    )

    def handle(self, *args, **options):
        written = write_pending()
        self.stdout.write(f"{written} proposal documents written.")
