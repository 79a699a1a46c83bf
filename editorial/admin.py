"""The editorial workflow in the admin: a source with its proposals in source order, suggested
proposals, publishing and unpublishing (with or without the draft proposals), and quotes located
again when a source's text changes. It extends the sources app's admin and registers it."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from core.admin import plural
from core.history import record_change
from core.models import PublicationStatus
from editorial.admin_dismissed import DismissedSuggestionAdmin
from editorial.admin_inlines import ProposalInline
from editorial.admin_proposals import ProposalWithSuggestionsAdmin
from editorial.forms import DismissSuggestionForm, PublishSourceForm, SourceWithProposalsForm
from editorial.models import DismissedSuggestion
from editorial.services import publish_source, reanchor_proposals, unpublish_source
from editorial.suggestions import suggestions_for
from sources.admin import AuthorshipInline, SourceDocumentAdmin
from sources.models import SourceDocument


class SourceDocumentWorkflowAdmin(SourceDocumentAdmin):
    form = SourceWithProposalsForm
    list_display = [*SourceDocumentAdmin.list_display]
    list_display.insert(list_display.index("updated_at"), "proposal_count")
    inlines = [AuthorshipInline, ProposalInline]
    actions = ["publish_with_proposals", "publish_only", "unpublish"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(proposal_count=Count("proposals"))

    def get_inlines(self, request, obj):
        # A new source has no proposals yet; they are added once its text is saved.
        return self.inlines if obj else [AuthorshipInline]

    @admin.display(description="Proposals", ordering="proposal_count")
    def proposal_count(self, source):
        return source.proposal_count

    # Saving -------------------------------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        # Here rather than in save_related(), which a revert from the history never calls.
        stored_body = self.stored_values(obj, "body")["body"] if change else None
        super().save_model(request, obj, form, change)
        if change and obj.body != stored_body:
            moved = reanchor_proposals(source=obj, user=request.user)
            if moved:
                self.message_user(
                    request,
                    f"The text changed: the quotes of {plural(moved, 'proposal')} were located "
                    "again in the new text.",
                    messages.INFO,
                )

    def response_add(self, request, obj, post_url_continue=None):
        response = super().response_add(request, obj, post_url_continue)
        self.message_user(
            request,
            "The source is a draft: only staff can see it. Next, open “Suggest proposals” to "
            "capture its proposals, then publish it.",
            messages.INFO,
        )
        return response

    # Extra pages --------------------------------------------------------------------------------

    def get_urls(self):
        own = [
            path(
                "<path:object_id>/suggestions/",
                self.admin_site.admin_view(self.suggestions_view),
                name="sources_sourcedocument_suggestions",
            ),
            path(
                "<path:object_id>/suggestions/dismiss/",
                self.admin_site.admin_view(self.dismiss_view),
                name="sources_sourcedocument_dismiss",
            ),
            path(
                "<path:object_id>/publish/",
                self.admin_site.admin_view(self.publish_view),
                name="sources_sourcedocument_publish",
            ),
            path(
                "<path:object_id>/unpublish/",
                self.admin_site.admin_view(self.unpublish_view),
                name="sources_sourcedocument_unpublish",
            ),
        ]
        return own + super().get_urls()

    def _source_or_redirect(self, request, object_id):
        source = self.get_object(request, unquote(object_id))
        if source is None:
            self.message_user(
                request,
                f"There is no source with ID “{unquote(object_id)}”; it may have been deleted.",
                messages.WARNING,
            )
            return None, redirect("admin:sources_sourcedocument_changelist")
        return source, None

    def _context(self, request, source, title, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": source,
            "title": title,
            "subtitle": str(source),
            **extra,
        }

    def suggestions_view(self, request, object_id):
        source, response = self._source_or_redirect(request, object_id)
        if response:
            return response
        if not self.has_view_or_change_permission(request, source):
            raise PermissionDenied
        suggestions = suggestions_for(source)
        return TemplateResponse(
            request,
            "admin/sources/sourcedocument/suggestions.html",
            self._context(
                request,
                source,
                "Suggested proposals",
                suggestions=suggestions,
                waiting=[s for s in suggestions if not s.reviewed_reason],
                reviewed_count=sum(1 for s in suggestions if s.reviewed_reason),
                proposal_count=source.proposals.count(),
                can_add=request.user.has_perm("proposals.add_proposal"),
                can_dismiss=request.user.has_perm("editorial.add_dismissedsuggestion"),
            ),
        )

    def dismiss_view(self, request, object_id):
        """Record a suggested sentence as not a recommendation, with the editor's reason (POST)."""
        source, response = self._source_or_redirect(request, object_id)
        if response:
            return response
        if request.method != "POST":
            return redirect("admin:sources_sourcedocument_suggestions", source.pk)
        if not request.user.has_perm("editorial.add_dismissedsuggestion"):
            raise PermissionDenied
        form = DismissSuggestionForm(request.POST, suggestions=suggestions_for(source))
        if form.is_valid():
            dismissed = DismissedSuggestion(
                source=source,
                sentence=form.cleaned_data["sentence"],
                reason=form.cleaned_data["reason"],
                dismissed_by=request.user,
            )
            record_change(dismissed, user=request.user, reason="Dismissed as not a recommendation")
            dismissed.save()
            self.message_user(
                request,
                "The sentence is marked as not a recommendation; kb_coverage counts it as "
                "reviewed.",
                messages.SUCCESS,
            )
        else:
            problems = " ".join(e for errors in form.errors.values() for e in errors)
            self.message_user(request, f"Nothing was dismissed: {problems}", messages.ERROR)
        return redirect("admin:sources_sourcedocument_suggestions", source.pk)

    def publish_view(self, request, object_id):
        source, response = self._source_or_redirect(request, object_id)
        if response:
            return response
        if not self.has_change_permission(request, source):
            raise PermissionDenied
        drafts = list(source.proposals.filter(status=PublicationStatus.DRAFT).order_by("position"))
        form = PublishSourceForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            published = publish_source(
                source=source, with_proposals=form.with_proposals, user=request.user
            )
            self.message_user(
                request, self.published_message(source, published, drafts), messages.SUCCESS
            )
            return HttpResponseRedirect(
                reverse("admin:sources_sourcedocument_change", args=[source.pk])
            )
        return TemplateResponse(
            request,
            "admin/sources/sourcedocument/publish.html",
            self._context(request, source, "Publish this source?", form=form, drafts=drafts),
        )

    def unpublish_view(self, request, object_id):
        source, response = self._source_or_redirect(request, object_id)
        if response:
            return response
        if not self.has_change_permission(request, source):
            raise PermissionDenied
        if request.method == "POST":
            unpublish_source(source=source, user=request.user)
            self.message_user(
                request,
                f"“{source}” is a draft again: it and its proposals are off the public site. "
                "The proposals kept their own status, ready for when you publish it again.",
                messages.SUCCESS,
            )
            return HttpResponseRedirect(
                reverse("admin:sources_sourcedocument_change", args=[source.pk])
            )
        public = source.proposals.filter(status=PublicationStatus.PUBLISHED).order_by("position")
        return TemplateResponse(
            request,
            "admin/sources/sourcedocument/unpublish.html",
            self._context(request, source, "Unpublish this source?", public=list(public)),
        )

    @staticmethod
    def published_message(source, published, drafts) -> str:
        message = f"“{source}” is published"
        if published:
            return message + f", with {plural(len(published), 'proposal')} published with it."
        if drafts:
            return message + f"; its {plural(len(drafts), 'draft proposal')} stay drafts."
        return message + "."

    # Actions ------------------------------------------------------------------------------------

    @admin.action(
        description="Publish the selected sources and all their proposals", permissions=["change"]
    )
    def publish_with_proposals(self, request, queryset):
        proposals = 0
        for source in queryset:
            proposals += len(publish_source(source=source, with_proposals=True, user=request.user))
        self.message_user(
            request,
            f"Published {plural(queryset.count(), 'source')} and {plural(proposals, 'proposal')}.",
            messages.SUCCESS,
        )

    @admin.action(
        description="Publish the selected sources only (their draft proposals stay drafts)",
        permissions=["change"],
    )
    def publish_only(self, request, queryset):
        for source in queryset:
            publish_source(source=source, with_proposals=False, user=request.user)
        self.message_user(
            request,
            f"Published {plural(queryset.count(), 'source')}; their proposals kept their status.",
            messages.SUCCESS,
        )

    @admin.action(
        description="Unpublish the selected sources (they and their proposals leave the site)",
        permissions=["change"],
    )
    def unpublish(self, request, queryset):
        for source in queryset:
            unpublish_source(source=source, user=request.user)
        self.message_user(
            request,
            f"{plural(queryset.count(), 'source')} back to draft, with all their proposals "
            "off the public site.",
            messages.SUCCESS,
        )


__all__ = [
    "DismissedSuggestionAdmin",
    "ProposalWithSuggestionsAdmin",
    "SourceDocumentWorkflowAdmin",
]

# Replaces the sources app's registration: the same admin, with the workflow around it.
admin.site.unregister(SourceDocument)
admin.site.register(SourceDocument, SourceDocumentWorkflowAdmin)
