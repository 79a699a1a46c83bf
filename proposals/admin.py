from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from proposals.models import Actor, Framework, Proposal, ProposalActor, Theme


class ProposalActorInline(admin.TabularInline):
    model = ProposalActor
    extra = 1
    autocomplete_fields = ["actor"]


@admin.register(Theme)
class ThemeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "description"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Actor)
class ActorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "aliases"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Framework)
class FrameworkAdmin(SimpleHistoryAdmin):
    list_display = ["name", "acronym", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "acronym", "aliases"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Proposal)
class ProposalAdmin(SimpleHistoryAdmin):
    list_display = ["title", "source", "position", "kind", "status"]
    list_filter = ["status", "kind", "source", "themes"]
    search_fields = ["title", "summary", "quote"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["themes", "frameworks", "related"]
    readonly_fields = [
        "quote_start",
        "quote_end",
        "quote_prefix",
        "quote_suffix",
        "created_at",
        "updated_at",
    ]
    inlines = [ProposalActorInline]
