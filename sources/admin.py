"""The source admin: papers with their text (extracted from a file or pasted), bylines and
dates. Their proposals, suggestions and publishing are the editorial workflow's
(editorial/admin.py), which registers this admin's extended form."""

from django.contrib import admin
from django.db.models import Count

from core.admin import EditorAdmin, site_link, status_badge
from core.admin_input import BoundedInline, CheckedAutocompleteFields
from sources.forms import SourceDocumentAdminForm
from sources.models import Author, Authorship, SourceDocument


class AuthorshipInline(BoundedInline, CheckedAutocompleteFields, admin.TabularInline):
    model = Authorship
    autocomplete_fields = ["author"]
    fields = ["position", "author", "role"]
    ordering = ["position"]
    verbose_name = "author"
    verbose_name_plural = "Authors, in byline order"

    def get_extra(self, request, obj=None, **kwargs):
        return 0 if obj else 1


@admin.register(Author)
class AuthorAdmin(EditorAdmin):
    list_display = ["name", "kind", "source_count"]
    list_filter = ["kind"]
    ordering = ["name"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "kind", "description", "created_at", "updated_at"]
    readonly_fields = ["created_at", "updated_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(source_count=Count("authorships"))

    @admin.display(description="Bylines", ordering="source_count")
    def source_count(self, author):
        return author.source_count


class SourceDocumentAdmin(EditorAdmin):
    form = SourceDocumentAdminForm
    list_display = [
        "title",
        "byline",
        "kind",
        "display_date",
        "status_badge",
        "updated_at",
        "site_link",
    ]
    list_display_links = ["title"]
    list_filter = ["status", "kind", "text_version"]
    search_fields = ["title", "subtitle", "slug", "publisher", "authorships__author__name"]
    # Drafts first (the work in progress), then the most recently changed.
    ordering = ["status", "-updated_at"]
    prepopulated_fields = {"slug": ["title"]}

    # History: a version's byline, shown and restored ------------------------------------------

    def snapshot_lists(self, snapshot):
        if "byline" not in snapshot:
            return []
        roles = dict(Authorship.Role.choices)
        return [
            (
                "Byline",
                [
                    f"{position}. {name} ({roles.get(role, role).lower()})"
                    for _id, name, role, position in snapshot["byline"]
                ],
            )
        ]

    def restore_snapshot_rows(self, source, snapshot):
        if "byline" not in snapshot:
            return
        existing = set(
            Author.objects.values_list("pk", flat=True).filter(
                pk__in=[entry[0] for entry in snapshot["byline"]]
            )
        )
        wanted = {
            (author_id, role): position
            for author_id, _name, role, position in snapshot["byline"]
            if author_id in existing
        }
        for row in source.authorships.all():
            key = (row.author_id, row.role)
            if key not in wanted:
                row.delete()
            elif row.position != wanted[key]:
                row.position = wanted[key]
                row.save(update_fields=["position"])
        have = set(source.authorships.values_list("author_id", "role"))
        for (author_id, role), position in wanted.items():
            if (author_id, role) not in have:
                Authorship.objects.create(
                    source=source, author_id=author_id, role=role, position=position
                )

    readonly_fields = ["status_badge", "created_at", "updated_at"]
    inlines = [AuthorshipInline]
    save_on_top = True
    history_list_display = ["status"]
    fieldsets = [
        (None, {"fields": ["title", "subtitle", "slug", "kind", "status_badge"]}),
        (
            "Text",
            {
                "fields": ["text_file", "body", "summary", "notes"],
                "description": "Paste the paper's text into Body, or extract it from a file. "
                "Quotes of proposals are anchored in Body, so keep the paper's own words.",
            },
        ),
        (
            "Original publication",
            {
                "fields": [
                    "publisher",
                    "series",
                    ("volume", "issue", "pages"),
                    ("published_on", "published_on_precision"),
                    "date_note",
                    "url",
                ]
            },
        ),
        (
            "The captured text, where it is not the original itself",
            {
                "classes": ["collapse"],
                "fields": [
                    "text_version",
                    "text_publisher",
                    ("text_published_on", "text_published_on_precision"),
                    "text_url",
                    "text_note",
                ],
            },
        ),
        ("Record", {"classes": ["collapse"], "fields": ["created_at", "updated_at"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("authorships__author")

    # Columns ------------------------------------------------------------------------------------

    @admin.display(description="Authors")
    def byline(self, source):
        return ", ".join(author.name for author in source.ordered_authors) or "—"

    @admin.display(description="Date", ordering="published_on")
    def display_date(self, source):
        return source.display_date

    @admin.display(description="Status", ordering="status")
    def status_badge(self, source):
        return status_badge(source)

    @admin.display(description="On the site")
    def site_link(self, source):
        return site_link(source)


admin.site.register(SourceDocument, SourceDocumentAdmin)
