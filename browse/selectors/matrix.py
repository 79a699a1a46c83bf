"""The home page's theme × paper matrix: where the papers converge.

A cell holds the proposals of one paper on one theme. Shaded by count, the longest paper darkens
every row it touches; shaded by share (the cell's part of its paper's proposals), a short paper's
emphasis shows as clearly as a long one's. A cell is marked as converging when one of its
proposals is linked as related to a proposal of another paper on the same theme.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count, F

from browse.selectors.querystrings import list_url
from proposals.models import Proposal
from search.idset import InIdSet, among

MEASURES = {"count": "Counts", "share": "Share of each paper"}


@dataclass
class Cell:
    source: object
    count: int
    share: int  # percent of the paper's proposals, rounded
    shade: int  # 0–5
    converging: bool  # a proposal here is related to another paper's on this theme
    url: str


@dataclass
class MatrixRow:
    theme: object
    total: int
    papers: int  # how many papers make proposals on the theme
    cells: list[Cell]


def _converging(proposals) -> set[tuple[int, int]]:
    """(theme, source) pairs holding a proposal related to another paper's on the same theme."""
    # Driven by the related links, which are few beside the proposals, and worked out here: as
    # one join from the proposals' side, SQLite walked every visible proposal against every other
    # (nine minutes at 100,000 proposals).
    links = list(Proposal.related.through.objects.values_list("from_proposal", "to_proposal"))
    linked = {pk for link in links for pk in link}
    source_of = dict(among(proposals, linked).values_list("pk", "source_id"))  # the visible ones
    themes_of = defaultdict(set)
    tags = Proposal.themes.through.objects.filter(InIdSet(F("proposal"), source_of))
    for proposal, theme in tags.values_list("proposal", "theme"):
        themes_of[proposal].add(theme)
    return {
        (theme, source_of[proposal])
        for proposal, other in links
        if proposal in source_of and other in source_of
        if source_of[proposal] != source_of[other]
        for theme in themes_of[proposal] & themes_of[other]
    }


def _shade(value: float, most: float) -> int:
    """0 for none, then 1–5 in proportion to the largest value."""
    if not value or not most:
        return 0
    return max(1, round(5 * value / most))


def theme_matrix(proposals, sources, themes, *, measure: str = "count") -> list[MatrixRow]:
    """A row per theme with proposals, a cell per source of `sources` (each with `n`, its
    proposal count); a row's totals (its proposals, its papers) count every paper, shown or not."""
    pairs = (
        Proposal.themes.through.objects.filter(proposal__in=proposals.values("pk"))
        .values("theme_id", source_id=F("proposal__source_id"))
        .annotate(n=Count("proposal_id"))
    )
    grid = {(row["theme_id"], row["source_id"]): row["n"] for row in pairs}
    papers = Counter(theme_id for theme_id, _ in grid)
    converging = _converging(proposals)
    totals = {source.pk: source.n for source in sources}

    def share(theme, source) -> float:
        count = grid.get((theme.pk, source.pk), 0)
        return 100 * count / totals[source.pk] if totals[source.pk] else 0

    value = share if measure == "share" else lambda t, s: grid.get((t.pk, s.pk), 0)
    most = max((value(t, s) for t in themes for s in sources), default=0)
    rows = []
    for theme in themes:
        cells = [
            Cell(
                source,
                grid.get((theme.pk, source.pk), 0),
                round(share(theme, source)),
                _shade(value(theme, source), most),
                (theme.pk, source.pk) in converging,
                list_url(theme=theme.slug, source=source.slug),
            )
            for source in sources
        ]
        rows.append(MatrixRow(theme, theme.n, papers[theme.pk], cells))
    return rows
