from django.views.generic import DetailView, ListView

from proposals.models import Actor, Framework, Proposal, Theme


class ProposalListView(ListView):
    template_name = "proposals/proposal_list.html"
    context_object_name = "proposals"
    paginate_by = 50

    def get_queryset(self):
        return Proposal.objects.visible_to(self.request.user).with_tags().in_source_order()


class ProposalDetailView(DetailView):
    template_name = "proposals/proposal_detail.html"
    context_object_name = "proposal"

    def get_queryset(self):
        return Proposal.objects.visible_to(self.request.user).with_tags()


class VocabularyDetailView(DetailView):
    """A theme, actor or framework and the visible proposals tagged with it."""

    template_name = "proposals/vocabulary_detail.html"
    context_object_name = "entry"
    proposal_filter = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["proposals"] = (
            Proposal.objects.visible_to(self.request.user)
            .filter(**{self.proposal_filter: self.object})
            .distinct()
            .with_tags()
            .in_source_order()
        )
        return context


class ThemeDetailView(VocabularyDetailView):
    model = Theme
    proposal_filter = "themes"


class ActorDetailView(VocabularyDetailView):
    model = Actor
    proposal_filter = "actors"


class FrameworkDetailView(VocabularyDetailView):
    model = Framework
    proposal_filter = "frameworks"
