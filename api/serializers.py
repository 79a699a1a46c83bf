"""What the API returns for each object: stable slugs, canonical page URLs, and each quote's
W3C Web Annotation selectors (as the JSON export gives them)."""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.outcome_serializers import OutcomeSerializer
from core.dates import DatePrecision


def absolute(request, path: str) -> str:
    return request.build_absolute_uri(path) if request is not None else path


class PageUrlField(serializers.Field):
    """The object's page on the site (its canonical URL), absolute."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj):
        return absolute(self.context.get("request"), obj.get_absolute_url())


PageUrlField = extend_schema_field(OpenApiTypes.URI)(PageUrlField)


class ApiUrlField(serializers.Field):
    """The object's own address in the API."""

    def __init__(self, view_name: str, **kwargs):
        self.view_name = view_name
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj):
        path = reverse(self.view_name, kwargs={"slug": obj.slug})
        return absolute(self.context.get("request"), path)


ApiUrlField = extend_schema_field(OpenApiTypes.URI)(ApiUrlField)


class PartialDateField(serializers.Field):
    """A date only as precise as it is known: "2016-08-24", "2015-07", "2015", or null."""

    def __init__(self, date_field: str, **kwargs):
        self.date_field = date_field
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj):
        value = getattr(obj, self.date_field)
        precision = getattr(obj, f"{self.date_field}_precision")
        if value is None or precision == DatePrecision.UNKNOWN:
            return None
        return {
            DatePrecision.YEAR: f"{value:%Y}",
            DatePrecision.MONTH: f"{value:%Y-%m}",
        }.get(precision, value.isoformat())


PartialDateField = extend_schema_field({"type": "string", "nullable": True})(PartialDateField)


# Vocabularies


class ThemeSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    description = serializers.CharField()
    proposal_count = serializers.IntegerField(help_text="Proposals you may see with this theme.")
    url = PageUrlField()
    api_url = ApiUrlField("api:theme-detail")


class ActorSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    aliases = serializers.ListField(child=serializers.CharField(), source="alias_list")
    description = serializers.CharField()
    proposal_count = serializers.IntegerField(help_text="Proposals you may see with this actor.")
    url = PageUrlField()
    api_url = ApiUrlField("api:actor-detail")


class FrameworkSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    acronym = serializers.CharField()
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    aliases = serializers.ListField(child=serializers.CharField(), source="alias_list")
    description = serializers.CharField()
    proposal_count = serializers.IntegerField(
        help_text="Proposals you may see with this framework."
    )
    url = PageUrlField()
    api_url = ApiUrlField("api:framework-detail")


# Sources


class BylineSerializer(serializers.Serializer):
    slug = serializers.SlugField(source="author.slug")
    name = serializers.CharField(source="author.name")
    kind = serializers.CharField(source="author.kind")
    role = serializers.CharField()
    role_label = serializers.CharField(source="get_role_display")


class CapturedTextSerializer(serializers.Serializer):
    """The text the knowledge base holds, where it is not the original itself."""

    version = serializers.CharField(source="text_version")
    version_label = serializers.CharField(source="get_text_version_display")
    publisher = serializers.CharField(source="text_publisher")
    date = PartialDateField("text_published_on")
    url = serializers.CharField(source="text_url")
    note = serializers.CharField(source="text_note")


class SourceSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    title = serializers.CharField()
    subtitle = serializers.CharField()
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    status = serializers.CharField()
    bylines = BylineSerializer(source="authorships", many=True)
    publisher = serializers.CharField()
    series = serializers.CharField()
    volume = serializers.CharField()
    issue = serializers.CharField()
    pages = serializers.CharField()
    date = PartialDateField("published_on")
    date_precision = serializers.CharField(source="published_on_precision")
    date_label = serializers.CharField(source="display_date")
    original_url = serializers.CharField(source="url")
    captured_text = CapturedTextSerializer(source="*")
    summary = serializers.CharField()
    url = PageUrlField()
    api_url = ApiUrlField("api:source-detail")


class SourceDetailSerializer(SourceSerializer):
    body = serializers.CharField(help_text="The paper's text, in which every quote is anchored.")
    notes = serializers.CharField()


# Proposals


class SourceRefSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    title = serializers.CharField()
    url = PageUrlField()
    api_url = ApiUrlField("api:source-detail")


class TagSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()


class ActorRoleSerializer(serializers.Serializer):
    slug = serializers.SlugField(source="actor.slug")
    name = serializers.CharField(source="actor.name")
    role = serializers.CharField()
    role_label = serializers.CharField(source="get_role_display")


class SelectorSerializer(serializers.Serializer):
    """A W3C Web Annotation selector: TextQuoteSelector (exact, prefix, suffix) or
    TextPositionSelector (start, end), over the source's text."""

    type = serializers.ChoiceField(choices=["TextQuoteSelector", "TextPositionSelector"])
    exact = serializers.CharField(required=False)
    prefix = serializers.CharField(required=False, allow_blank=True)
    suffix = serializers.CharField(required=False, allow_blank=True)
    start = serializers.IntegerField(required=False)
    end = serializers.IntegerField(required=False)


class TargetSerializer(serializers.Serializer):
    source = serializers.URLField(help_text="The source's page, whose text the selectors address.")
    selector = SelectorSerializer(many=True)


class ProposalSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    title = serializers.CharField()
    summary = serializers.CharField()
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    status = serializers.CharField()
    position = serializers.IntegerField(help_text="Its order within the source, from 1.")
    quote = serializers.CharField(help_text="The source's exact words.")
    source = SourceRefSerializer()
    themes = TagSerializer(many=True, source="themes.all")
    actors = ActorRoleSerializer(many=True, source="actor_roles.all")
    frameworks = TagSerializer(many=True, source="frameworks.all")
    related = serializers.SerializerMethodField(
        help_text="Slugs of proposals in other papers that make the same or an overlapping "
        "recommendation."
    )
    outcome = OutcomeSerializer(source="*", read_only=True)
    target = serializers.SerializerMethodField()
    url = PageUrlField()
    api_url = ApiUrlField("api:proposal-detail")

    def get_related(self, proposal) -> list[str]:
        return [other.slug for other in proposal.related.all()]

    @extend_schema_field(TargetSerializer)
    def get_target(self, proposal) -> dict:
        request = self.context.get("request")
        return {
            "source": absolute(request, proposal.source.get_absolute_url()),
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": proposal.quote,
                    "prefix": proposal.quote_prefix,
                    "suffix": proposal.quote_suffix,
                },
                {
                    "type": "TextPositionSelector",
                    "start": proposal.quote_start,
                    "end": proposal.quote_end,
                },
            ],
        }


class FacetOptionSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    selected = serializers.BooleanField()


class FacetsSerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text="Proposals the filters give.")
    facets = serializers.DictField(
        child=FacetOptionSerializer(many=True),
        help_text="Per facet (theme, actor, role, framework, source, doc_kind, kind, year), "
        "each option with the number of proposals choosing it would give.",
    )
    notices = serializers.ListField(child=serializers.CharField())


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
