"""Two papers head to head: the themes both address, the proposals of one related to proposals of
the other (they converge), and what only one of them says.

Related links are the editors' judgement that two proposals make the same or an overlapping
recommendation; the "also in N other papers" marks and the "made by at least N papers" filter read
the same links (browse.selectors.convergence).
"""

from dataclasses import dataclass, field

from browse.selectors.querystrings import list_url
from proposals.models import Proposal
from sources.models import SourceDocument


@dataclass
class ThemeRow:
    theme: object
    left: int  # the first paper's proposals on it
    right: int
    url: str  # the list of both papers' proposals on it


@dataclass
class Converging:
    proposal: object  # one of the first paper's proposals
    related: list = field(default_factory=list)  # the second paper's related to it


@dataclass
class SourceComparison:
    left: object
    right: object
    shared_themes: list[ThemeRow]
    only_left_themes: list
    only_right_themes: list
    converging: list[Converging]
    only_left: list  # the first paper's proposals with no related one in the second
    only_right: list
    counts: tuple[int, int]
    both_url: str  # the list of both papers' proposals


def pickable_sources(*, user) -> list:
    """What the "compare with" pickers offer, oldest first."""
    return list(
        SourceDocument.objects.visible_to(user).defer("body").order_by("published_on", "title")
    )


def compare_sources(*, user, left: str, right: str) -> SourceComparison | None:
    """None unless both papers exist and this reader may see them (a constant 7 queries)."""
    found = {
        s.slug: s
        for s in SourceDocument.objects.visible_to(user)
        .defer("body")
        .filter(slug__in=[left, right])
    }
    if left not in found or right not in found:
        return None
    a, b = found[left], found[right]
    visible = Proposal.objects.visible_to(user)
    proposals = list(visible.filter(source__in=[a, b]).with_tags().order_by("position"))
    mine = [p for p in proposals if p.source_id == a.pk]
    theirs = [p for p in proposals if p.source_id == b.pk]
    by_pk = {p.pk: p for p in proposals}
    # Only links between two proposals shown here: both visible, one in each paper.
    links = Proposal.related.through.objects.filter(
        from_proposal__in=[p.pk for p in mine], to_proposal__in=[p.pk for p in theirs]
    ).values_list("from_proposal_id", "to_proposal_id")
    related: dict[int, list] = {}
    for from_pk, to_pk in links:
        related.setdefault(from_pk, []).append(by_pk[to_pk])
    linked_right = {p.pk for matches in related.values() for p in matches}
    converging = [
        Converging(p, sorted(related[p.pk], key=lambda r: r.position))
        for p in mine
        if p.pk in related
    ]

    def themes_of(items) -> dict:
        counts = {}
        for proposal in items:
            for theme in proposal.themes.all():
                counts[theme] = counts.get(theme, 0) + 1
        return counts

    left_themes, right_themes = themes_of(mine), themes_of(theirs)
    shared = [
        ThemeRow(
            theme,
            left_themes[theme],
            right_themes[theme],
            list_url(theme=theme.slug, source=[a.slug, b.slug]),
        )
        for theme in sorted(left_themes.keys() & right_themes.keys(), key=lambda t: t.name)
    ]
    return SourceComparison(
        left=a,
        right=b,
        shared_themes=shared,
        only_left_themes=sorted(left_themes.keys() - right_themes.keys(), key=lambda t: t.name),
        only_right_themes=sorted(right_themes.keys() - left_themes.keys(), key=lambda t: t.name),
        converging=converging,
        only_left=[p for p in mine if p.pk not in related],
        only_right=[p for p in theirs if p.pk not in linked_right],
        counts=(len(mine), len(theirs)),
        both_url=list_url(source=[a.slug, b.slug]),
    )
