"""The vocabularies' admin: themes, actors and frameworks, searchable, with how many proposals
use each."""

from django.contrib import admin
from django.db.models import Count

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
