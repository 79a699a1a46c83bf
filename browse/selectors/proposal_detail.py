"""A proposal's page: the proposal, related proposals in other papers, and its neighbours in
the same passage and section of its source."""

from core.text import passages
from outcomes.selectors import timeline, with_outcome
from proposals.models import Proposal


def proposal_detail(*, user, slug: str):
    """The proposal (or None) and what its page shows around it."""
    visible = Proposal.objects.visible_to(user)
    proposal = (
        with_outcome(visible.with_tags())
        .defer(None)  # this page shows the quote in its passage: it needs the source's body
        .prefetch_related(
            "source__authorships__author",
        )
        .filter(slug=slug)
        .first()
    )
    if proposal is None:
        return None
    related = list(
        proposal.related.visible_to(user)
        .exclude(source_id=proposal.source_id)  # the list is of other papers' proposals
        .select_related("source")
        .in_source_order()
    )
    siblings = list(
        visible.filter(source_id=proposal.source_id)
        .exclude(pk=proposal.pk)
        .only("slug", "title", "position", "quote_start", "quote_end", "kind", "source_id")
        .order_by("position")
    )
    blocks = passages.split_blocks(proposal.source.body)
    home = passages.block_at(blocks, proposal.quote_start)
    section = home.section if home else ""
    same_passage, same_section = [], []
    for other in siblings:
        other_block = passages.block_at(blocks, other.quote_start)
        overlaps = other.quote_start < proposal.quote_end and other.quote_end > proposal.quote_start
        same_block = other_block and home and other_block.start == home.start
        if overlaps or same_block:
            same_passage.append(other)
        elif section and other_block and other_block.section == section:
            same_section.append(other)
    return {
        "proposal": proposal,
        "timeline": timeline(proposal),
        "related": related,
        "same_passage": same_passage,
        "same_section": same_section,
        "section": section,
        "paragraph": home.number if home else None,
    }
