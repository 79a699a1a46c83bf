"""Reads for the analyst pages, each in a fixed number of queries whatever the number of rows.

Every read starts from visible_to(user): drafts never reach a count, a facet or a list of anyone
but staff.
"""

import re
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Count, F, Prefetch, Q
from django.db.models.functions import ExtractYear, Lower
from django.http import QueryDict

from core.text import passages
from proposals.filters import FACETS, ProposalFilter
from proposals.models import Actor, Framework, Proposal, ProposalActor, Theme
from search import backends as search
from sources.models import SourceDocument

PAGE_SIZE = 20
SORTS = {
    "relevance": "Relevance",
    "source": "Source order",
    "newest": "Newest first",
    "title": "Title A–Z",
}
SOURCE_ORDER = ("source__published_on", "source__title", "position")
ORDERINGS = {
    "source": SOURCE_ORDER,
    "newest": ("-source__published_on", "source__title", "position"),
    "title": (Lower("title"), *SOURCE_ORDER),  # as a reader alphabetises, whatever the case
    "relevance": ("-search_rank", *SOURCE_ORDER),
}


def visible_proposals(user):
    return Proposal.objects.visible_to(user)


# The proposal list


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    url: str  # the list with this option toggled


@dataclass
class Facet:
    name: str
    label: str
    options: list[FacetOption]

    SHOWN = 10  # options beyond these fold under "more"

    @property
    def top(self):
        return self.options[: self.SHOWN]

    @property
    def more(self):
        return self.options[self.SHOWN :]


@dataclass
class Chip:
    label: str
    value: str
    url: str  # the list without this filter


@dataclass
class Listing:
    filterset: ProposalFilter
    page: object
    facets: list[Facet]
    years: list[FacetOption]
    chips: list[Chip]
    sort: str
    sorts: dict
    notices: list[str]
    source_hits: list = field(default_factory=list)

    @property
    def search(self):
        return self.filterset.search

    @property
    def filtered(self) -> bool:
        """Filters beyond the search words."""
        return len(self.chips) > (0 if self.search.is_empty else 1)

    @property
    def export_query(self) -> str:
        """The query string that exports what this page lists: every page of it, same order."""
        return _without(self.filterset.data, "page")


def _url(params: QueryDict) -> str:
    params = params.copy()
    for key in [k for k, v in params.lists() if not any(v)]:
        del params[key]
    return "?" + params.urlencode() if params else "?"


def _without(params: QueryDict, name: str, value: str | None = None) -> str:
    params = params.copy()
    params.pop("page", None)
    if value is None:
        params.pop(name, None)
    else:
        params.setlist(name, [v for v in params.getlist(name) if v != value])
    return _url(params)


def _toggled(params: QueryDict, name: str, value: str) -> str:
    values = params.getlist(name)
    if value in values:
        return _without(params, name, value)
    params = params.copy()
    params.pop("page", None)
    params.setlist(name, [*values, value])
    return _url(params)


def _facet_counts(filterset: ProposalFilter, base) -> dict[str, dict]:
    """Per facet, {value: proposals it would give}, within every other facet's filters."""

    def within(skip):
        return filterset.filter_queryset(base, skip=skip).values("pk")

    selected = filterset.selected
    counts = {}
    for name, through, column in (
        ("theme", Proposal.themes.through, "theme__slug"),
        ("framework", Proposal.frameworks.through, "framework__slug"),
    ):
        rows = (
            through.objects.filter(proposal__in=within(name))
            .values(column)
            .annotate(n=Count("proposal_id"))
        )
        counts[name] = {row[column]: row["n"] for row in rows}
    roles = ProposalActor.objects.filter(proposal__in=within("actor"))
    if selected["role"]:
        roles = roles.filter(role__in=selected["role"])
    rows = roles.values("actor__slug").annotate(n=Count("proposal_id", distinct=True))
    counts["actor"] = {row["actor__slug"]: row["n"] for row in rows}
    roles = ProposalActor.objects.filter(proposal__in=within("role"))
    if selected["actor"]:
        roles = roles.filter(actor__slug__in=selected["actor"])
    rows = roles.values("role").annotate(n=Count("proposal_id", distinct=True))
    counts["role"] = {row["role"]: row["n"] for row in rows}
    for name, column in (
        ("source", "source__slug"),
        ("doc_kind", "source__kind"),
        ("kind", "kind"),
    ):
        rows = base.filter(pk__in=within(name)).order_by().values(column).annotate(n=Count("pk"))
        counts[name] = {row[column]: row["n"] for row in rows}
    rows = (
        base.filter(pk__in=within("year"))
        .order_by()
        .values(year=ExtractYear("source__published_on"))
        .annotate(n=Count("pk"))
    )
    counts["year"] = {row["year"]: row["n"] for row in rows if row["year"]}
    return counts


def _page(paginator: Paginator, raw: str | None, notices: list[str]):
    """The asked-for page, or the nearest one with a notice: a bad page number is no error."""
    try:
        number = int(raw or 1)
    except (TypeError, ValueError):
        notices.append(f"“{raw[:20]}” is not a page number; showing the first page.")
        number = 1
    last = paginator.num_pages
    if number < 1:
        notices.append("Pages count from 1; showing the first page.")
        number = 1
    elif number > last:
        notices.append(f"There is no page {number}: the list has {last} page{'s' * (last > 1)}.")
        number = last
    return paginator.page(number)


def proposal_listing(*, user, params: QueryDict) -> Listing:
    base = visible_proposals(user)
    filterset = ProposalFilter(params, queryset=base, user=user)
    notices = list(filterset.notices)
    params = filterset.data  # cleaned: unknown values gone

    # Facets: each option with the count it would give, selected ones always listed.
    counts = _facet_counts(filterset, base)
    facets = []
    for name, label in FACETS.items():
        selected = params.getlist(name)
        options = [
            FacetOption(value, text, counts[name].get(value, 0), value in selected, "")
            for value, text in filterset.options[name].items()
            if counts[name].get(value) or value in selected
        ]
        if name in ("theme", "actor", "framework"):  # sources stay in publication order
            options.sort(key=lambda o: (not o.selected, -o.count, o.label.lower()))
        for option in options:
            option.url = _toggled(params, name, option.value)
        facets.append(Facet(name, label, options))
    years = [
        FacetOption(str(year), str(year), n, False, _year_url(params, year))
        for year, n in sorted(counts["year"].items())
    ]

    chips = [
        Chip(label, filterset.options[name][value], _without(params, name, value))
        for name, label in FACETS.items()
        for value in params.getlist(name)
    ]
    year_from, year_to = params.get("year_from"), params.get("year_to")
    if year_from or year_to:
        span = year_from if year_from == year_to else f"{year_from or '…'}–{year_to or '…'}"
        without_years = params.copy()
        without_years.pop("year_from", None)
        chips.append(Chip("Years", span, _without(without_years, "year_to")))
    if not filterset.search.is_empty:
        chips.insert(0, Chip("Search", filterset.search.text, _without(params, "q")))

    sort, sorts = _chosen_sort(params, filterset.search, notices)
    results = search.annotate_proposals(filterset.qs, filterset.search)
    results = results.with_tags().order_by(*ORDERINGS[sort])
    page = _page(Paginator(results, PAGE_SIZE), params.get("page"), notices)

    source_hits = []
    if not filterset.search.is_empty:
        visible_sources = SourceDocument.objects.visible_to(user)
        source_hits = list(search.search_sources(visible_sources, filterset.search)[:5])

    return Listing(
        filterset=filterset,
        page=page,
        facets=facets,
        years=years,
        chips=chips,
        sort=sort,
        sorts=sorts,
        notices=notices,
        source_hits=source_hits,
    )


def _chosen_sort(params: QueryDict, searching, notices: list[str]):
    """The sort the URL asks for, if it exists; relevance only means something when searching."""
    sorts = (
        dict(SORTS)
        if not searching.is_empty
        else {k: v for k, v in SORTS.items() if k != "relevance"}
    )
    default = "relevance" if "relevance" in sorts else "source"
    sort = params.get("sort") or default
    if sort not in sorts:
        if sort != "relevance":
            notices.append(f"Unknown sort “{sort[:20]}”; sorted by {sorts[default].lower()}.")
        sort = default
    return sort, sorts


def proposal_export(*, user, params: QueryDict):
    """Every proposal the list shows for these parameters (all pages), in its order, for export.

    Returns (proposals, notices); a constant number of queries whatever the number of rows.
    """
    filterset = ProposalFilter(params, queryset=visible_proposals(user), user=user)
    notices = list(filterset.notices)
    sort, _ = _chosen_sort(filterset.data, filterset.search, notices)
    results = search.annotate_proposals(filterset.qs, filterset.search)
    # Related proposals too are only those this user may see: a draft is never named.
    related = Prefetch("related", queryset=visible_proposals(user).only("slug").order_by("slug"))
    results = results.with_tags().prefetch_related(related).order_by(*ORDERINGS[sort])
    return results, notices


def _year_url(params: QueryDict, year: int) -> str:
    params = params.copy()
    params.pop("page", None)
    params["year_from"] = params["year_to"] = str(year)
    return _url(params)


def list_url(**filters) -> str:
    """The proposal list's query string for these filters: list_url(theme="x", source="y")."""
    params = QueryDict(mutable=True)
    for name, value in filters.items():
        params.setlist(name, value if isinstance(value, list | tuple) else [value])
    return _url(params)


# The home page


@dataclass
class MatrixRow:
    theme: Theme
    total: int
    cells: list  # (source, count, shade 0–5, url)


def dashboard(*, user) -> dict:
    proposals = visible_proposals(user)
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
    year_rows = (
        proposals.order_by()
        .values(year=ExtractYear("source__published_on"))
        .annotate(n=Count("pk"))
    )
    by_year = {row["year"]: row["n"] for row in year_rows if row["year"]}
    years = []
    if by_year:
        top = max(by_year.values())
        for year in range(min(by_year), max(by_year) + 1):
            n = by_year.get(year, 0)
            years.append(
                {"year": year, "n": n, "pct": round(100 * n / top), "url": _year_link(year)}
            )
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
        "years": years,
    }


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


def _year_link(year: int) -> str:
    return list_url(year_from=year, year_to=year)


# Proposal detail


def proposal_detail(*, user, slug: str):
    """The proposal (or None) and what its page shows around it."""
    proposal = (
        visible_proposals(user)
        .with_tags()
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
        visible_proposals(user)
        .filter(source_id=proposal.source_id)
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
        "related": related,
        "same_passage": same_passage,
        "same_section": same_section,
        "section": section,
        "paragraph": home.number if home else None,
    }


# Source detail


def source_detail(*, user, slug: str):
    source = SourceDocument.objects.visible_to(user).with_authors().filter(slug=slug).first()
    if source is None:
        return None
    proposals = list(visible_proposals(user).filter(source=source).with_tags().order_by("position"))
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


def source_listing(*, user):
    proposals = visible_proposals(user)
    return list(
        SourceDocument.objects.visible_to(user)
        .with_authors()
        .annotate(n=Count("proposals", filter=Q(proposals__in=proposals.values("pk"))))
        .order_by("published_on", "title")
    )


# Themes, actors, frameworks


# The three vocabularies by kind: the model, and the Proposal relation to it (also the word
# their URLs use: /themes/, /actors/, /frameworks/).
VOCABULARIES = {
    "theme": (Theme, "themes"),
    "actor": (Actor, "actors"),
    "framework": (Framework, "frameworks"),
}


# What a slug in an address may hold: the `slug` path converter's characters.
SLUG = re.compile(r"[-a-zA-Z0-9_]+")


def compare_subject(subject: str) -> tuple[str, str] | None:
    """The (kind, slug) of the compare picker's `kind:slug`, or None if it names no entry."""
    kind, _, slug = subject.partition(":")
    if kind not in VOCABULARIES or not SLUG.fullmatch(slug):
        return None
    model, _ = VOCABULARIES[kind]
    return (kind, slug) if model.objects.filter(slug=slug).exists() else None


def vocabulary_listing(*, user, kind: str):
    model, relation = VOCABULARIES[kind]
    visible = visible_proposals(user).values("pk")
    return list(
        model.objects.annotate(
            n=Count("proposals", filter=Q(proposals__in=visible), distinct=True),
            papers=Count("proposals__source", filter=Q(proposals__in=visible), distinct=True),
        ).order_by(*(("name",) if kind == "theme" else ("kind", "name")))
    )


def vocabulary_detail(*, user, kind: str, slug: str):
    """The entry and its visible proposals grouped by source, in publication order."""
    model, relation = VOCABULARIES[kind]
    entry = model.objects.filter(slug=slug).first()
    if entry is None:
        return None
    proposals = list(
        visible_proposals(user)
        .filter(pk__in=Proposal.objects.filter(**{relation: entry}).values("pk"))
        .with_tags()
        .in_source_order()
    )
    if kind == "actor":
        for proposal in proposals:
            proposal.roles_here = [
                role.get_role_display()
                for role in proposal.actor_roles.all()
                if role.actor_id == entry.pk
            ]
    groups = []
    for proposal in proposals:
        if not groups or groups[-1][0] != proposal.source:
            groups.append((proposal.source, []))
        groups[-1][1].append(proposal)
    return {"entry": entry, "proposals": proposals, "groups": groups}


def compare(*, user, kind: str, slug: str):
    """One theme, actor or framework: its proposals side by side, one column per source."""
    found = vocabulary_detail(user=user, kind=kind, slug=slug)
    if found is None:
        return None
    with_entry = {source.pk for source, _ in found["groups"]}
    silent = [
        source
        for source in SourceDocument.objects.visible_to(user).order_by("published_on", "title")
        if source.pk not in with_entry
    ]
    return {**found, "silent_sources": silent}
