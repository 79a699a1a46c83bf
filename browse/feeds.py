"""An Atom feed of the newest published proposals, for readers who follow the knowledge base."""

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.db.models.functions import Coalesce
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed

from proposals.models import Proposal
from sources.models import Authorship

FEED_LENGTH = 50


class LatestProposalsFeed(Feed):
    feed_type = Atom1Feed
    title = "Alliance KB: newest proposals"
    subtitle = "Policy proposals on the U.S.-Japan alliance, each quoted from its source paper."
    link = reverse_lazy("proposals:list")

    def items(self):
        # Published only, whoever asks: feeds are read by aggregators, never as a preview.
        bylines = Authorship.objects.select_related("author").order_by("position")
        return (
            Proposal.objects.published()
            .select_related("source")
            .prefetch_related(Prefetch("source__authorships", queryset=bylines))
            # Newest in the knowledge base first: when published, or when loaded if it came
            # published from the fixtures.
            .annotate(listed_at=Coalesce("published_at", "created_at"))
            .order_by("-listed_at")[:FEED_LENGTH]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return f"{item.summary}\n\n“{item.quote}” — {item.source.title}, {item.source.display_date}"

    def item_pubdate(self, item):
        return item.listed_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return ", ".join(author.name for author in item.source.ordered_authors) or None
