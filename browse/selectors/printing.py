"""The whole filtered list for printing: every proposal the list's filters give, in its order, up
to a cap, with the filters in force written out (a printout has no address bar)."""

from dataclasses import dataclass

from django.http import QueryDict

from browse.filters import FACETS, ProposalFilter
from browse.selectors.listing import proposal_export
from proposals.models import Proposal
from sources.models import SourceDocument

PRINT_CAP = 500  # beyond this a printout is a book: the reader is told to narrow or download


@dataclass
class Printout:
    proposals: list
    total: int
    filters: list[tuple[str, str]]  # (label, value) of each filter in force
    notices: list[str]
    cap: int = PRINT_CAP

    @property
    def capped(self) -> bool:
        return self.total > self.cap


def _filters_in_force(params: QueryDict, *, user) -> list[tuple[str, str]]:
    filterset = ProposalFilter(params, queryset=Proposal.objects.visible_to(user), user=user)
    data = filterset.data
    shown = [("Search", filterset.search.text)] if not filterset.search.is_empty else []
    for name, label in FACETS.items():
        values = [filterset.options[name][v] for v in data.getlist(name)]
        if values:
            joiner = " and " if filterset.modes.get(name) == "all" else " or "
            shown.append((label, joiner.join(values)))
    if data.get("papers"):
        shown.append(("Made by at least", f"{data['papers']} papers"))
    if data.get("year_from") or data.get("year_to"):
        shown.append(("Years", f"{data.get('year_from') or '…'}–{data.get('year_to') or '…'}"))
    return shown


def printout(*, user, params: QueryDict) -> Printout:
    """A constant number of queries: the list's (as its exports), its size, its papers' texts,
    and the filters'."""
    proposals, notices = proposal_export(user=user, params=params)
    total = proposals.count()
    rows = list(proposals[:PRINT_CAP])
    # Each citation's pinpoint (section, paragraph) reads the paper's text, which the list's
    # rows leave out: the few papers' texts in one query, not one per row.
    bodies = dict(
        SourceDocument.objects.filter(pk__in={p.source_id for p in rows}).values_list("pk", "body")
    )
    for proposal in rows:
        proposal.source.body = bodies[proposal.source_id]
    return Printout(rows, total, _filters_in_force(params, user=user), notices, PRINT_CAP)
