"""The vocabularies' admin: themes, actors and frameworks, searchable, with how many proposals
use each."""

import re

from django.contrib import admin
from django.db.models import Case, Count, IntegerField, Q, Value, When

from core.admin import EditorAdmin
from proposals.models import Actor, Framework, Theme


class VocabularyAdmin(EditorAdmin):
    """Themes, actors and frameworks: searchable, with how many proposals use each."""

    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created_at", "updated_at"]
    ordering = ["name"]

    def get_queryset(self, request):
        return (
            super().get_queryset(request).annotate(proposal_count=Count("proposals", distinct=True))
        )

    def get_search_results(self, request, queryset, search_term):
        """Matches as the admin finds them, best first: the name or an alias (or acronym) that
        is the term itself, then those that start with it, then the rest by name. Typing
        "Japan" offers Japan before "Business community" (whose description says Japanese)."""
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        term = " ".join(search_term.replace("\x00", " ").split())
        if term:
            queryset = queryset.annotate(match_rank=self.match_rank(term)).order_by(
                "match_rank", "name"
            )
        return queryset, may_have_duplicates

    def match_rank(self, term: str):
        names = [name for name in ("name", "acronym") if self.has_field(name)]
        exact, prefix = Q(), Q()
        for name in names:
            exact |= Q(**{f"{name}__iexact": term})
            prefix |= Q(**{f"{name}__istartswith": term})
        if self.has_field("aliases"):
            # One alias a line: the term as a whole line, or at the start of one.
            escaped = re.escape(term)
            exact |= Q(aliases__iregex=rf"(^|\n)\s*{escaped}\s*(\r?\n|$)")
            prefix |= Q(aliases__iregex=rf"(^|\n)\s*{escaped}")
        return Case(
            When(exact, then=Value(0)),
            When(prefix, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )

    def has_field(self, name: str) -> bool:
        return any(field.name == name for field in self.model._meta.get_fields())

    @admin.display(description="Proposals", ordering="proposal_count")
    def proposal_count(self, entry):
        return entry.proposal_count


@admin.register(Theme)
class ThemeAdmin(VocabularyAdmin):
    list_display = ["name", "description", "proposal_count"]
    fields = ["name", "slug", "description", "created_at", "updated_at"]


@admin.register(Actor)
class ActorAdmin(VocabularyAdmin):
    list_display = ["name", "kind", "proposal_count"]
    list_filter = ["kind"]
    search_fields = ["name", "aliases", "description"]
    fields = ["name", "slug", "kind", "aliases", "description", "created_at", "updated_at"]


@admin.register(Framework)
class FrameworkAdmin(VocabularyAdmin):
    list_display = ["name", "acronym", "kind", "proposal_count"]
    list_filter = ["kind"]
    search_fields = ["name", "acronym", "aliases", "description"]
    fields = [
        "name",
        "acronym",
        "slug",
        "kind",
        "aliases",
        "description",
        "created_at",
        "updated_at",
    ]
