"""Suggestions dismissed as not recommendations, in the admin (they are made from a source's
suggestions page, see editorial/admin.py)."""

from django.contrib import admin
from django.utils.text import Truncator

from core.admin import EditorAdmin
from editorial.models import DismissedSuggestion


@admin.register(DismissedSuggestion)
class DismissedSuggestionAdmin(EditorAdmin):
    """Dismissed suggestions: read, correct a reason, or delete one to suggest the sentence
    again."""

    list_display = ["sentence_excerpt", "source", "reason", "dismissed_by", "created_at"]
    list_filter = ["source"]
    search_fields = ["sentence", "reason"]
    fields = ["source", "sentence", "reason", "dismissed_by", "created_at", "updated_at"]
    readonly_fields = ["source", "sentence", "dismissed_by", "created_at", "updated_at"]

    def has_add_permission(self, request):
        return False  # from a source's suggestions page, where the sentence is checked

    @admin.display(description="Sentence")
    def sentence_excerpt(self, dismissed):
        return Truncator(dismissed.sentence).words(20)
