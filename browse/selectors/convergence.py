"""Convergence across papers, read from the related-proposal links: the "also in N other papers"
mark on a card, and the list's "made by at least N papers" filter with its counts.

A proposal is made by its own paper and by every other paper holding a related proposal the reader
may see; the two features count the same way (`other_paper_counts`), so a card marked "also in 2
other papers" is exactly one the filter keeps at "at least 3 papers".
"""

from collections import Counter

from django.db.models import Count, F

from proposals.models import Proposal


def other_paper_counts(proposals, visible):
    """Rows of {"from_proposal", "n"}: for each of `proposals` (a queryset of pks) with a related
    proposal in another paper, how many other papers those are, counting only `visible` ones."""
    return (
        Proposal.related.through.objects.filter(
            from_proposal__in=proposals,
            to_proposal__in=visible.values("pk"),
        )
        .exclude(to_proposal__source=F("from_proposal__source"))
        .values("from_proposal")
        .annotate(n=Count("to_proposal__source", distinct=True))
        .order_by()
    )


def mark_other_papers(proposals: list, visible) -> list:
    """Set `other_papers` on each proposal shown, in one query over the related links.

    Counted for the rows of one page only, after paging, so the cost never grows with the list.
    Only proposals `visible` to the reader count: a draft is never hinted at.
    """
    links = other_paper_counts([p.pk for p in proposals], visible)
    counts = {row["from_proposal"]: row["n"] for row in links}
    for proposal in proposals:
        proposal.other_papers = counts.get(proposal.pk, 0)
    return proposals


def made_by_at_least(queryset, papers: int, visible):
    """The proposals of `queryset` made by at least `papers` papers (their own included)."""
    if papers <= 1:
        return queryset
    converging = other_paper_counts(queryset.values("pk"), visible).filter(n__gte=papers - 1)
    return queryset.filter(pk__in=converging.values("from_proposal"))


def papers_histogram(proposals, visible) -> dict[int, int]:
    """{N: how many of `proposals` are made by at least N papers}, for N ≥ 2 (one query)."""
    exactly = Counter(row["n"] + 1 for row in other_paper_counts(proposals, visible))
    at_least, running = {}, 0
    for papers in sorted(exactly, reverse=True):
        running += exactly[papers]
        at_least[papers] = running
    # Every N from 2 up to the largest: a gap (no proposal in exactly 3) still has its count.
    return {
        n: next(at_least[m] for m in sorted(at_least) if m >= n)
        for n in range(2, max(exactly, default=1) + 1)
    }
