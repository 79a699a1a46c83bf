"""How many other papers make a related proposal: the "also in N other papers" mark on a card."""

from django.db.models import Count, F

from proposals.models import Proposal


def mark_other_papers(proposals: list, visible) -> list:
    """Set `other_papers` on each proposal shown, in one query over the related links.

    Counted for the rows of one page only, after paging, so the cost never grows with the list.
    Only proposals `visible` to the reader count: a draft is never hinted at.
    """
    links = (
        Proposal.related.through.objects.filter(
            from_proposal__in=[p.pk for p in proposals],
            to_proposal__in=visible.values("pk"),
        )
        .exclude(to_proposal__source=F("from_proposal__source"))
        .values("from_proposal")
        .annotate(n=Count("to_proposal__source", distinct=True))
    )
    counts = {row["from_proposal"]: row["n"] for row in links}
    for proposal in proposals:
        proposal.other_papers = counts.get(proposal.pk, 0)
    return proposals
