"""What makes a quote whole: it begins and ends at word boundaries, points at one place in the
text (or says which occurrence it means), and — as a warning the editor may confirm — begins and
ends at sentence boundaries within one paragraph.

Used by the proposal model (errors, on every path: admin add and edit, load_kb) and by the admin
form (the warning, and the choice of an occurrence).
"""

import re
from dataclasses import dataclass

from core.text.anchoring import at_word_boundaries, quote_pattern

# A sentence ends at . ! ? (with closing quotes, brackets or footnote marks after it), and a
# list item or line may end with : or ; too.
SENTENCE_END = re.compile(r"[.!?][”\"’)\]¹²³⁴⁵⁶⁷⁸⁹⁰0-9]*$")
LINE_END_PUNCTUATION = re.compile(r"[.!?:;][”\"’)\]¹²³⁴⁵⁶⁷⁸⁹⁰0-9]*$")
LIST_MARKER = re.compile(r"(?:[-•*–]|\d+[.)]|\(?[a-z0-9]\))\s*$")
CONTEXT = 60


@dataclass(frozen=True)
class Occurrence:
    """One place where the quote's words stand: its span and the words around it."""

    number: int  # from 1, in text order
    start: int
    end: int
    before: str
    after: str

    def label(self, quote: str) -> str:
        return f"{self.number}. …{self.before} [{' '.join(quote.split())}] {self.after}…"


def occurrences(body: str, quote: str) -> tuple[list[Occurrence], int]:
    """The places the quote's words stand at word boundaries, and how many more stand inside
    words (a fragment such as "ould establish a joint stockp")."""
    whole, partial = [], 0
    for match in quote_pattern(quote).finditer(body):
        start, end = match.span()
        if not at_word_boundaries(body, start, end):
            partial += 1
            continue
        whole.append(
            Occurrence(
                number=len(whole) + 1,
                start=start,
                end=end,
                before=" ".join(body[max(0, start - CONTEXT) : start].split()),
                after=" ".join(body[end : end + CONTEXT].split()),
            )
        )
    return whole, partial


def sentence_warnings(body: str, start: int, end: int) -> list[str]:
    """Why the span at start:end may not be whole sentences; empty when it is."""
    warnings = []
    line_start = body.rfind("\n", 0, start) + 1
    before = body[line_start:start].rstrip()
    if before and not SENTENCE_END.search(before) and not LIST_MARKER.fullmatch(before):
        warnings.append("it does not begin at the start of a sentence")
    line_end = body.find("\n", end)
    after = body[end : len(body) if line_end == -1 else line_end].strip()
    quote = body[start:end].rstrip()
    if after and not LINE_END_PUNCTUATION.search(quote):
        warnings.append("it does not end at the end of a sentence")
    if "\n\n" in body[start:end] or re.search(r"\n\s*\n", body[start:end]):
        warnings.append("it runs over more than one paragraph")
    return warnings
