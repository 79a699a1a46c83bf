"""Template filters for search results: the matched words highlighted."""

from django import template

from search.highlight import MARK_START, marked_safe

register = template.Library()


@register.filter
def highlighted(text):
    """A search snippet as HTML: escaped, with the matched words in <mark>."""
    return marked_safe(text)


@register.filter
def has_match(text):
    return bool(text) and MARK_START in text
