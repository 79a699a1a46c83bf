"""The proposal and vocabulary admin: tagging, quote anchoring, publishing, history."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.html import format_html

from core.admin import EditorAdmin, PublishButtonsMixin, plural, site_link, status_badge
from core.admin_input import BoundedInline, CheckedAutocompleteFields
from core.models import PublicationStatus
from proposals.admin_history import ProposalHistoryMixin
from proposals.admin_vocabularies import ActorAdmin, FrameworkAdmin, ThemeAdmin
from proposals.forms import ProposalAdminForm
from proposals.models import Proposal, ProposalActor
from proposals.services import next_position, publish_proposals, unpublish_proposals
from sources.models import SourceDocument

__all__ = ["ActorAdmin", "FrameworkAdmin", "ProposalAdmin", "ThemeAdmin"]

# A prefilled quote longer than this is not a sentence from the suggestions list.
MAX_PREFILLED_QUOTE = 5000


class ProposalActorInline(BoundedInline, CheckedAutocompleteFields, admin.TabularInline):
    model = ProposalActor
    extra = 1
    autocomplete_fields = ["actor"]
    fields = ["actor", "role"]
    verbose_name = "actor"
    verbose_name_plural = "Actors: who is to act, who is addressed, who is affected"


@admin.register(Proposal)
class ProposalAdmin(PublishButtonsMixin, ProposalHistoryMixin, EditorAdmin):
    form = ProposalAdminForm
    list_display = [
        "title",
        "source_title",
        "position",
        "kind",
        "status_badge",
        "theme_list",
        "site_link",
    ]
    list_filter = ["status", "kind", "source", "themes", "frameworks"]
    list_select_related = ["source"]
    search_fields = ["title", "slug", "summary", "quote", "source__title"]
    ordering = ["source__published_on", "source__title", "position"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["source", "themes", "frameworks", "related"]
    readonly_fields = ["status_badge", "anchored_passage", "created_at", "updated_at"]
    inlines = [ProposalActorInline]
    history_list_display = ["status"]
    actions = ["publish", "unpublish"]
    fieldsets = [
        (None, {"fields": ["source", "title", "slug", ("position", "kind"), "status_badge"]}),
        (
            "The proposal",
            {
                "fields": [
                    "quote",
                    "quote_occurrence",
                    "confirm_quote",
                    "anchored_passage",
                    "summary",
                ]
            },
        ),
        ("Tags", {"fields": ["themes", "frameworks", "related"]}),
        ("Record", {"classes": ["collapse"], "fields": ["created_at", "updated_at"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("themes")

    # Columns ------------------------------------------------------------------------------------

    @admin.display(description="Source", ordering="source__title")
    def source_title(self, proposal):
        return proposal.source.title

    @admin.display(description="Status", ordering="status")
    def status_badge(self, proposal):
        badge = status_badge(proposal)
        if proposal.pk and proposal.status == PublicationStatus.PUBLISHED:
            if not proposal.source.is_published:
                return format_html("{} (its source is a draft)", badge)
        return badge

    @admin.display(description="Themes")
    def theme_list(self, proposal):
        return ", ".join(theme.name for theme in proposal.themes.all()) or "—"

    @admin.display(description="On the site")
    def site_link(self, proposal):
        return site_link(proposal)

    @admin.display(description="Where the quote stands")
    def anchored_passage(self, proposal):
        if not proposal.pk:
            return "Found in the source's text when you save."
        return format_html(
            '<span class="kb-passage">{}{}<mark>{}</mark>{}{}</span>'
            '<br><span class="help">Characters {}–{} of the source\'s text.</span>',
            "…" if proposal.quote_start > len(proposal.quote_prefix) else "",
            proposal.quote_prefix,
            proposal.quote,
            proposal.quote_suffix,
            "…"
            if proposal.quote_end + len(proposal.quote_suffix) < len(proposal.source.body)
            else "",
            proposal.quote_start,
            proposal.quote_end,
        )

    # The add form, prefilled from the suggestions ----------------------------------------------

    def get_changeform_initial_data(self, request):
        """Initial values from ?source=<id>&quote=<text> only, checked, so a bad link never fails.

        (The admin's default takes every GET parameter as a field value, and an unknown id in a
        relation field makes the page fail.)
        """
        initial = {}
        source_id = request.GET.get("source", "").strip()
        if source_id:
            try:
                # As the admin reads ids: str.isdigit() also accepts "²", which int() refuses.
                pk = SourceDocument._meta.pk.to_python(source_id)
            except ValidationError:
                pk = None
            source = SourceDocument.objects.filter(pk=pk).first() if pk is not None else None
            if source is None:
                self.message_user(
                    request,
                    f"There is no source with ID “{source_id}”: choose the source below.",
                    messages.WARNING,
                )
            else:
                initial["source"] = source.pk
                initial["position"] = next_position(source=source)
        quote = request.GET.get("quote", "")
        if len(quote) > MAX_PREFILLED_QUOTE:
            self.message_user(
                request,
                "The quote in the link was too long to be a sentence; paste the quote below.",
                messages.WARNING,
            )
        elif quote.strip():
            initial["quote"] = quote.strip()
        return initial

    def response_add(self, request, obj, post_url_continue=None):
        came_from_suggestions = request.GET.get("next") == "suggestions"
        if came_from_suggestions and not {"_continue", "_addanother", "_popup"} & set(request.POST):
            self.message_user(
                request,
                f"Proposal {obj.position}, “{obj.title}”, was added as a draft. Here are the "
                "sentences still waiting for a proposal.",
                messages.SUCCESS,
            )
            return redirect("admin:sources_sourcedocument_suggestions", obj.source_id)
        return super().response_add(request, obj, post_url_continue)

    # Publishing ---------------------------------------------------------------------------------

    # What the change form's Publish and Unpublish buttons (core.admin.PublishButtonsMixin) do.
    def publish_one(self, request, proposal) -> str:
        publish_proposals(proposals=[proposal], user=request.user)
        return self.published_message([proposal])

    def unpublish_one(self, request, proposal) -> str:
        unpublish_proposals(proposals=[proposal], user=request.user)
        return f"“{proposal}” is a draft again: off the public site."

    @staticmethod
    def published_message(proposals) -> str:
        waiting = sorted({p.source.title for p in proposals if not p.source.is_published})
        message = (
            f"“{proposals[0]}” is published."
            if len(proposals) == 1
            else f"Published {plural(len(proposals), 'proposal')}."
        )
        if waiting:
            message += (
                (
                    " It shows on the public site once its source is published too: "
                    if len(proposals) == 1
                    else " Those of draft sources show on the public site once their source is "
                    "published: "
                )
                + "; ".join(f"“{title}”" for title in waiting)
                + "."
            )
        return message

    @admin.action(description="Publish the selected proposals", permissions=["change"])
    def publish(self, request, queryset):
        proposals = list(queryset.select_related("source"))
        changed = publish_proposals(proposals=proposals, user=request.user)
        already = len(proposals) - len(changed)
        if not changed:
            self.message_user(
                request,
                "Nothing to publish: "
                + (
                    "the selected proposal was already published."
                    if already == 1
                    else f"all {already} selected proposals were already published."
                ),
                messages.INFO,
            )
            return
        message = self.published_message(changed)
        if already:
            message += (
                f" {plural(already, 'other')} {'was' if already == 1 else 'were'} "
                "already published."
            )
        self.message_user(request, message, messages.SUCCESS)

    @admin.action(description="Unpublish the selected proposals", permissions=["change"])
    def unpublish(self, request, queryset):
        # With their sources, as for publishing: nothing that reads one (a message, a save that
        # locates the quote again) then queries it proposal by proposal.
        changed = unpublish_proposals(
            proposals=list(queryset.select_related("source")), user=request.user
        )
        self.message_user(
            request, f"{plural(len(changed), 'proposal')} back to draft.", messages.SUCCESS
        )
