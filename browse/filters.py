"""The proposal list's filters: one FilterSet, lenient with what a URL may carry.

Several values of one facet combine with OR, different facets with AND; themes, actors and
frameworks can ask for all their values instead (`actor_mode=all`: Japan *and* South Korea).
`papers=N` keeps the proposals made by at least N papers (see browse.selectors.convergence).
Values that name nothing
(an unknown or unpublished theme, a malformed year) are dropped with a notice for the reader,
never an error: every URL of the list is a page. `filter_queryset(skip=...)` applies all filters
but one facet's, which is what that facet's counts are computed within.
"""

import re

import django_filters
from django.http import QueryDict

from browse.selectors.convergence import made_by_at_least
from outcomes.models import Status
from outcomes.selectors import with_status
from proposals.models import Actor, Framework, Proposal, ProposalActor, Theme
from search import backends as search
from search.idset import among
from search.query import parse
from sources.models import SourceDocument

YEAR = re.compile(r"[0-9]{4}")
YEAR_RANGE = range(1900, 2101)
PAPERS = re.compile(r"[0-9]{1,3}")
# Facets whose values may be required together rather than as alternatives.
MATCHABLE = ("theme", "actor", "framework")

# The choice facets and their labels, in the order of the sidebar.
FACETS = {
    "status": "What became of it",
    "theme": "Theme",
    "actor": "Actor",
    "role": "Actor's role",
    "framework": "Framework",
    "source": "Source",
    "doc_kind": "Document kind",
    "kind": "Proposal kind",
}


class ProposalFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Search", method="filter_search")
    # Derived from the evidence log, never stored on the proposal: filtered by a subquery.
    status = django_filters.MultipleChoiceFilter(
        label="What became of it", choices=Status.choices, method="filter_status"
    )
    theme = django_filters.MultipleChoiceFilter(label="Theme", method="filter_theme")
    actor = django_filters.MultipleChoiceFilter(label="Actor", method="filter_actor")
    role = django_filters.MultipleChoiceFilter(
        label="Actor's role", choices=ProposalActor.Role.choices, method="filter_actor"
    )
    framework = django_filters.MultipleChoiceFilter(label="Framework", method="filter_framework")
    source = django_filters.MultipleChoiceFilter(
        label="Source", field_name="source__slug", distinct=False
    )
    doc_kind = django_filters.MultipleChoiceFilter(
        label="Document kind",
        choices=SourceDocument.Kind.choices,
        field_name="source__kind",
        distinct=False,
    )
    kind = django_filters.MultipleChoiceFilter(
        label="Proposal kind", choices=Proposal.Kind.choices, field_name="kind", distinct=False
    )
    # Converging recommendations: the proposal and its related ones span at least N papers.
    papers = django_filters.NumberFilter(label="Made by at least", method="filter_papers")
    year_from = django_filters.NumberFilter(
        label="From year", field_name="source__published_on__year", lookup_expr="gte"
    )
    year_to = django_filters.NumberFilter(
        label="To year", field_name="source__published_on__year", lookup_expr="lte"
    )

    class Meta:
        model = Proposal
        fields = []

    def __init__(self, data=None, queryset=None, *, user=None, **kwargs):
        """Load the vocabularies the URL may name (4 queries) and drop what names nothing."""
        self.notices: list[str] = []
        self._matched_ids: list[int] | None = None
        self.modes = dict.fromkeys(MATCHABLE, "any")
        self.options = {
            "theme": dict(Theme.objects.values_list("slug", "name")),
            "actor": dict(Actor.objects.values_list("slug", "name")),
            "framework": {
                slug: f"{name} ({acronym})" if acronym else name
                for slug, name, acronym in Framework.objects.values_list("slug", "name", "acronym")
            },
            "source": dict(SourceDocument.objects.visible_to(user).values_list("slug", "title")),
            "role": dict(ProposalActor.Role.choices),
            "doc_kind": dict(SourceDocument.Kind.choices),
            "kind": dict(Proposal.Kind.choices),
            "status": dict(Status.choices),
        }
        super().__init__(self._cleaned(data or QueryDict()), queryset, **kwargs)
        for name in ("theme", "actor", "framework", "source"):
            self.filters[name].extra["choices"] = list(self.options[name].items())
        self.search = parse(self.data.get("q"))
        if self.search.notice:
            self.notices.append(self.search.notice)

    def _cleaned(self, data: QueryDict) -> QueryDict:
        data = data.copy()
        words = data.get("q", "")
        if "\x00" in words:
            # A form field refuses NUL outright, which would empty the list with no reason given.
            data["q"] = words.replace("\x00", " ").strip()
            self.notices.append("The search held a null character, which was removed.")
        for name, label in FACETS.items():
            values = data.getlist(name)
            known = [v for v in dict.fromkeys(values) if v in self.options[name]]
            unknown = [v for v in values if v not in self.options[name]]
            if unknown:
                shown = ", ".join(f"“{v[:60]}”" for v in unknown[:3])
                self.notices.append(
                    f"No {label.lower()} {shown} in the knowledge base; that filter was ignored."
                )
            data.setlist(name, known)
        for name in MATCHABLE:
            key = f"{name}_mode"
            mode = data.pop(key, [""])[-1]
            if mode == "all":
                self.modes[name] = "all"
                data[key] = "all"  # "any" is the default and stays out of the address
            elif mode not in ("", "any"):
                self.notices.append(
                    f"“{mode[:20]}” is not a way to combine {FACETS[name].lower()}s "
                    "(any or all); showing any of them."
                )
        papers = data.get("papers", "").strip()
        if papers and not (PAPERS.fullmatch(papers) and int(papers) >= 1):
            self.notices.append(
                f"“{papers[:20]}” is not a number of papers (2 or more); that filter was ignored."
            )
            papers = ""
        # Every proposal is made by at least one paper: "1" filters nothing and stays out.
        data["papers"] = papers if papers and int(papers) > 1 else ""
        years = {}
        for name in ("year_from", "year_to"):
            value = data.get(name, "").strip()
            if value and not (YEAR.fullmatch(value) and int(value) in YEAR_RANGE):
                self.notices.append(f"“{value[:20]}” is not a year; that limit was ignored.")
                value = ""
            data[name] = value
            years[name] = int(value) if value else None
        if years["year_from"] and years["year_to"] and years["year_from"] > years["year_to"]:
            data["year_from"], data["year_to"] = str(years["year_to"]), str(years["year_from"])
            self.notices.append("The years were the wrong way round and have been swapped.")
        return data

    @property
    def selected(self) -> dict[str, list[str]]:
        return {name: self.data.getlist(name) for name in FACETS}

    def filter_queryset(self, queryset, skip: str | None = None):
        """All filters but those of facet `skip` (its own counts are computed without them)."""
        if not self.form.is_valid():  # cannot happen once _cleaned() has run; never guess
            return queryset.none()
        for name, value in self.form.cleaned_data.items():
            if name == skip or (skip == "year" and name in ("year_from", "year_to")):
                continue
            if name in ("actor", "role"):
                continue  # applied together below: "China is to act" is one actor-role pair
            queryset = self.filters[name].filter(queryset, value)
        actors = [] if skip == "actor" else self.form.cleaned_data.get("actor")
        roles = [] if skip == "role" else self.form.cleaned_data.get("role")
        return self.filter_actor(queryset, "actor", actors, roles=roles)

    def filter_status(self, queryset, name, value):
        return with_status(queryset, value) if value else queryset

    def filter_papers(self, queryset, name, value):
        return made_by_at_least(queryset, int(value), self.queryset)

    def filter_search(self, queryset, name, value):
        return among(queryset, self.matched_ids())

    def matched_ids(self) -> list[int]:
        """The ids the search words match (any proposal; visibility is applied after)."""
        # The text match runs once per request: the list and every facet count reuse its ids.
        if self._matched_ids is None:
            self._matched_ids = search.matching_ids(self.search)
        return self._matched_ids

    def _groups(self, name, values) -> list[list[str]]:
        """The values a proposal must match: one of them all (any), or each of them (all)."""
        if not values:
            return []
        return [[v] for v in values] if self.modes[name] == "all" else [list(values)]

    def filter_theme(self, queryset, name, value):
        for group in self._groups("theme", value):
            links = Proposal.themes.through.objects.filter(theme__slug__in=group)
            queryset = queryset.filter(pk__in=links.values("proposal_id"))
        return queryset

    def filter_framework(self, queryset, name, value):
        for group in self._groups("framework", value):
            links = Proposal.frameworks.through.objects.filter(framework__slug__in=group)
            queryset = queryset.filter(pk__in=links.values("proposal_id"))
        return queryset

    def filter_actor(self, queryset, name, actors, roles=None):
        """Proposals where a chosen actor has a chosen role ("China is to act" is one pair)."""
        if not actors and not roles:
            return queryset
        for group in self._groups("actor", actors) or [None]:
            links = ProposalActor.objects.all()
            if group:
                links = links.filter(actor__slug__in=group)
            if roles:
                links = links.filter(role__in=roles)
            queryset = queryset.filter(pk__in=links.values("proposal_id"))
        return queryset
