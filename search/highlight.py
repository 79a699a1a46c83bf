"""How a search marks the words it matched, and how a page shows them."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

# Private-use characters: they never occur in the texts, so they cannot be confused with them,
# and they survive escaping, after which they become <mark> tags.
MARK_START, MARK_END = "\ue000", "\ue001"
# How many words a snippet of a quote or a paper's text holds around its matches.
SNIPPET_WORDS = 28


def marked_safe(text: str | None) -> str:
    """Escape a highlighted text, then turn its markers into <mark> elements."""
    html = escape(text or "")
    return mark_safe(html.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))
