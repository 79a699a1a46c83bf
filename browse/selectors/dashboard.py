"""The home page: counts, the theme × paper matrix, proposals by year, the sources."""

from django.db.models import Count, F, Max, Min, Q
from django.db.models.functions import ExtractYear

from browse.selectors.matrix import MEASURES, theme_matrix
from browse.selectors.querystrings import list_url
from browse.selectors.status import status_counts_from
from outcomes.selectors import status_rows
from proposals.models import Proposal, Theme
from sources.models import SourceDocument

HOME_PAPERS = 12  # the matrix's columns and the sources listed: the most recent papers


def dashboard(*, user, measure: str = "count") -> dict:
    """Everything the home page shows; `measure` shades the matrix by "count" or "share".

    The matrix and the sources show the HOME_PAPERS most recent papers (in publication order),
    the counts every paper: at 2,000 papers a column and a line for each made a 9 MB page.
    """
    proposals = Proposal.objects.visible_to(user)
    visible_sources = SourceDocument.objects.visible_to(user)
    latest = (F("published_on").desc(nulls_last=True), "-title")  # undated papers last
    newest = visible_sources.order_by(*latest).values("pk")[:HOME_PAPERS]
    sources = list(
        visible_sources.filter(pk__in=newest)
        .with_authors()
        .annotate(n=Count("proposals", filter=Q(proposals__in=proposals.values("pk"))))
        .order_by("published_on", "title")
    )
    for source in sources:
        source.short_name = short_name(source)
    span = visible_sources.aggregate(
        papers=Count("pk"), first=Min("published_on"), last=Max("published_on")
    )
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
    counts["sources"] = span["papers"]
    counts["themes"] = len(themes)
    return {
        "counts": counts,
        "corpus": corpus_phrase(span["papers"], span["first"], span["last"]),
        "sources": sources,
        "sources_folded": span["papers"] - len(sources),
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


def corpus_phrase(count: int, first, last) -> dict:
    """What the home page says the knowledge base holds ("five papers", "2007–2016"), from the
    sources themselves (their number, the first and last dates), so that a sixth paper changes
    it."""
    papers = f"{NUMBER_WORDS[count] if count < len(NUMBER_WORDS) else count} paper" + (
        "" if count == 1 else "s"
    )
    span = "" if first is None else str(first.year)
    if first is not None and last.year != first.year:
        span += f"–{last.year}"
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
