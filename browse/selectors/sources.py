"""The sources' pages: each paper's text with its proposals' passages marked (their list is
browse.selectors.source_list).

They live here, not in the sources app, because they read proposals too.
"""

from browse.selectors.listing import listed_proposals
from browse.selectors.status import status_counts_of
from core.text import passages
from outcomes.selectors import with_outcome
from proposals.models import Proposal
from sources.models import SourceDocument


def source_detail(*, user, slug: str):
    source = SourceDocument.objects.visible_to(user).with_authors().filter(slug=slug).first()
    if source is None:
        return None
    proposals = list(
        with_outcome(Proposal.objects.visible_to(user).filter(source=source).with_tags()).order_by(
            "position"
        )
    )
    by_theme = {}
    untagged = []
    for proposal in proposals:
        themes = list(proposal.themes.all())
        for theme in themes:
            by_theme.setdefault(theme, []).append(proposal)
        if not themes:
            untagged.append(proposal)
    groups = sorted(by_theme.items(), key=lambda item: (-len(item[1]), item[0].name))
    if untagged:
        groups.append((None, untagged))
    return {
        "source": source,
        "proposals": proposals,
        "theme_groups": groups,
        "sections": passages.headings(source.body),
        # How many of the paper's proposals reached each status (from the list just read).
        "status_counts": status_counts_of(proposals, source=source),
    }


def source_body_html(source, proposals, current: str | None = None) -> str:
    marked = [
        passages.Passage(
            slug=p.slug,
            title=p.title,
            url=p.get_absolute_url(),
            position=p.position,
            start=p.quote_start,
            end=p.quote_end,
            current=p.slug == current,
        )
        for p in proposals
        if p.quote_end > p.quote_start
    ]
    return passages.render_body(source.body, marked)


def cited_source(*, user, slug: str):
    """The source with its bylines, for its citations; None when the user may not see it."""
    return SourceDocument.objects.visible_to(user).with_authors().filter(slug=slug).first()


def sources_of_listing(*, user, params):
    """The sources of the proposals the list shows for these parameters, in publication order."""
    proposals = listed_proposals(user=user, params=params)
    return (
        SourceDocument.objects.visible_to(user)
        .filter(pk__in=proposals.order_by().values("source_id"))
        .with_authors()
        .order_by("published_on", "title")
    )
