"""The home page: counts, the theme × paper matrix, proposals by year, the sources."""

from dataclasses import dataclass

from django.db.models import Count, F, Q
from django.db.models.functions import ExtractYear

from browse.selectors.querystrings import list_url
from browse.selectors.status import status_counts_from
from outcomes.selectors import status_rows
from proposals.models import Proposal, Theme
from sources.models import SourceDocument


@dataclass
class MatrixRow:
    theme: Theme
    total: int
    cells: list  # (source, count, shade 0–5, url)


def dashboard(*, user) -> dict:
    proposals = Proposal.objects.visible_to(user)
    sources = list(
        SourceDocument.objects.visible_to(user)
        .with_authors()
        .annotate(n=Count("proposals", filter=Q(proposals__in=proposals.values("pk"))))
        .order_by("published_on", "title")
    )
    for source in sources:
        source.short_name = short_name(source)
    themes = list(
        Theme.objects.annotate(
            n=Count("proposals", filter=Q(proposals__in=proposals.values("pk")))
        ).order_by("-n", "name")
    )
    pairs = (
        Proposal.themes.through.objects.filter(proposal__in=proposals.values("pk"))
        .values("theme_id", source_id=F("proposal__source_id"))
        .annotate(n=Count("proposal_id"))
    )
    grid = {(row["theme_id"], row["source_id"]): row["n"] for row in pairs}
    most = max(grid.values(), default=0)
    matrix = [
        MatrixRow(
            theme,
            theme.n,
            [
                (
                    source,
                    grid.get((theme.pk, source.pk), 0),
                    _shade(grid.get((theme.pk, source.pk), 0), most),
                    list_url(theme=theme.slug, source=source.slug),
                )
                for source in sources
            ],
        )
        for theme in themes
        if theme.n
    ]
    counts = proposals.aggregate(
        # distinct: the actor and framework joins repeat each proposal.
        proposals=Count("pk", distinct=True),
        open_questions=Count("pk", filter=Q(kind=Proposal.Kind.OPEN_QUESTION), distinct=True),
        actors=Count("actor_roles__actor", distinct=True),
        frameworks=Count("frameworks", distinct=True),
    )
    counts["sources"] = len(sources)
    counts["themes"] = sum(1 for theme in themes if theme.n)
    return {
        "counts": counts,
        "sources": sources,
        "themes": [theme for theme in themes if theme.n],
        "theme_max": max((theme.n for theme in themes), default=0),
        "matrix": matrix,
        "years": _years(proposals),
        "status_counts": status_counts_from(status_rows(proposals.values("pk"))),
    }


def _years(proposals) -> list[dict]:
    """Proposals per year of publication, every year of the span listed, for the bar chart."""
    rows = (
        proposals.order_by()
        .values(year=ExtractYear("source__published_on"))
        .annotate(n=Count("pk"))
    )
    by_year = {row["year"]: row["n"] for row in rows if row["year"]}
    if not by_year:
        return []
    top = max(by_year.values())
    return [
        {
            "year": year,
            "n": by_year.get(year, 0),
            "pct": round(100 * by_year.get(year, 0) / top),
            "url": list_url(year_from=year, year_to=year),
        }
        for year in range(min(by_year), max(by_year) + 1)
    ]


def short_name(source) -> str:
    """A column label: the first author's surname, or the issuing body's name, or the publisher."""
    authors = source.ordered_authors
    if not authors:
        return source.publisher
    first = authors[0]
    return first.name.split()[-1] if first.kind == "person" else first.name


def _shade(count: int, most: int) -> int:
    """0 for none, then 1–5 in proportion to the busiest cell."""
    if not count or not most:
        return 0
    return max(1, round(5 * count / most))
