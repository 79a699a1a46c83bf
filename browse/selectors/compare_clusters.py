"""Compare's rows of related proposals: the proposals shown for an entry, grouped into clusters
(the connected components of the related-links graph among them), one row per cluster and one
column per paper, oldest paper first; the proposals related to none of the others shown are the
singletons, listed after in their paper's column.

Only links between two proposals shown count: both are visible to the reader (a draft never joins
or splits a cluster for the public) and both are within the page's per-paper cap.
"""

from dataclasses import dataclass, field

from proposals.models import Proposal


@dataclass
class ClusterRow:
    # One list per column (paper) of the table, in the columns' order; an empty list where that
    # paper has no proposal in the cluster.
    cells: list[list] = field(default_factory=list)

    @property
    def proposals(self) -> list:
        return [p for cell in self.cells for p in cell]


@dataclass
class Clusters:
    papers: list  # the table's columns: the papers with a proposal in some cluster, oldest first
    rows: list[ClusterRow]
    singletons: list  # [(paper, [proposals])] for every paper shown, in the groups' order


def _components(pks: list[int], links) -> list[set[int]]:
    """The connected components of the graph on `pks` with edges `links` (union-find)."""
    parent = {pk: pk for pk in pks}

    def root(pk):
        while parent[pk] != pk:
            parent[pk] = parent[parent[pk]]
            pk = parent[pk]
        return pk

    for a, b in links:
        if a in parent and b in parent:
            parent[root(a)] = root(b)
    found: dict[int, set[int]] = {}
    for pk in pks:
        found.setdefault(root(pk), set()).add(pk)
    return list(found.values())


def clusters(groups: list) -> Clusters:
    """Rows of related proposals from `groups` ([(paper, [proposals])], oldest paper first, as
    Compare shows them), in one query over the related links among them."""
    shown = [p for _, items in groups for p in items]
    pks = [p.pk for p in shown]
    links = (
        Proposal.related.through.objects.filter(from_proposal__in=pks, to_proposal__in=pks)
        .values_list("from_proposal_id", "to_proposal_id")
        .order_by()
        if pks
        else []
    )
    order = {p.pk: i for i, p in enumerate(shown)}
    many = [c for c in _components(pks, list(links)) if len(c) > 1]
    clustered = set().union(*many) if many else set()
    papers = [paper for paper, items in groups if any(p.pk in clustered for p in items)]
    rows = []
    # Rows in the order of their first proposal as the page lists them (oldest paper first).
    for component in sorted(many, key=lambda c: min(order[pk] for pk in c)):
        rows.append(
            ClusterRow(
                cells=[
                    [p for p in items if p.pk in component]
                    for paper, items in groups
                    if paper in papers
                ]
            )
        )
    singletons = [(paper, [p for p in items if p.pk not in clustered]) for paper, items in groups]
    return Clusters(papers=papers, rows=rows, singletons=singletons)
