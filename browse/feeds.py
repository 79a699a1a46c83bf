"""Atom feeds of the newest published proposals: of the whole knowledge base, or of any filtered
list (`/feeds/proposals.atom?theme=…&q=…`, linked from the list as "follow this list"), which is
how a reader is alerted to new proposals matching a saved search."""

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from browse.filters import FACETS, ProposalFilter
from browse.selectors import querystrings
from proposals.models import Proposal
from sources.models import Authorship

FEED_LENGTH = 50


def filters_described(filterset: ProposalFilter) -> str:
    """The filters in force in words: "Theme: Basing and Okinawa; search: “China”"."""
    data = filterset.data
    parts = [
        f"{label}: " + ", ".join(filterset.options[name][value] for value in data.getlist(name))
        for name, label in FACETS.items()
        if data.getlist(name)
    ]
    years = [data.get("year_from"), data.get("year_to")]
    if any(years):
        parts.append(f"years {years[0] or '…'}–{years[1] or '…'}")
    if not filterset.search.is_empty:
        parts.append(f"search “{filterset.search.text}”")
    return "; ".join(parts)


class LatestProposalsFeed(Feed):
    feed_type = Atom1Feed
    subtitle = "Policy proposals on the U.S.-Japan alliance, each quoted from its source paper."

    def get_object(self, request):
        # Published only, whoever asks: feeds are read by aggregators, never as a preview.
        published = Proposal.objects.published()
        return ProposalFilter(request.GET, queryset=published, user=AnonymousUser())

    def title(self, filterset):
        described = filters_described(filterset)
        return "Alliance KB: newest proposals" + (f" ({described})" if described else "")

    def link(self, filterset):
        query = querystrings.without(filterset.data, "sort")
        return reverse("proposals:list") + query

    def items(self, filterset):
        bylines = Authorship.objects.select_related("author").order_by("position")
        return (
            filterset.qs.select_related("source")
            .defer("source__body")  # the whole paper: an entry shows its title and date only
            .prefetch_related(Prefetch("source__authorships", queryset=bylines))
            # Newest in the knowledge base first: when published, or when loaded if it came
            # published from the fixtures.
            .annotate(listed_at=Coalesce("published_at", "created_at"))
            .order_by("-listed_at", "slug")[:FEED_LENGTH]
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
