"""The home page: counts, the theme × paper matrix, proposals by year, the sources."""

from django.db.models import Count, Q
from django.db.models.functions import ExtractYear

from browse.selectors.matrix import MEASURES, theme_matrix
from browse.selectors.querystrings import list_url
from browse.selectors.status import status_counts_from
from outcomes.selectors import status_rows
from proposals.models import Proposal, Theme
from sources.models import SourceDocument


def dashboard(*, user, measure: str = "count") -> dict:
    """Everything the home page shows; `measure` shades the matrix by "count" or "share"."""
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
    themes = [theme for theme in themes if theme.n]
    matrix = theme_matrix(proposals, sources, themes, measure=measure)
    counts = proposals.aggregate(
        # distinct: the actor and framework joins repeat each proposal.
        proposals=Count("pk", distinct=True),
        open_questions=Count("pk", filter=Q(kind=Proposal.Kind.OPEN_QUESTION), distinct=True),
        actors=Count("actor_roles__actor", distinct=True),
        frameworks=Count("frameworks", distinct=True),
    )
    counts["sources"] = len(sources)
    counts["themes"] = len(themes)
    return {
        "counts": counts,
        "corpus": corpus_phrase(sources),
        "sources": sources,
        "themes": themes,
        "theme_max": max((theme.n for theme in themes), default=0),
        "matrix": matrix,
        "measure": measure,
        "measures": {
            key: (label, list_url(matrix=key) if key != "count" else "?")
            for key, label in MEASURES.items()
        },
        "years": _years(proposals),
        "status_counts": status_counts_from(status_rows(proposals.values("pk"))),
    }


NUMBER_WORDS = "no one two three four five six seven eight nine ten".split()


def corpus_phrase(sources) -> dict:
    """What the home page says the knowledge base holds ("five papers", "2007–2016"), from the
    sources themselves, so that a sixth paper changes it."""
    count = len(sources)
    papers = f"{NUMBER_WORDS[count] if count < len(NUMBER_WORDS) else count} paper" + (
        "" if count == 1 else "s"
    )
    years = sorted(source.year for source in sources if source.year)
    span = "" if not years else str(years[0])
    if years and years[-1] != years[0]:
        span += f"–{years[-1]}"
    return {"papers": papers, "years": span}


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
