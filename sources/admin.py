from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sources.models import Author, Authorship, SourceDocument


class AuthorshipInline(admin.TabularInline):
    model = Authorship
    extra = 0
    autocomplete_fields = ["author"]


@admin.register(Author)
class AuthorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(SourceDocument)
class SourceDocumentAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "publisher", "published_on", "status"]
    list_filter = ["status", "kind"]
    search_fields = ["title", "subtitle", "publisher", "body"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["created_at", "updated_at"]
    inlines = [AuthorshipInline]
