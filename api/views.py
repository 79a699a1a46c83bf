"""The read-only API: proposals (with the list's filters, search and facet counts), sources and the
three vocabularies. Every read starts from visible_to(user): drafts are visible to staff only,
exactly as on the pages."""

from django.db.models import Count, Prefetch, Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from api import serializers
from api.pagination import SlugCursorPagination
from browse.filters import ProposalFilter
from browse.selectors.listing import proposal_facets
from outcomes.models import Status
from outcomes.selectors import published_assessments, with_outcome
from proposals.models import Actor, Framework, Proposal, ProposalActor, Theme
from sources.models import SourceDocument


def _many(name: str, description: str, enum=None) -> OpenApiParameter:
    return OpenApiParameter(
        name, OpenApiTypes.STR, many=True, explode=True, description=description, enum=enum
    )


# The proposal list's filters, as the pages read them: several values of one filter are ORed,
# different filters ANDed; a value that names nothing is ignored and said in `notices`.
PROPOSAL_FILTERS = [
    OpenApiParameter(
        "q",
        OpenApiTypes.STR,
        description='Search: all words must match; "a phrase", `or`, -word. Titles, summaries, '
        "quotes and tags.",
    ),
    _many(
        "status",
        "What became of it (derived from the evidence log; not_assessed means unknown).",
        enum=list(Status.values),
    ),
    _many("theme", "Theme slugs."),
    _many("actor", "Actor slugs."),
    _many("role", "The actors' role.", enum=list(ProposalActor.Role.values)),
    _many("framework", "Framework slugs."),
    _many("source", "Source slugs."),
    _many("doc_kind", "Kind of source document.", enum=list(SourceDocument.Kind.values)),
    _many("kind", "Kind of proposal.", enum=list(Proposal.Kind.values)),
    OpenApiParameter("year_from", OpenApiTypes.STR, description="From this year (YYYY)."),
    OpenApiParameter("year_to", OpenApiTypes.STR, description="To this year (YYYY)."),
]


# Any segment reaches the view, which answers an unknown slug with a JSON 404 (the router's own
# pattern would leave a malformed one to the site's HTML 404 page).
ANY_SLUG = "[^/]+"


def documented(serializer, detail_serializer=None, **list_options):
    """The schema of a collection: its items, the 404 of an unknown slug or a bad cursor, and
    the 429 of a reader over the rate limit."""
    errors = {404: serializers.ErrorSerializer, 429: serializers.ErrorSerializer}
    return extend_schema_view(
        list=extend_schema(responses={200: serializer, **errors}, **list_options),
        retrieve=extend_schema(responses={200: detail_serializer or serializer, **errors}),
    )


@documented(serializers.ProposalSerializer, parameters=PROPOSAL_FILTERS)
class ProposalViewSet(viewsets.ReadOnlyModelViewSet):
    """Proposals, each with its quote anchored in its source by W3C selectors."""

    serializer_class = serializers.ProposalSerializer
    pagination_class = SlugCursorPagination
    lookup_field = "slug"
    lookup_value_regex = ANY_SLUG

    def get_queryset(self):
        visible = Proposal.objects.visible_to(self.request.user)
        related = Prefetch("related", queryset=visible.only("slug").order_by("slug"))
        evidence = Prefetch(
            "assessments", queryset=published_assessments(), to_attr="published_assessments"
        )
        proposals = visible.select_related("source").with_tags().prefetch_related(related, evidence)
        return with_outcome(proposals)

    def filter_queryset(self, queryset):
        if self.action != "list":
            return queryset
        filterset = ProposalFilter(
            self.request.query_params, queryset=queryset, user=self.request.user
        )
        self.notices = filterset.notices
        return filterset.qs

    @extend_schema(
        parameters=PROPOSAL_FILTERS,
        responses={200: serializers.FacetsSerializer, 429: serializers.ErrorSerializer},
        description="The facet counts of the filtered list: for each option, the number of "
        "proposals choosing it would give, as the list page shows them.",
    )
    @action(detail=False, pagination_class=None)
    def facets(self, request):
        summary = proposal_facets(user=request.user, params=request.query_params)
        facets = {
            facet.name: [
                {"value": o.value, "label": o.label, "count": o.count, "selected": o.selected}
                for o in facet.options
            ]
            for facet in summary.facets
        }
        facets["year"] = [
            {"value": o.value, "label": o.label, "count": o.count, "selected": False}
            for o in summary.years
        ]
        data = {
            "count": summary.filterset.qs.count(),
            "facets": facets,
            "notices": summary.filterset.notices,
        }
        return Response(serializers.FacetsSerializer(data).data)


@documented(serializers.SourceSerializer, serializers.SourceDetailSerializer)
class SourceViewSet(viewsets.ReadOnlyModelViewSet):
    """The papers proposals are drawn from; a source's own address includes its full text."""

    pagination_class = SlugCursorPagination
    lookup_field = "slug"
    lookup_value_regex = ANY_SLUG

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.SourceDetailSerializer
        return serializers.SourceSerializer

    def get_queryset(self):
        sources = SourceDocument.objects.visible_to(self.request.user).with_authors()
        return sources if self.action == "retrieve" else sources.defer("body", "notes")


class VocabularyViewSet(viewsets.ReadOnlyModelViewSet):
    """A vocabulary's entries, each with how many proposals you may see carry it."""

    model = None
    pagination_class = SlugCursorPagination
    lookup_field = "slug"
    lookup_value_regex = ANY_SLUG

    def get_queryset(self):
        visible = Proposal.objects.visible_to(self.request.user).values("pk")
        return self.model.objects.annotate(
            proposal_count=Count("proposals", filter=Q(proposals__in=visible), distinct=True)
        )


@documented(serializers.ThemeSerializer)
class ThemeViewSet(VocabularyViewSet):
    model = Theme
    serializer_class = serializers.ThemeSerializer


@documented(serializers.ActorSerializer)
class ActorViewSet(VocabularyViewSet):
    model = Actor
    serializer_class = serializers.ActorSerializer


@documented(serializers.FrameworkSerializer)
class FrameworkViewSet(VocabularyViewSet):
    model = Framework
    serializer_class = serializers.FrameworkSerializer
