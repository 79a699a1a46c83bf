"""Did you mean …? The nearest words of the knowledge base, for a search that found nothing.

The words come from what analysts search: proposals' titles, summaries and quotes, and the
vocabularies' names and aliases. They are collected once per version of the knowledge base
(core.kb_version) and kept with their most frequent spelling,
so that "okinwa" is offered as "Okinawa". Nearness is difflib's ratio, which catches a dropped,
doubled, swapped or wrong letter in a word of five letters or more; the nearest word wins. Both
databases get the same answer, because the work is done here rather than in pg_trgm or an FTS5
vocabulary table (whose words are stems, not words to offer a reader).
"""

import difflib
import re
from collections import Counter

from django.core.cache import cache

from core import kb_version
from proposals.models import Actor, Framework, Proposal, Theme
from search.query import STOP_WORDS, WORD, SearchText

MIN_LENGTH = 4  # shorter words have too many near neighbours to guess between
CUTOFF = 0.8
LETTERS = re.compile(r"[^\W\d_]+")


def _collect() -> dict[str, str]:
    """Each word (lower case) → its most frequent spelling in the knowledge base."""
    spellings: Counter = Counter()
    texts = Proposal.objects.published().values_list("title", "summary", "quote")
    for row in texts.iterator(chunk_size=2000):
        for text in row:
            spellings.update(LETTERS.findall(text))
    for model in (Theme, Actor, Framework):
        for entry in model.objects.all():
            names = [entry.name, *getattr(entry, "aliases", "").splitlines()]
            spellings.update(word for name in names for word in LETTERS.findall(name))
    words: dict[str, str] = {}
    for spelling, _ in spellings.most_common():  # most frequent first: it names the word
        words.setdefault(spelling.lower(), spelling)
    return words


_words: tuple[int, dict[str, str]] | None = None  # (knowledge base version, its words)


def knowledge_base_words() -> dict[str, str]:
    """The words, collected once per version of the knowledge base (core.kb_version): kept in
    this process and in the shared cache, since collecting them reads every proposal's text
    (2 s at 100,000 proposals) and only a search that found nothing asks."""
    global _words
    version = kb_version.current()
    if _words is None or _words[0] != version:
        words = cache.get_or_set(f"search-words:{version}", _collect, timeout=24 * 3600)
        _words = (version, words)
    return _words[1]


def forget() -> None:
    """Drop this process's words (tests, whose versions restart from the clock)."""
    global _words
    _words = None


def _nearest(word: str, words: dict[str, str]) -> str | None:
    candidates = difflib.get_close_matches(word, words, n=3, cutoff=CUTOFF)
    return words[candidates[0]] if candidates else None


def did_you_mean(search: SearchText) -> str | None:
    """The search as typed with each unknown word replaced by its nearest known one, or None."""
    if search.is_empty:
        return None
    words = knowledge_base_words()
    changed = False

    def replace(match: re.Match) -> str:
        nonlocal changed
        typed = match.group()
        lower = typed.lower()
        if len(lower) < MIN_LENGTH or lower in words or lower in STOP_WORDS or lower == "or":
            return typed
        nearest = _nearest(lower, words)
        if nearest is None:
            return typed
        changed = True
        return nearest

    suggestion = WORD.sub(replace, search.text)
    return suggestion if changed else None
