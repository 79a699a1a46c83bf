"""The proposal form of the admin."""

from django import forms
from django.utils.text import slugify

from core.admin_input import is_id
from core.forms import ChangeReasonForm, editor_formfield
from core.text.anchoring import QuoteNotFound
from core.text.quote_rules import occurrences, sentence_warnings
from proposals.models import Proposal
from proposals.services import next_position
from sources.models import SourceDocument


class ProposalAdminForm(ChangeReasonForm):
    """Offsets and context are computed from the quote (Proposal.clean); the position may be left
    empty, to place the proposal after its source's last one.

    A quote that stands more than once asks which occurrence is meant (each shown in its
    context); a quote that is not whole sentences of one paragraph is saved only once the editor
    confirms it. Both questions appear only when they arise.
    """

    quote_occurrence = forms.TypedChoiceField(
        label="Which occurrence",
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.RadioSelect,
        help_text="The quote's words stand more than once in the text: choose the place meant.",
    )
    confirm_quote = forms.BooleanField(
        label="Keep the quote as it is",
        required=False,
        help_text="The quote is not whole sentences of one paragraph (see above); tick to save "
        "it anyway.",
    )

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
        if "slug" in self.fields:
            # Left empty, it is made from the title (see clean_slug), as the page's script does.
            self.fields["slug"].required = False
        self.sentence_warnings: list[str] = []
        found = self.occurrences_in_data() if self.is_bound else []
        if len(found) > 1:
            quote = self.data.get(self.add_prefix("quote"), "")
            self.fields["quote_occurrence"].choices = [(o.number, o.label(quote)) for o in found]
        else:
            # No choice to make: whatever an earlier answer left in the form is ignored.
            self.fields["quote_occurrence"] = forms.CharField(
                required=False, widget=forms.HiddenInput()
            )
        if not self.is_bound or not self.data.get(self.add_prefix("confirm_quote")):
            # Shown once a warning asks for it (see clean()).
            self.fields["confirm_quote"].widget = forms.HiddenInput()

    def occurrences_in_data(self) -> list:
        """The places the submitted quote stands in the submitted source's text."""
        source_id = self.data.get(self.add_prefix("source"), "")
        quote = self.data.get(self.add_prefix("quote"), "")
        if not (source_id and quote.strip()) or not is_id(SourceDocument._meta.pk, source_id):
            return []
        body = SourceDocument.objects.filter(pk=source_id).values_list("body", flat=True).first()
        try:
            return occurrences(body, quote)[0] if body else []
        except QuoteNotFound:
            return []

    def clean_slug(self):
        slug = self.cleaned_data.get("slug")
        if slug:
            return slug
        title = self.data.get(self.add_prefix("title"), "")
        base = slugify(title)[:190].strip("-")
        if not base:
            return slug  # the title's own error (or lack of words) says what is missing
        taken = set(
            Proposal.objects.filter(slug__startswith=base)
            .exclude(pk=self.instance.pk)
            .values_list("slug", flat=True)
        )
        candidate, number = base, 2
        while candidate in taken:
            candidate, number = f"{base}-{number}", number + 1
        return candidate

    def clean_related(self):
        related = self.cleaned_data.get("related")
        if related is not None and self.instance.pk and related.filter(pk=self.instance.pk):
            raise forms.ValidationError("A proposal cannot be related to itself.")
        return related

    def clean(self):
        cleaned = super().clean()
        chosen = cleaned.get("quote_occurrence")
        cleaned["quote_occurrence"] = chosen if isinstance(chosen, int) else None
        self.instance.quote_occurrence = cleaned["quote_occurrence"]
        self.check_sentences(cleaned)
        source = cleaned.get("source")
        if cleaned.get("position") is None and source is not None and "position" in self.fields:
            cleaned["position"] = (
                self.instance.position
                if self.instance.pk and self.instance.source_id == source.pk
                else next_position(source=source)
            )
        return cleaned

    def check_sentences(self, cleaned) -> None:
        """Warn, until the editor confirms, about a new quote that is not whole sentences of one
        paragraph (a heading and its paragraph, half a sentence, a sentence and the next)."""
        source, quote = cleaned.get("source"), cleaned.get("quote")
        if source is None or not quote or cleaned.get("confirm_quote"):
            return
        self.instance.source, self.instance.quote = source, quote
        if not self.instance.quote_is_new():
            return
        try:
            found = occurrences(source.body, quote)[0]
        except QuoteNotFound:
            return
        chosen = cleaned.get("quote_occurrence")
        if len(found) == 1:
            target = found[0]
        elif chosen and chosen <= len(found):
            target = found[chosen - 1]
        else:
            return  # the model says the quote is ambiguous
        self.sentence_warnings = sentence_warnings(source.body, target.start, target.end)
        if self.sentence_warnings:
            self.fields["confirm_quote"].widget = forms.CheckboxInput()
            self.add_error(
                "quote",
                "Check this quote: "
                + "; ".join(self.sentence_warnings)
                + ". Quote whole sentences, or tick “Keep the quote as it is” below to save it.",
            )
