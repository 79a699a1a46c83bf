"""The sources page: the papers in publication order, PAGE_SIZE to a page, narrowed by words of
their titles.

At 2,000 papers one page of every source with its byline and proposal count was 1.3 MB and over
a second; a page of them is read in one query whatever the number of sources, counted too.
"""

from dataclasses import dataclass

from django.db.models import Count, OuterRef, Subquery, Value, Window
from django.db.models.functions import Coalesce

from browse.selectors.listing import CountedPaginator
from browse.selectors.listing import _page as nearest_page  # the list's bad-page handling
from proposals.models import Proposal
from sources.models import SourceDocument

PAGE_SIZE = 50
ORDER = ("published_on", "title", "pk")  # pk: papers of one date and title keep their pages
FIND_MAX = 100  # characters of a title search kept, as on the source facet's page
# A page number past this is no page (OFFSET would overflow): found by counting instead.
PLAUSIBLE_PAGES = 10**6


@dataclass
class SourcePage:
    page: object  # a django Page of SourceDocument, each with .n, its visible proposals
    find: str  # words the titles must hold, or ""
    notices: list[str]

    @property
    def sources(self) -> list:
        return self.page.object_list


def title_words(raw: str | None) -> str:
    """The search as typed, without characters no title holds (a NUL is an error to PostgreSQL)."""
    printable = "".join(c if c.isprintable() else " " for c in (raw or ""))
    return " ".join(printable.split())[:FIND_MAX]


def source_listing(*, user, page: str | None = None, find: str = "") -> SourcePage:
    """One page of the sources this user may see (drafts for staff), with their bylines and how
    many of their proposals the user may see.

    Three queries at most when the page exists (the page with the total beside each row, and the
    bylines), two more when it does not (the count, then the nearest page), as the proposal list
    answers a bad page number: with a notice, never an error.
    """
    find = title_words(find)
    sources = SourceDocument.objects.visible_to(user).order_by(*ORDER)
    for word in find.split():
        sources = sources.filter(title__icontains=word)
    notices = []
    asked = _asked(page)
    rows = _rows(sources, user, asked) if asked else []
    # The total rides on every row of the page: no COUNT query unless the page asked for is empty.
    count = rows[0].total if rows else sources.count()
    chosen = nearest_page(CountedPaginator(sources, PAGE_SIZE, count=count), page, notices)
    if chosen.number != asked:
        rows = _rows(sources, user, chosen.number) if count else []
    chosen.object_list = rows
    return SourcePage(page=chosen, find=find, notices=notices)


def _asked(raw: str | None) -> int | None:
    """The page number to try first: 1 for what is no number (the notice comes later)."""
    try:
        number = int(raw or 1)
    except (TypeError, ValueError):
        return 1
    return None if number > PLAUSIBLE_PAGES else max(number, 1)


def _rows(sources, user, number: int) -> list:
    """The page's sources with their bylines, the visible proposals of each and the list's size.

    The page is chosen by its ids first (a LIMITed subquery): counted in the same SELECT as the
    LIMIT, each skipped source's proposals were counted too (96 ms for the last of 41 pages).
    """
    bottom = (number - 1) * PAGE_SIZE
    page_ids = sources.values("pk")[bottom : bottom + PAGE_SIZE]
    visible = Proposal.objects.visible_to(user).filter(source=OuterRef("pk")).order_by()
    proposals = visible.values("source").annotate(n=Count("pk")).values("n")
    # The list's size, in the same query (computed once: it does not depend on the row).
    total = sources.order_by().annotate(total=Window(Count("pk"))).values("total")[:1]
    return list(
        SourceDocument.objects.filter(pk__in=page_ids)
        .with_authors()
        .annotate(n=Coalesce(Subquery(proposals), Value(0)), total=Subquery(total))
        .order_by(*ORDER)
    )
