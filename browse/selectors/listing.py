"""The proposal list: filters, facets with counts, search, sort and paging; and its exports.

Why this module is long: the page, its exports and the facet index's short lists share one
filtering, counting and paging path, which is kept in one place so that they cannot disagree."""

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.db.models.functions import Lower
from django.http import QueryDict
from django.urls import reverse

from browse import caching
from browse.filters import FACETS, MATCHABLE, ProposalFilter
from browse.selectors import empty_results, querystrings
from browse.selectors.convergence import mark_other_papers
from browse.selectors.facet_bitmaps import BitmapCounts
from browse.selectors.facets import facet_counts
from outcomes.selectors import published_assessments, with_outcome
from proposals.models import Proposal
from search import backends as search
from search import facet_index
from search.idset import among
from sources.models import Authorship, SourceDocument

PAGE_SIZE = 20
SOURCES_SHOWN = 10  # the source facet's options on the list page; the rest on their own page
SOURCE_CHOICES_PAGE = 50
FEW = 5000  # lists this short are fetched by their ids (from the facet index)
SORTS = {
    "relevance": "Relevance",
    "source": "Source order",
    "newest": "Newest first",
    "title": "Title A–Z",
}
SOURCE_ORDER = ("source__published_on", "source__title", "position")
ORDERINGS = {
    "source": SOURCE_ORDER,
    "newest": ("-source__published_on", "source__title", "position"),
    "title": (Lower("title"), *SOURCE_ORDER),  # as a reader alphabetises, whatever the case
    "relevance": ("-search_rank", *SOURCE_ORDER),
}


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    url: str  # the list with this option toggled


@dataclass
class Facet:
    name: str
    label: str
    options: list[FacetOption]
    mode: str | None = None  # "any" or "all" where the facet's values may be required together
    mode_url: str = ""  # the list with the other mode

    @property
    def chosen(self) -> int:
        return sum(option.selected for option in self.options)

    SHOWN = 10  # options beyond these fold under "more"
    folded: int = 0  # options left off the page (the source facet's): on its own page instead
    more_url: str = ""  # that page, for these filters

    @property
    def top(self):
        return self.options[: self.SHOWN]

    @property
    def more(self):
        return self.options[self.SHOWN :]


@dataclass
class Chip:
    label: str
    value: str
    url: str  # the list without this filter


@dataclass
class Listing:
    filterset: ProposalFilter
    page: object
    facets: list[Facet]
    years: list[FacetOption]
    chips: list[Chip]
    sort: str
    sorts: dict
    notices: list[str]
    source_hits: list = field(default_factory=list)
    suggestion: object = None  # empty_results.WayOut: "did you mean …", when nothing was found
    ways_out: list = field(default_factory=list)  # empty_results.WayOut per filter in force

    @property
    def search(self):
        return self.filterset.search

    @property
    def filtered(self) -> bool:
        """Filters beyond the search words."""
        return len(self.chips) > (0 if self.search.is_empty else 1)

    @property
    def export_query(self) -> str:
        """The query string that exports what this page lists: every page of it, same order."""
        return querystrings.without(self.filterset.data, "page")

    @property
    def feed_query(self) -> str:
        """The query string of this list's Atom feed: its filters and search, newest first."""
        return querystrings.without(self.filterset.data, "sort")


def _page(paginator: Paginator, raw: str | None, notices: list[str]):
    """The asked-for page, or the nearest one with a notice: a bad page number is no error."""
    try:
        number = int(raw or 1)
    except (TypeError, ValueError):
        notices.append(f"“{raw[:20]}” is not a page number; showing the first page.")
        number = 1
    last = paginator.num_pages
    if number < 1:
        notices.append("Pages count from 1; showing the first page.")
        number = 1
    elif number > last:
        notices.append(f"There is no page {number}: the list has {last} page{'s' * (last > 1)}.")
        number = last
    return paginator.page(number)


def by_count(option: FacetOption):
    return (not option.selected, -option.count, option.label.lower())


def facet_options(filterset: ProposalFilter, params: QueryDict, counts: dict, name: str):
    """The facet's options with a count or chosen, without their addresses yet."""
    selected = params.getlist(name)
    return [
        FacetOption(value, text, counts[name].get(value, 0), value in selected, "")
        for value, text in filterset.options[name].items()
        if counts[name].get(value) or value in selected
    ]


def _facets(
    filterset: ProposalFilter, params: QueryDict, counts: dict, *, fold: bool = True
) -> list[Facet]:
    """Each option with the count it would give; selected options are always listed.

    With `fold`, the source facet shows its SOURCES_SHOWN largest options and the chosen ones,
    and links to a page with all of them: at 2,000 papers, listing (and addressing) every one
    was most of the list page's time and bytes.
    """
    facets = []
    for name, label in FACETS.items():
        selected = params.getlist(name)
        if name == "role" and not params.getlist("actor") and not selected:
            continue  # a role belongs to an actor: offered once an actor is chosen
        options = facet_options(filterset, params, counts, name)
        folded = 0
        if name in ("theme", "actor", "framework"):  # few sources stay in publication order
            options.sort(key=by_count)
        elif name == "source" and fold and len(options) > SOURCES_SHOWN:
            # The chosen ones first, then the largest, as the other facets order theirs.
            chosen = [o for o in options if o.selected]
            largest = sorted((o for o in options if not o.selected), key=by_count)
            folded = len(largest) - SOURCES_SHOWN
            options = chosen + largest[:SOURCES_SHOWN]
        for option in options:
            option.url = querystrings.toggled(params, name, option.value)
        facet = Facet(name, label, options, folded=folded)
        if folded:
            facet.SHOWN = len(options)  # all on show: the rest is on the page linked to
            facet.more_url = reverse("proposals:source-choice") + querystrings.url(params).rstrip(
                "?"
            )
        if name in MATCHABLE:
            facet.mode = filterset.modes[name]
            facet.mode_url = (
                querystrings.without(params, f"{name}_mode")
                if facet.mode == "all"
                else querystrings.with_value(params, f"{name}_mode", "all")
            )
        facets.append(facet)
    return facets


def _chips(filterset: ProposalFilter, params: QueryDict) -> list[Chip]:
    """The filters in force, each with the address of the list without it."""
    chips = [
        Chip(label, filterset.options[name][value], querystrings.without(params, name, value))
        for name, label in FACETS.items()
        for value in params.getlist(name)
    ]
    year_from, year_to = params.get("year_from"), params.get("year_to")
    if year_from or year_to:
        span = year_from if year_from == year_to else f"{year_from or '…'}–{year_to or '…'}"
        without_years = params.copy()
        without_years.pop("year_from", None)
        chips.append(Chip("Years", span, querystrings.without(without_years, "year_to")))
    if not filterset.search.is_empty:
        chips.insert(0, Chip("Search", filterset.search.text, querystrings.without(params, "q")))
    return chips


@dataclass
class FacetSummary:
    filterset: ProposalFilter
    facets: list[Facet]
    years: list[FacetOption]


def counted(*, user, params: QueryDict):
    """(the filterset, its cleaned parameters, every facet's counts) for the list's URL."""
    base = Proposal.objects.visible_to(user)
    filterset = ProposalFilter(params, queryset=base, user=user)
    params = filterset.data  # cleaned: unknown values gone
    # The counts depend only on the filters and who is asking: cached on the knowledge base's
    # version, so that paging, sorting or another reader asking the same costs nothing.
    counts = caching.block(
        "facets",
        user,
        lambda: _counts(filterset, base, user),
        caching.normalised_query(params),
    )
    return filterset, params, counts


def proposal_facets(*, user, params: QueryDict, fold: bool = True) -> FacetSummary:
    """The list's filters as the URL gives them, and every facet option with its count
    (without `fold`, every source too)."""
    filterset, params, counts = counted(user=user, params=params)
    years = [
        FacetOption(str(year), str(year), n, False, querystrings.year_url(params, year))
        for year, n in sorted(counts["year"].items())
    ]
    return FacetSummary(filterset, _facets(filterset, params, counts, fold=fold), years)


def _counter(filterset: ProposalFilter, user) -> BitmapCounts:
    staff = user is not None and user.is_staff  # as Proposal.objects.visible_to() decides
    return BitmapCounts(filterset, facet_index.current(), staff=staff)


def _counts(filterset: ProposalFilter, base, user) -> dict:
    # Counted over the in-process facet index's bitmaps, not by a GROUP BY per facet: at 100,000
    # proposals microseconds per option instead of seconds per facet (docs/performance.md).
    return facet_counts(filterset, base, _counter(filterset, user))


class CountedPaginator(Paginator):
    """A paginator told the list's size rather than counting it."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self._known_count = count

    @property
    def count(self) -> int:
        return self._known_count


def proposal_listing(*, user, params: QueryDict) -> Listing:
    summary = proposal_facets(user=user, params=params)
    filterset = summary.filterset
    notices = list(filterset.notices)
    params = filterset.data

    sort, sorts = _chosen_sort(params, filterset.search, notices)
    ordering = ORDERINGS[sort]
    # The list's size is the size of its bitmap in the facet index: no COUNT(*) over the
    # filtered table (0.4 s for a theme and an actor at 100,000 proposals).
    listed = _counter(filterset, user).within()
    size = len(listed)
    rows = filterset.qs
    if size <= FEW:
        # A short list by its ids: the filters' subqueries under ORDER BY … LIMIT can make the
        # database walk the whole table in order to find a few rows (1 s for an empty list).
        rows = among(filterset.queryset, list(listed))
    # The paginator is told the size and only picks the page number: the page's rows come below.
    page = _page(CountedPaginator(rows, PAGE_SIZE, count=size), params.get("page"), notices)
    bottom = (page.number - 1) * PAGE_SIZE
    if sort == "relevance":
        # Ranked inside the text engine and LIMITed there, in one query (search.ranked_ids):
        # ranking every match through a per-row subquery was most of a common word's search.
        # That query matches the words itself, so a long list's candidates are its other
        # filters' rows, not the match's ids again (tens of thousands in one parameter).
        candidates = rows
        if size > FEW:
            candidates = filterset.filter_queryset(filterset.queryset, skip="q")
        ids = search.ranked_ids(candidates, filterset.search, start=bottom, stop=bottom + PAGE_SIZE)
    else:
        ids = rows.order_by(*ordering).values("pk")[bottom : bottom + PAGE_SIZE]
    # Highlighting is a search's costly part: only for the rows shown, once the page is chosen
    # (by relevance, a list of 20 ids; otherwise a LIMITed subquery: one query, not two).
    shown = search.rank_proposals(Proposal.objects.filter(pk__in=ids), filterset.search)
    shown = search.highlight_proposals(shown, filterset.search)
    shown = with_outcome(shown.with_tags()).order_by(*ordering)
    # The cards' "also in N other papers", for these rows only.
    page.object_list = mark_other_papers(list(shown), filterset.queryset)

    source_hits = []
    if not filterset.search.is_empty:
        visible_sources = SourceDocument.objects.visible_to(user)
        source_hits = list(search.search_sources(visible_sources, filterset.search, limit=5))

    chips = _chips(filterset, params)
    suggestion, ways_out = None, []
    if not page.paginator.count:
        suggestion = empty_results.suggestion(user=user, filterset=filterset)
        ways_out = empty_results.ways_out(user=user, chips=chips)

    return Listing(
        filterset=filterset,
        page=page,
        facets=summary.facets,
        years=summary.years,
        chips=chips,
        sort=sort,
        sorts=sorts,
        notices=notices,
        source_hits=source_hits,
        suggestion=suggestion,
        ways_out=ways_out,
    )


def _chosen_sort(params: QueryDict, searching, notices: list[str]):
    """The sort the URL asks for, if it exists; relevance only means something when searching."""
    sorts = (
        dict(SORTS)
        if not searching.is_empty
        else {k: v for k, v in SORTS.items() if k != "relevance"}
    )
    default = "relevance" if "relevance" in sorts else "source"
    sort = params.get("sort") or default
    if sort not in sorts:
        if sort != "relevance":
            notices.append(f"Unknown sort “{sort[:20]}”; sorted by {sorts[default].lower()}.")
        sort = default
    return sort, sorts


def listed_proposals(*, user, params: QueryDict):
    """The proposals the list shows for these parameters, unordered: a set, for subqueries."""
    visible = Proposal.objects.visible_to(user)
    return ProposalFilter(params, queryset=visible, user=user).qs


def proposal_export(*, user, params: QueryDict):
    """Every proposal the list shows for these parameters (all pages), in its order, for export.

    Returns (proposals, notices); a constant number of queries whatever the number of rows. The
    proposals are for reading, not for a subquery (listed_proposals() is).
    """
    visible = Proposal.objects.visible_to(user)
    filterset = ProposalFilter(params, queryset=visible, user=user)
    notices = list(filterset.notices)
    sort, _ = _chosen_sort(filterset.data, filterset.search, notices)
    results = filterset.qs
    if sort == "relevance":
        results = search.rank_whole_list(results, filterset.search)
    # Related proposals too are only those this user may see: a draft is never named.
    related = Prefetch("related", queryset=visible.only("slug").order_by("slug"))
    bylines = Prefetch(
        "source__authorships",
        queryset=Authorship.objects.select_related("author").order_by("position"),
    )
    # Each proposal's published evidence, oldest first, for the exports' evidence columns.
    evidence = Prefetch(
        "assessments", queryset=published_assessments(), to_attr="published_assessments"
    )
    results = results.with_tags().prefetch_related(related, bylines, evidence)
    return with_outcome(results).order_by(*ORDERINGS[sort]), notices
