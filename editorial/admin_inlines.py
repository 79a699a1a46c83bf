"""The source admin's list of its proposals, in source order, each with its tags."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator

from core.admin import site_link, status_badge
from core.admin_input import BoundedInline
from proposals.models import Proposal


class ProposalInline(BoundedInline, admin.TabularInline):
    """The source's proposals in source order, at a glance; each is edited on its own page."""

    model = Proposal
    fields = ["position", "title_link", "status_badge", "quote_excerpt", "tags", "site"]
    readonly_fields = fields
    ordering = ["position"]
    extra = 0
    can_delete = False
    # The title links to the proposal's page and the last column to the site, instead of the
    # admin's line above each row, which would repeat the title.
    show_change_link = False
    view_on_site = False
    verbose_name_plural = "Proposals, in source order"

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related("themes", "frameworks", "actor_roles__actor")
        )

    @admin.display(description="Title")
    def title_link(self, proposal):
        url = reverse("admin:proposals_proposal_change", args=[proposal.pk])
        return format_html('<a href="{}">{}</a>', url, proposal.title)

    @admin.display(description="Status")
    def status_badge(self, proposal):
        return status_badge(proposal)

    @admin.display(description="On the site")
    def site(self, proposal):
        return site_link(proposal)

    @admin.display(description="Quote")
    def quote_excerpt(self, proposal):
        return Truncator(proposal.quote).words(40)

    @admin.display(description="Themes · actors · frameworks")
    def tags(self, proposal):
        chips = [("kb-tag-theme", theme.name) for theme in proposal.themes.all()]
        chips += [
            ("kb-tag-actor", f"{role.actor.name} ({role.get_role_display().lower()})")
            for role in proposal.actor_roles.all()
        ]
        chips += [("kb-tag-framework", str(framework)) for framework in proposal.frameworks.all()]
        if not chips:
            return "—"
        return format_html_join(" ", '<span class="kb-tag {}">{}</span>', chips)
