"""Forms of the source admin: the source form with text extraction, and publishing choices."""

from dataclasses import replace

from django import forms
from django.forms.utils import ErrorDict
from django.utils.html import format_html
from django.utils.text import slugify

from core.forms import ChangeReasonForm, editor_formfield
from sources.extraction import (
    ACCEPTED,
    ExtractionError,
    check_size,
    max_upload_bytes,
    without_title,
)
from sources.models import Author, SourceDocument
from sources.sandbox import extract_text_isolated

EXTRACT_BUTTON = "_extract"


def byline_matches(names) -> list[tuple[str, Author | None]]:
    """Each name with the Author record of that name (case aside), or None: a new author."""
    return [(name, Author.objects.filter(name__iexact=name).first()) for name in names]


class ExtractFileInput(forms.FileInput):
    """A file input with its own "Extract text" button beside it."""

    def render(self, name, value, attrs=None, renderer=None):
        return format_html(
            '{} <button type="submit" name="{}" value="1" class="button kb-extract">'
            "Extract text</button>",
            super().render(name, value, attrs, renderer),
            EXTRACT_BUTTON,
        )


class SourceDocumentAdminForm(ChangeReasonForm):
    """The source form, plus a file whose text is extracted into Body for review.

    Extracting is a step of its own: when a file comes with the form (whichever button sent it),
    the text goes into the Body field and the form comes back to the editor, unsaved, so that
    nothing becomes the body without having been read.
    """

    text_file = forms.FileField(
        required=False,
        widget=ExtractFileInput(attrs={"accept": ".txt,.text,.html,.htm,.pdf"}),
        label="Extract the text from a file",
        help_text=f"A {ACCEPTED} file (a web page saved from the browser, or the paper's PDF), "
        f"up to {max_upload_bytes() // 1_048_576} MB. “Extract text” puts its text into Body "
        "below for you to review and correct; nothing is saved until you press Save.",
    )

    class Meta:
        model = SourceDocument
        # Status is not here: publishing is a deliberate step of its own (see the admin).
        fields = [
            "title",
            "subtitle",
            "slug",
            "kind",
            "publisher",
            "series",
            "volume",
            "issue",
            "pages",
            "published_on",
            "published_on_precision",
            "date_note",
            "url",
            "text_version",
            "text_publisher",
            "text_published_on",
            "text_published_on_precision",
            "text_url",
            "text_note",
            "text_file",
            "body",
            "summary",
            "notes",
        ]
        formfield_callback = editor_formfield
        widgets = {
            "body": forms.Textarea(attrs={"rows": 24, "class": "vLargeTextField kb-body"}),
            "summary": forms.Textarea(attrs={"rows": 4, "class": "vLargeTextField"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The ExtractedText after a successful extraction; the admin template reports it, and
        # whether it replaced a text that was already in Body.
        self.extracted = None
        self.replaced_text = False
        # After an extraction: the page's date put into the form, and the authors it names as
        # (name, existing Author or None), for the editor to add to the byline.
        self.prefilled_date = False
        self.named_authors = []
        # The title left out of Body, where the file repeats it as the first paragraph; and
        # whether the file's notes went into Notes (False: Notes held other text, kept).
        self.dropped_title = ""
        self.filled_notes = False
        if "body" in self.fields:
            self.fields["body"].help_text = (
                "Paste the paper's text here, or extract it from a file above. "
                + self.fields["body"].help_text
            )

    @property
    def extracting(self) -> bool:
        return self.is_bound and (
            EXTRACT_BUTTON in self.data or bool(self.files.get(self.add_prefix("text_file")))
        )

    def full_clean(self):
        if not self.extracting:
            return super().full_clean()
        # Only the file is looked at: the rest of the form may well be unfinished at this step.
        self._errors = ErrorDict()
        self.cleaned_data = {}
        upload = self.files.get(self.add_prefix("text_file"))
        if not upload:
            self.add_error("text_file", "Choose a file to extract the text from.")
            return
        try:
            # The size is checked before reading, so that a huge file is never read into memory.
            check_size(filename=upload.name, size=upload.size)
            # In a child process with time, memory and page limits (sources/sandbox.py).
            extracted = extract_text_isolated(
                filename=upload.name,
                data=upload.read(),
                known_words=SourceDocument.objects.words_written,
            )
        except ExtractionError as error:
            self.add_error("text_file", str(error))
            return
        data = self.data.copy()
        self.replaced_text = bool(data.get(self.add_prefix("body"), "").strip())
        if extracted.title and not data.get(self.add_prefix("title")):
            data[self.add_prefix("title")] = extracted.title[:300]
            if not data.get(self.add_prefix("slug")):
                data[self.add_prefix("slug")] = slugify(extracted.title)[:120].strip("-")
        title = data.get(self.add_prefix("title"), "")
        text = without_title(extracted.text, title, extracted.title)
        if text != extracted.text:
            self.dropped_title = extracted.text.partition("\n\n")[0]
            extracted = replace(extracted, text=text)
        data[self.add_prefix("body")] = extracted.text
        if extracted.notes:
            notes = data.get(self.add_prefix("notes"), "").strip()
            # Notes an editor wrote are kept; the file's go in only where there are none yet.
            if not notes or notes == extracted.notes:
                data[self.add_prefix("notes")] = extracted.notes
                self.filled_notes = True
        if extracted.published_on and not data.get(self.add_prefix("published_on")):
            data[self.add_prefix("published_on")] = extracted.published_on
            data[self.add_prefix("published_on_precision")] = extracted.published_precision
            self.prefilled_date = True
        self.data = data
        self.extracted = extracted
        self.named_authors = byline_matches(extracted.authors)

    def is_valid(self):
        # After an extraction the form always goes back to the editor for review.
        return super().is_valid() and self.extracted is None
