"""What to try when the list is empty: a respelled search, and each filter's removal with its count.

Computed only for an empty list, so the extra counts (one filtered count per way out) cost nothing
on the pages analysts usually see.
"""

from dataclasses import dataclass

from django.http import QueryDict

from browse.filters import ProposalFilter
from browse.selectors import querystrings
from browse.selectors.facet_bitmaps import BitmapCounts
from proposals.models import Proposal
from search import facet_index
from search.suggest import did_you_mean


@dataclass
class WayOut:
    label: str  # "Search: Okinwa", "Theme: Basing and Okinawa"
    url: str  # the list without it (or with the respelled search)
    count: int  # the proposals that list holds


def _count(*, user, query_string: str) -> int:
    """The size of the list at this address, from the facet index (no COUNT over the table)."""
    params = QueryDict(query_string.lstrip("?"))
    filterset = ProposalFilter(params, queryset=Proposal.objects.visible_to(user), user=user)
    staff = user is not None and user.is_staff  # as Proposal.objects.visible_to() decides
    return len(BitmapCounts(filterset, facet_index.current(), staff=staff).within())


def suggestion(*, user, filterset: ProposalFilter) -> WayOut | None:
    """ "Did you mean …": the search respelled to words the knowledge base has, if it finds any."""
    respelled = did_you_mean(filterset.search)
    if respelled is None:
        return None
    url = querystrings.with_value(filterset.data, "q", respelled)
    count = _count(user=user, query_string=url)
    return WayOut(respelled, url, count) if count else None


def ways_out(*, user, chips) -> list[WayOut]:
    """Each filter whose removal lists something, with that list's size, the largest first."""
    found = [
        WayOut(f"{chip.label}: {chip.value}", chip.url, _count(user=user, query_string=chip.url))
        for chip in chips
    ]
    return sorted((way for way in found if way.count), key=lambda way: -way.count)
