"""The citation shown on source and proposal pages: the same plain text the exports carry."""

from django import template

from browse.citations import pinpoint, plain_citation

register = template.Library()


@register.simple_tag
def citation_text(source, proposal="") -> str:
    """The source's citation; for a proposal, with where in the source it stands."""
    text = plain_citation(source)
    return f"{text} {pinpoint(proposal)}." if proposal else text
