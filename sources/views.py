from django.views.generic import DetailView, ListView

from sources.models import SourceDocument


class SourceListView(ListView):
    template_name = "sources/source_list.html"
    context_object_name = "sources"

    def get_queryset(self):
        return SourceDocument.objects.visible_to(self.request.user).with_authors()


class SourceDetailView(DetailView):
    template_name = "sources/source_detail.html"
    context_object_name = "source"

    def get_queryset(self):
        return SourceDocument.objects.visible_to(self.request.user).with_authors()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["proposals"] = (
            self.object.proposals.visible_to(self.request.user).with_tags().order_by("position")
        )
        return context
