"""Measure the suggested tags and related proposals against the stored ones, leaving each paper
out in turn."""

from django.core.management.base import BaseCommand

from editorial.proposal_suggestions import proposal_items, vocabulary_entries, vocabulary_names
from editorial.similar import similar_proposal_ids
from editorial.tag_suggestions import RELATED_TOP, evaluate


class Command(BaseCommand):
    help = (
        "Leave-one-paper-out precision and recall of the suggested tags (vocabulary names, "
        "acronyms and aliases in the sentence's paragraph, and the tags its nearest proposals of "
        "other papers share) and related proposals (the nearest of other papers: by full-text "
        "rank over the search index, or --related=words for the word-overlap baseline)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--related",
            choices=["fulltext", "words"],
            default="fulltext",
            help="How related proposals are found (default: fulltext, as the proposal form does).",
        )

    def handle(self, *args, related="fulltext", **options):
        vocabulary = vocabulary_names(vocabulary_entries())
        items = proposal_items()

        def fulltext(item):
            return similar_proposal_ids(
                item.text, other_than_source=item.paper, exclude=[item.pk], limit=RELATED_TOP
            )

        result = evaluate(items, vocabulary, related=fulltext if related == "fulltext" else None)
        for name, (suggested, right, stored, precision, recall) in result.items():
            self.stdout.write(
                f"{name}: {suggested} suggested, {right} of them stored, {stored} stored; "
                f"precision {precision:.2f}, recall {recall:.2f}"
            )
