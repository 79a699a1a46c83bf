"""The source facet in full, on its own page: every paper with proposals in the list as its
filters stand, largest first, narrowed by words of its title and paged.

The list page shows only the largest few sources (listing.SOURCES_SHOWN) and links here: at
2,000 papers, one option per paper was most of the list page's time and bytes.
"""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.http import QueryDict
from django.urls import reverse

from browse.selectors import querystrings
from browse.selectors.listing import SOURCE_CHOICES_PAGE, by_count, counted, facet_options

FIND_MAX = 100  # characters of a title search kept


@dataclass
class SourceChoice:
    page: object  # a page of listing.FacetOption
    find: str  # words the titles must hold, or ""
    total: int  # sources with proposals in the list, before `find`
    params: QueryDict  # the list's own parameters (without this page's)
    list_url: str  # back to the list as it stands
    notices: list[str]


def source_choice(*, user, params: QueryDict) -> SourceChoice:
    params = params.copy()
    find = " ".join(params.pop("find", [""])[-1].split())[:FIND_MAX]
    number = params.pop("page", ["1"])[-1]
    filterset, params, counts = counted(user=user, params=params)
    notices = list(filterset.notices)
    options = sorted(facet_options(filterset, params, counts, "source"), key=by_count)
    total = len(options)
    words = find.casefold().split()
    if words:
        options = [o for o in options if all(w in o.label.casefold() for w in words)]
    paginator = Paginator(options, SOURCE_CHOICES_PAGE)
    page = paginator.get_page(number)  # a bad page number gives the nearest page, not an error
    if str(page.number) != number and number not in ("", "1"):
        notices.append(f"No page “{number[:20]}” of sources; showing page {page.number}.")
    list_path = reverse("proposals:list")
    for option in page.object_list:  # addresses only for the options shown
        option.url = list_path + querystrings.toggled(params, "source", option.value)
    return SourceChoice(
        page=page,
        find=find,
        total=total,
        params=params,
        list_url=list_path + querystrings.url(params),
        notices=notices,
    )
