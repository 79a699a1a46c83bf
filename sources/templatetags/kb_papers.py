"""How many papers the knowledge base holds and which years they span, for the site's texts.

Counted from the published sources and kept in the cache under the knowledge base's version
(core.kb_version), as the home page's blocks are: publishing a sixth paper moves the version and
so the text, and pages do not count the papers on every request.
"""

from django import template
from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max, Min

from core import kb_version
from sources.models import SourceDocument

register = template.Library()

WORDS = "no one two three four five six seven eight nine ten".split()


def papers_phrase(count: int) -> str:
    """ "five papers", "one paper", "12 papers": as the site's sentences read."""
    number = WORDS[count] if count < len(WORDS) else str(count)
    return f"{number} paper" if count == 1 else f"{number} papers"


def _summary() -> str:
    span = SourceDocument.objects.published().aggregate(
        first=Min("published_on"), last=Max("published_on"), count=Count("pk")
    )
    phrase = papers_phrase(span["count"])
    if span["first"] is None:
        return phrase
    first, last = span["first"].year, span["last"].year
    return f"{phrase}, {first}" if first == last else f"{phrase}, {first}–{last}"


@register.simple_tag
def kb_papers() -> str:
    """ "five papers, 2007–2016": the published papers and the years they span."""
    key = f"kb:papers:{kb_version.current()}"
    return cache.get_or_set(key, _summary, timeout=settings.KB_CACHE_SECONDS)
