"""The editors' evidence log: evidence with the proposals it answers, and each proposal's
evidence inline on the proposal's own page (registered here, over the proposals app's admin,
so that proposals never needs to know outcomes exists)."""

from django.contrib import admin, messages
from django.db import transaction

from core.admin import EditorAdmin, PublishButtonsMixin, plural, status_badge
from core.admin_input import BoundedInline, CheckedAutocompleteFields
from core.history import record_change
from core.models import PublicationStatus
from outcomes.models import Assessment, Evidence
from proposals.admin import ProposalAdmin
from proposals.models import Proposal


class EvidenceAssessmentInline(BoundedInline, CheckedAutocompleteFields, admin.TabularInline):
    """From the event's side: every proposal it answers, each with its own judgement."""

    model = Assessment
    extra = 1
    autocomplete_fields = ["proposal"]
    fields = ["proposal", "status", "note"]
    verbose_name = "proposal it answers"
    verbose_name_plural = "Proposals this evidence answers, and the status it supports for each"


class ProposalAssessmentInline(BoundedInline, CheckedAutocompleteFields, admin.TabularInline):
    """From the proposal's side: its evidence log. The current status is the latest published
    entry's judgement; it is never typed."""

    model = Assessment
    extra = 1
    autocomplete_fields = ["evidence"]
    fields = ["evidence", "status", "note"]
    verbose_name = "evidence"
    verbose_name_plural = (
        "What became of it: evidence and the status each supports (the latest published "
        "entry's status is the proposal's)"
    )


@admin.register(Evidence)
class EvidenceAdmin(PublishButtonsMixin, EditorAdmin):
    list_display = ["summary", "display_date", "source_publisher", "status_badge", "answers"]
    list_filter = ["status", "occurred_on_precision"]
    search_fields = ["slug", "summary", "source_title", "source_publisher", "quote", "url"]
    ordering = ["-occurred_on", "slug"]
    prepopulated_fields = {"slug": ["summary"]}
    readonly_fields = ["status_badge", "created_at", "updated_at"]
    inlines = [EvidenceAssessmentInline]
    history_list_display = ["status"]
    actions = ["publish", "unpublish"]
    fieldsets = [
        (None, {"fields": ["summary", "slug", ("occurred_on", "occurred_on_precision")]}),
        (
            "The source that shows it",
            {
                "fields": [
                    "source_title",
                    "source_publisher",
                    ("source_date", "source_date_precision"),
                    "url",
                    "quote",
                ]
            },
        ),
        ("Publication", {"fields": ["status_badge"]}),
        ("Record", {"classes": ["collapse"], "fields": ["created_at", "updated_at"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("assessments")

    @admin.display(description="Status", ordering="status")
    def status_badge(self, evidence):
        return status_badge(evidence) if evidence.pk else "Draft until published"

    @admin.display(description="Proposals")
    def answers(self, evidence):
        return len(evidence.assessments.all())

    @staticmethod
    def _set_status(evidence_list, status, *, user) -> int:
        """Each entry saved one by one, so that its history says who published it and why."""
        changed = 0
        with transaction.atomic():
            for evidence in evidence_list:
                if evidence.status == status:
                    continue
                evidence.status = status
                reason = "Published" if status == PublicationStatus.PUBLISHED else "Unpublished"
                record_change(evidence, user=user, reason=reason)
                evidence.save(update_fields=["status", "updated_at"])
                changed += 1
        return changed

    # The Publish and Unpublish buttons of the change form, as on a proposal's.

    def publish_one(self, request, evidence) -> str:
        self._set_status([evidence], PublicationStatus.PUBLISHED, user=request.user)
        answers = plural(evidence.assessments.count(), "proposal")
        return f"“{evidence.summary}” is published: it now counts for {answers}."

    def unpublish_one(self, request, evidence) -> str:
        self._set_status([evidence], PublicationStatus.DRAFT, user=request.user)
        return (
            f"“{evidence.summary}” is a draft again: off the public site, and it counts for "
            "no proposal's status."
        )

    @admin.action(description="Publish the selected evidence", permissions=["change"])
    def publish(self, request, queryset):
        changed = self._set_status(queryset, PublicationStatus.PUBLISHED, user=request.user)
        self.message_user(
            request, f"{plural(changed, 'entry', 'entries')} published.", messages.INFO
        )

    @admin.action(description="Unpublish the selected evidence", permissions=["change"])
    def unpublish(self, request, queryset):
        changed = self._set_status(queryset, PublicationStatus.DRAFT, user=request.user)
        self.message_user(
            request, f"{plural(changed, 'entry', 'entries')} unpublished.", messages.INFO
        )


class ProposalWithEvidenceAdmin(ProposalAdmin):
    inlines = [*ProposalAdmin.inlines, ProposalAssessmentInline]


admin.site.unregister(Proposal)
admin.site.register(Proposal, ProposalWithEvidenceAdmin)
