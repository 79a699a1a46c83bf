"""The proposal form of the admin."""

from django import forms

from core.forms import ChangeReasonForm, editor_formfield
from proposals.models import Proposal
from proposals.services import next_position


class ProposalAdminForm(ChangeReasonForm):
    """Offsets and context are computed from the quote (Proposal.clean); the position may be left
    empty, to place the proposal after its source's last one."""

    class Meta:
        model = Proposal
        # Status is not here: publishing is a deliberate step of its own (see the admin).
        formfield_callback = editor_formfield
        fields = [
            "source",
            "title",
            "slug",
            "position",
            "kind",
            "quote",
            "summary",
            "themes",
            "frameworks",
            "related",
        ]
        widgets = {
            "quote": forms.Textarea(attrs={"rows": 4, "class": "vLargeTextField"}),
            "summary": forms.Textarea(attrs={"rows": 5, "class": "vLargeTextField"}),
        }
        help_texts = {
            "quote": "The paper's exact words that state the proposal. Line breaks and extra "
            "spaces do not matter; where the quote stands in the text, and the words around it, "
            "are found when you save.",
            "position": "Order within the source, from 1. Leave empty to put it after the "
            "source's last proposal.",
            "slug": "Used in the proposal's web address; filled in from the title.",
            "related": "Proposals in other papers that make the same or an overlapping "
            "recommendation; the link shows on both.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "position" in self.fields:
            self.fields["position"].required = False

    def clean_related(self):
        related = self.cleaned_data.get("related")
        if related is not None and self.instance.pk and related.filter(pk=self.instance.pk):
            raise forms.ValidationError("A proposal cannot be related to itself.")
        return related

    def clean(self):
        cleaned = super().clean()
        source = cleaned.get("source")
        if cleaned.get("position") is None and source is not None and "position" in self.fields:
            cleaned["position"] = (
                self.instance.position
                if self.instance.pk and self.instance.source_id == source.pk
                else next_position(source=source)
            )
        return cleaned
