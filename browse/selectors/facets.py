"""The proposal list's facet counts: beside each option, the size of the list a click on it gives.

Inside a facet, chosen values combine with OR (any) unless the facet asks for all of them. For an
option not yet chosen, a click adds it to the facet's choice, so its number is what the list would
then hold: with OR, the list now plus the option's proposals not already in it; with "all", the
proposals of the list now that also have it. For a chosen option the number is what it contributes:
its own proposals within the other facets' filters. The page says which is which.

Per facet: one grouped count within the other facets' filters, and, once the facet has a choice,
one more over the list as it stands. The role facet under "all actors" is counted option by option
(three roles), because there a role changes what each actor must have.
"""

from django.db.models import Count
from django.db.models.functions import ExtractYear

from browse.filters import FACETS, ProposalFilter
from outcomes.selectors import status_rows
from proposals.models import Proposal, ProposalActor

TAG_COLUMNS = {
    "theme": (Proposal.themes.through, "theme__slug"),
    "framework": (Proposal.frameworks.through, "framework__slug"),
}
PROPOSAL_COLUMNS = {"source": "source__slug", "doc_kind": "source__kind", "kind": "kind"}


def _grouped(filterset: ProposalFilter, name: str, proposals) -> dict:
    """{option: proposals among `proposals` that have it} for facet `name`."""
    selected = filterset.selected
    if name == "status":  # derived from the evidence log: one value per proposal, like kind
        return status_rows(proposals)
    if name in TAG_COLUMNS:
        through, column = TAG_COLUMNS[name]
        rows = through.objects.filter(proposal__in=proposals).values(column)
        rows = rows.annotate(n=Count("proposal_id"))
    elif name in ("actor", "role"):
        links = ProposalActor.objects.filter(proposal__in=proposals)
        if name == "actor" and selected["role"]:
            links = links.filter(role__in=selected["role"])
        if name == "role" and selected["actor"]:
            links = links.filter(actor__slug__in=selected["actor"])
        column = "actor__slug" if name == "actor" else "role"
        rows = links.values(column).annotate(n=Count("proposal_id", distinct=True))
    else:
        column = PROPOSAL_COLUMNS[name]
        rows = (
            Proposal.objects.filter(pk__in=proposals)
            .order_by()
            .values(column)
            .annotate(n=Count("pk"))
        )
    return {row[column]: row["n"] for row in rows}


class SqlCounts:
    """The counts asked of the database: a GROUP BY per facet over the filtered set.

    The reference the facet index (browse.selectors.facet_bitmaps) is tested against, and what
    counts when the index cannot be used.
    """

    def __init__(self, filterset: ProposalFilter, base):
        self.filterset, self.base = filterset, base

    def within(self, skip=None):
        """The list under every filter but facet `skip`'s, as a subquery of pks."""
        return self.filterset.filter_queryset(self.base, skip=skip).values("pk")

    def grouped(self, name: str, proposals) -> dict:
        return _grouped(self.filterset, name, proposals)

    def size(self, proposals) -> int:
        return self.base.filter(pk__in=proposals).count()

    def with_roles(self, roles) -> int:
        """The list without the role filter, then with the chosen actors in any of `roles`."""
        within = self.filterset.filter_queryset(self.base, skip="role")
        actors = self.filterset.selected["actor"]
        return self.filterset.filter_actor(within, "actor", actors, roles).count()

    def years(self, proposals) -> dict:
        rows = (
            self.base.filter(pk__in=proposals)
            .order_by()
            .values(year=ExtractYear("source__published_on"))
            .annotate(n=Count("pk"))
        )
        return {row["year"]: row["n"] for row in rows if row["year"]}


def _role_clicks(filterset: ProposalFilter, counter) -> dict:
    """Each role's list size, counted as the click gives it (under "all actors")."""
    chosen = filterset.selected["role"]
    return {
        role: counter.with_roles(chosen if role in chosen else [*chosen, role])
        for role in filterset.options["role"]
    }


def facet_counts(filterset: ProposalFilter, base, counter=None) -> dict[str, dict]:
    """Per facet, {value: the number shown beside it}, and "year": {year: proposals}.

    `counter` says how sets are counted: SqlCounts by default, or the facet index's bitmaps.
    """
    counter = counter or SqlCounts(filterset, base)
    selected = filterset.selected
    current = counter.within()
    total = None
    counts = {}
    for name in FACETS:
        if name == "role" and filterset.modes["actor"] == "all" and selected["actor"]:
            counts[name] = _role_clicks(filterset, counter)
            continue
        own = counter.grouped(name, counter.within(skip=name))
        chosen = selected[name]
        if not chosen:
            counts[name] = own  # the list now is the list within the other filters
            continue
        in_list = counter.grouped(name, current)
        if filterset.modes.get(name) == "all":
            clicks = in_list
        else:
            if total is None:
                total = counter.size(current)
            clicks = {value: total + n - in_list.get(value, 0) for value, n in own.items()}
        counts[name] = {
            value: own.get(value, 0) if value in chosen else clicks.get(value, 0)
            for value in {*own, *clicks}
        }
    counts["year"] = counter.years(counter.within(skip="year"))
    return counts
