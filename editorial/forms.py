"""Forms of the editorial workflow: the source form that guards its proposals' quotes, and the
choice publishing a source asks for."""

from django import forms

from core.text.anchoring import QuoteAmbiguous, QuoteNotFound, anchor_quote
from sources.forms import SourceDocumentAdminForm
from sources.models import SourceDocument


class SourceWithProposalsForm(SourceDocumentAdminForm):
    """The source form, refusing a new text that would lose the quote of one of its proposals."""

    def clean(self):
        cleaned = super().clean()
        body = cleaned.get("body")
        # Compared with the text stored now, not with the form's initial value: a revert's form
        # starts from the old version, so its text never counts as changed.
        if self.instance.pk and body is not None and body != self.stored_body():
            lost = [
                proposal
                for proposal in self.instance.proposals.order_by("position")
                if not _still_anchored(body, proposal)
            ]
            if lost:
                self.add_error(
                    "body",
                    "The new text no longer contains the quote of "
                    + "; ".join(f"proposal {p.position} (“{p.title}”)" for p in lost)
                    + ". Keep those passages word for word, or change those proposals' quotes "
                    "first.",
                )
        return cleaned

    def stored_body(self) -> str | None:
        return (
            SourceDocument.objects.filter(pk=self.instance.pk)
            .values_list("body", flat=True)
            .first()
        )


def _still_anchored(body: str, proposal) -> bool:
    try:
        anchor_quote(body, proposal.quote, near=proposal.quote_start)
    except (QuoteNotFound, QuoteAmbiguous):
        return False
    return True


class PublishSourceForm(forms.Form):
    """Publishing a source asks, explicitly, whether its draft proposals go public with it."""

    WITH_PROPOSALS, SOURCE_ONLY = "with_proposals", "source_only"

    proposals = forms.ChoiceField(
        choices=[
            (WITH_PROPOSALS, "Publish the source and all its draft proposals"),
            (SOURCE_ONLY, "Publish the source only; its draft proposals stay drafts"),
        ],
        widget=forms.RadioSelect,
        initial=WITH_PROPOSALS,
    )

    @property
    def with_proposals(self) -> bool:
        return self.cleaned_data["proposals"] == self.WITH_PROPOSALS


class DismissSuggestionForm(forms.Form):
    """Dismiss one suggested sentence as not a recommendation: which sentence, and why."""

    sentence = forms.CharField(widget=forms.HiddenInput, max_length=10_000)
    reason = forms.CharField(
        label="Why it is not a recommendation",
        max_length=1000,
        error_messages={"required": "Say why the sentence is not a recommendation."},
        widget=forms.TextInput(attrs={"size": 60}),
    )

    def __init__(self, *args, suggestions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.suggestions = {s.sentence: s for s in suggestions}

    def clean_sentence(self):
        sentence = " ".join(self.cleaned_data["sentence"].split())
        if sentence not in self.suggestions:
            raise forms.ValidationError(
                "That sentence is not among this source's suggestions any more (a proposal may "
                "cover it now, or it was dismissed already)."
            )
        if self.suggestions[sentence].reviewed_reason:
            raise forms.ValidationError("That sentence was dismissed already.")
        return sentence
