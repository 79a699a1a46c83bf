"""Report, per source, how many recommendation-like sentences the proposals capture."""

from django.core.management.base import BaseCommand, CommandError

from editorial.coverage import REVIEWED_FILE, all_reviewed, source_coverage, stale_reviews
from sources.models import SourceDocument


class Command(BaseCommand):
    help = (
        "Find the sentences of each source that read as recommendations and report which lie "
        "inside a proposal's quote, which were reviewed as not recommendations, and which neither."
    )

    def add_arguments(self, parser):
        parser.add_argument("--source", help="Only this source (its slug).")
        parser.add_argument(
            "--strict",
            action="store_true",
            help="Exit with an error when any sentence is neither covered nor reviewed.",
        )

    def handle(self, *args, source=None, strict=False, **options):
        sources = SourceDocument.objects.order_by("published_on", "title")
        if source:
            sources = sources.filter(slug=source)
            if not sources.exists():
                raise CommandError(f"No source with the slug {source!r}.")
        reviewed = all_reviewed()
        reports = [source_coverage(s, reviewed.get(s.slug, {})) for s in sources]

        for report in reports:
            self.stdout.write(
                f"{report.source.slug}: {report.total} recommendation-like sentences, "
                f"{len(report.covered)} covered by proposals, {len(report.reviewed)} reviewed, "
                f"{len(report.uncovered)} uncovered"
            )
            for sentence in report.uncovered:
                self.stdout.write(f"    uncovered [{sentence.cue}] {sentence.text}")

        uncovered = sum(len(r.uncovered) for r in reports)
        stale = stale_reviews(reports, reviewed) if not source else []
        for slug, sentence in stale:
            self.stdout.write(f"    stale review entry ({slug}): {sentence}")
        summary = (
            f"{sum(len(r.covered) for r in reports)} covered, "
            f"{sum(len(r.reviewed) for r in reports)} reviewed, {uncovered} uncovered "
            f"(reviewed: {REVIEWED_FILE.name} and the suggestions dismissed in the admin)"
        )
        if strict and (uncovered or stale):
            raise CommandError(f"Coverage incomplete: {summary}; {len(stale)} stale reviews.")
        self.stdout.write(self.style.SUCCESS(summary) if not uncovered else summary)
