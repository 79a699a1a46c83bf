"""A search's hits inside one paper's text: one per passage (paragraph or list item), with the
words highlighted and the passage's anchor (#para-N), so that a full-text match opens where it is.

The database's full-text index says *that* a paper matches; which paragraphs do is found here, in
Python, over the one body already loaded for the page. Words match as the list's search reads
them: every group of alternatives must match (a word also in its other spellings, defence or
defense), a phrase as adjacent words; a word matches its longer forms too (alliance, alliances).
"""

import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from core.text.passages import split_blocks
from search.query import SearchText, parse
from search.spelling import spellings

MAX_HITS = 30
CONTEXT = 160  # characters of text either side of the first match in a long passage


@dataclass
class TextHit:
    number: int  # the passage's #para-N
    section: str  # the heading it falls under, if any
    snippet: SafeString  # escaped text with <mark>s


@dataclass
class TextHits:
    search: SearchText
    hits: list[TextHit]
    total: int  # passages matching, of which the first MAX_HITS are in `hits`


def _pattern(term) -> str:
    forms = [
        r"\W+".join(re.escape(word) + r"\w*" for word in spelled)
        for spelled in spellings(term.words)
    ]
    return r"\b(?:" + "|".join(forms) + r")"


def _snippet(text: str, every: re.Pattern) -> SafeString:
    first = every.search(text)
    start, end = 0, len(text)
    if first and len(text) > 2 * CONTEXT + 40:
        start = max(0, first.start() - CONTEXT)
        end = min(len(text), first.end() + CONTEXT)
    piece = text[start:end]
    out, last = [], 0
    for match in every.finditer(piece):
        out.append(escape(piece[last : match.start()]))
        out.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    out.append(escape(piece[last:]))
    return mark_safe(("…" if start else "") + "".join(out) + ("…" if end < len(text) else ""))


def text_hits(body: str, raw: str | None) -> TextHits | None:
    """The passages of `body` the search `raw` matches, or None when there is no search."""
    search = parse(raw)
    if search.is_empty:
        return None
    groups = [
        re.compile("|".join(_pattern(t) for t in group), re.IGNORECASE) for group in search.groups
    ]
    every = re.compile("|".join(g.pattern for g in groups), re.IGNORECASE)
    excluded = [re.compile(_pattern(t), re.IGNORECASE) for t in search.excluded]
    found = []
    for block in split_blocks(body):
        if block.kind == "heading":
            continue
        text = body[block.start : block.end]
        if all(g.search(text) for g in groups) and not any(x.search(text) for x in excluded):
            found.append((block, text))
    hits = [TextHit(block.number, block.section, _snippet(text, every)) for block, text in found]
    return TextHits(search, hits[:MAX_HITS], len(hits))
