"""The list's "made by at least N papers" control: a facet of one choice, with counts.

Kept apart from the other facets' counting (browse.selectors.facets): its options are thresholds,
not tags, and one grouped query over the related links gives all of their counts at once. Each
option's number is the size of the list its link gives (a click replaces the threshold).
"""

from dataclasses import dataclass

from browse import caching
from browse.filters import ProposalFilter
from browse.selectors import empty_results, querystrings
from browse.selectors.convergence import papers_histogram
from browse.selectors.listing import Chip, Facet, FacetOption, Listing

LABEL = "Made by at least"


@dataclass
class PapersFacet:
    facet: Facet | None  # None when no proposal in the list converges with another paper's
    chip: Chip | None  # the filter in force, with the list without it


def _option_label(papers: int) -> str:
    return f"{papers} papers"


def papers_facet(*, user, filterset: ProposalFilter) -> PapersFacet:
    params = filterset.data
    chosen = int(params["papers"]) if params.get("papers") else None
    base = filterset.queryset  # what this reader may see

    def compute():
        within = filterset.filter_queryset(base, skip="papers").values("pk")
        return papers_histogram(within, base)

    counts = caching.block("papers", user, compute, caching.normalised_query(params))
    if chosen and chosen not in counts:
        counts = {**counts, chosen: 0}  # a threshold nothing reaches is still shown, with its 0
    options = [
        FacetOption(
            str(n),
            _option_label(n),
            count,
            n == chosen,
            querystrings.without(params, "papers")
            if n == chosen
            else querystrings.with_value(params, "papers", str(n)),
        )
        for n, count in sorted(counts.items())
    ]
    facet = Facet("papers", LABEL, options) if options else None
    chip = None
    if chosen:
        chip = Chip(LABEL, _option_label(chosen), querystrings.without(params, "papers"))
    return PapersFacet(facet, chip)


def add_to_listing(listing: Listing, *, user) -> Facet | None:
    """Put the control's chip among the list's filters in force (and, when the list is empty,
    its removal among the ways out); returns the facet to show."""
    found = papers_facet(user=user, filterset=listing.filterset)
    if found.chip:
        listing.chips.append(found.chip)
        if not listing.page.paginator.count:
            listing.ways_out = sorted(
                [*listing.ways_out, *empty_results.ways_out(user=user, chips=[found.chip])],
                key=lambda way: -way.count,
            )
    return found.facet
