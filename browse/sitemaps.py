"""The sitemap search engines read: every published page and nothing else (no drafts, no
vocabulary entry without a published proposal, no filtered list: those are endless)."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from outcomes.models import Evidence
from proposals.models import Actor, Framework, Proposal, Theme
from sources.models import SourceDocument


class PagesSitemap(Sitemap):
    def items(self):
        lists = ["home", "list", "theme-list", "actor-list", "framework-list", "compare-index"]
        return [f"proposals:{name}" for name in lists] + ["sources:list"]

    def location(self, item):
        return reverse(item)


class OutcomesSitemap(Sitemap):
    """What the statuses mean, and what happened since (one page for every year: its ?year=
    views are filters of it)."""

    def items(self):
        return ["outcomes:statuses", "outcomes:since"]

    def location(self, item):
        return reverse(item)

    def lastmod(self, item):
        if item == "outcomes:since":
            return Evidence.objects.published().aggregate(last=Max("updated_at"))["last"]
        return None


class ProposalSitemap(Sitemap):
    def items(self):
        return Proposal.objects.published().only("slug", "updated_at").order_by("slug")

    def lastmod(self, proposal):
        return proposal.updated_at


class SourceSitemap(Sitemap):
    def items(self):
        return SourceDocument.objects.published().only("slug", "updated_at").order_by("slug")

    def lastmod(self, source):
        return source.updated_at


class VocabularySitemap(Sitemap):
    def __init__(self, model):
        self.model = model

    def items(self):
        published = Proposal.objects.published()
        return (
            self.model.objects.filter(proposals__in=published)
            .annotate(last=Max("proposals__updated_at"))
            .only("slug")
            .order_by("slug")
        )

    def lastmod(self, entry):
        return entry.last


SITEMAPS = {
    "pages": PagesSitemap,
    "outcomes": OutcomesSitemap,
    "proposals": ProposalSitemap,
    "sources": SourceSitemap,
    "themes": VocabularySitemap(Theme),
    "actors": VocabularySitemap(Actor),
    "frameworks": VocabularySitemap(Framework),
}
