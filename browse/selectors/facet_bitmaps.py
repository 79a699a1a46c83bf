"""The list's filters and facet counts over the facet index's bitmaps (search.facet_index).

The same questions browse.selectors.facets.SqlCounts asks the database, answered with ANDs and
ORs of Roaring bitmaps: the filters follow browse.filters.ProposalFilter rule for rule (values of
a facet OR'd, or AND'ed under "all"; an actor and a role as one pair; years inclusive), and the
search words' matches, found once by the text index, are one more bitmap to AND in.
tests/browse/test_facet_index.py checks every count against SqlCounts on random filter states.
"""

from pyroaring import BitMap

from browse.filters import FACETS, ProposalFilter
from browse.selectors.convergence import made_by_at_least
from search.facet_index import FacetIndex

# Facets whose options are counted straight from the index's bitmap of each value.
PLAIN = ("status", "theme", "framework", "source", "doc_kind", "kind")


class BitmapCounts:
    def __init__(self, filterset: ProposalFilter, index: FacetIndex, *, staff: bool):
        self.filterset, self.index = filterset, index
        self.selected = filterset.selected
        self.universe = index.universe(staff)
        cleaned = filterset.form.cleaned_data if filterset.form.is_valid() else None
        if cleaned is None:  # cannot happen once the filterset has cleaned its data
            self.universe = BitMap()
            cleaned = {}
        self.matched = BitMap(filterset.matched_ids()) if cleaned.get("q") else None
        # "Made by at least N papers" reads the related links, which the index does not hold:
        # the proposals it keeps are asked once and ANDed in like the search's matches.
        papers = int(cleaned.get("papers") or 1)
        visible = filterset.queryset
        self.converging = (
            BitMap(made_by_at_least(visible, papers, visible).values_list("pk", flat=True))
            if papers > 1
            else None
        )
        self.year_from = cleaned.get("year_from")
        self.year_to = cleaned.get("year_to")
        self._within: dict = {}

    # The filters, as bitmaps.

    def _facet(self, name: str) -> BitMap | None:
        """The proposals facet `name`'s choice lets through (None: no choice, no restriction)."""
        values = self.selected[name]
        if not values:
            return None
        if self.filterset.modes.get(name) == "all":
            return BitMap.intersection(*(self.index.bitmap(name, v) for v in values))
        return self.index.union(name, values)

    def actor_pairs(self, actors, roles) -> BitMap | None:
        """ProposalFilter.filter_actor: a chosen actor in a chosen role, as one link."""
        if not actors and not roles:
            return None
        if not actors:
            groups = [None]
        elif self.filterset.modes["actor"] == "all":
            groups = [[actor] for actor in actors]  # each of them
        else:
            groups = [list(actors)]  # any of them
        found = None
        for group in groups:
            if group is None:
                links = self.index.union("role", roles)
            elif roles:
                links = self.index.union("pair", [(a, r) for a in group for r in roles])
            else:
                links = self.index.union("actor", group)
            found = links if found is None else found & links
        return found

    def _years(self) -> BitMap | None:
        if self.year_from is None and self.year_to is None:
            return None
        low = -1 if self.year_from is None else int(self.year_from)
        high = 10_000 if self.year_to is None else int(self.year_to)
        chosen = [bits for year, bits in self.index.years.items() if low <= year <= high]
        return BitMap.union(BitMap(), *chosen)

    def within(self, skip=None) -> BitMap:
        """The list under every filter but facet `skip`'s."""
        if skip in self._within:
            return self._within[skip]
        parts = [bits for bits in (self.matched, self.converging) if bits is not None]
        parts += [self._facet(name) for name in PLAIN if name != skip]
        if skip != "year":
            parts.append(self._years())
        actors = [] if skip == "actor" else self.selected["actor"]
        roles = [] if skip == "role" else self.selected["role"]
        parts.append(self.actor_pairs(actors, roles))
        found = BitMap.intersection(self.universe, *(p for p in parts if p is not None))
        self._within[skip] = found
        return found

    # The counts.

    def grouped(self, name: str, proposals: BitMap) -> dict:
        """{option: proposals among `proposals` that have it}, options with none left out."""
        index = self.index
        if name == "actor" and self.selected["role"]:
            roles = self.selected["role"]
            counts = {
                actor: proposals.intersection_cardinality(
                    index.union("pair", [(actor, role) for role in roles])
                )
                for actor in index.values["actor"]
            }
        elif name == "role" and self.selected["actor"]:
            actors = self.selected["actor"]
            counts = {
                role: proposals.intersection_cardinality(
                    index.union("pair", [(actor, role) for actor in actors])
                )
                for role in index.values["role"]
            }
        else:
            counts = {
                value: proposals.intersection_cardinality(bits)
                for value, bits in index.values[name].items()
            }
        return {value: n for value, n in counts.items() if n}

    def size(self, proposals: BitMap) -> int:
        return len(proposals)

    def with_roles(self, roles) -> int:
        within = self.within(skip="role")
        return within.intersection_cardinality(self.actor_pairs(self.selected["actor"], roles))

    def years(self, proposals: BitMap) -> dict:
        counts = {y: proposals.intersection_cardinality(b) for y, b in self.index.years.items()}
        return {year: n for year, n in counts.items() if n}


assert set(PLAIN) | {"actor", "role"} == set(FACETS)  # a new facet must be counted here too
