"""The editors' form-field policy, shared by every admin form: texts keep LF line ends, and a
URL typed without its scheme is read as https."""

from django import forms
from django.db import models


class UnixNewlinesField(forms.CharField):
    """Browsers send a textarea's line breaks as CRLF; the texts keep LF, as the fixtures do, so
    that saving a form unchanged changes nothing (and quote offsets stay put)."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n") if value else value


# What editor_formfield() and EditorAdmin both apply: one policy, for forms built either way.
FORMFIELD_OVERRIDES = {
    models.TextField: {"form_class": UnixNewlinesField},
    models.URLField: {"assume_scheme": "https"},
}


def editor_formfield(db_field, **kwargs):
    """Form fields as usual, but with LF line ends in texts, and https for a URL typed without
    its scheme (Django 6's default). Used by the forms and by the admin that builds them."""
    if isinstance(db_field, models.TextField) and not db_field.choices:
        kwargs.setdefault("form_class", UnixNewlinesField)
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)


# django-simple-history keeps a change reason of at most 100 characters.
REASON_MAX_LENGTH = 100


class ChangeReasonForm(forms.ModelForm):
    """Every editor form asks, optionally, why: the answer is the change reason its history row
    shows (without one, the history says which fields changed)."""

    change_reason = forms.CharField(
        label="Reason for this change",
        required=False,
        max_length=REASON_MAX_LENGTH,
        strip=True,
        help_text="Optional, a few words for the history: “typo in the title”, “quote checked "
        "against the PDF”.",
        widget=forms.TextInput(attrs={"size": 60}),
    )
