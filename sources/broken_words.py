"""Words broken by a hyphen at a line end: marked when the lines are joined, and decided later,
joined or hyphenated, from the paper's own text and then from the knowledge base."""

import re
from collections import Counter
from collections.abc import Callable, Iterable

# Between the halves of a word broken at a line end, until rejoin_hyphens() decides.
BREAK_MARK = "\u2063"
# Given the words (lower case) that the text alone cannot decide, those the knowledge base
# writes whole.
KnownWords = Callable[[set[str]], Iterable[str]]


def join_lines(lines: list[str]) -> str:
    """One paragraph from wrapped lines; a word broken by a hyphen at a line end is joined to its
    other half with the hyphen kept and BREAK_MARK after it, for rejoin_hyphens() to decide."""
    joined = ""
    for line in (line.strip() for line in lines):
        if not line:
            continue
        if not joined:
            joined = line
        elif joined[-1] in "-\u2010" and joined[-2:-1].strip() and line[:1].isalnum():
            joined += BREAK_MARK + line
        else:
            joined += " " + line
    return joined


BROKEN_WORD = re.compile(rf"(\w+)([-\u2010]){BREAK_MARK}(\w+)")


def rejoin_hyphens(
    text: str,
    *,
    elsewhere: str = "",
    known_words: KnownWords | None = None,
    keep_undecided: bool = False,
) -> str:
    """Words broken at a line end ("muni-" / "tions") become one word ("munitions") when the
    text (or `elsewhere`: the notes of the same paper) writes that word unbroken, or else when
    `known_words` (the knowledge base) does; otherwise the hyphen stays, as in "U.S.-Japan". A
    word the paper writes with the hyphen mid-line too keeps it ("self-defense").

    With `keep_undecided`, the words neither the paper decides keep BREAK_MARK, for a later
    call that can ask the knowledge base."""
    whole = text + "\n" + elsewhere
    in_text = Counter(w.lower() for w in re.findall(r"\w+", whole.replace(BREAK_MARK, "")))

    def hyphenated(left, right):
        # Written with the hyphen elsewhere (not at a line end, where BREAK_MARK follows it):
        # a hyphenated word.
        pattern = rf"(?<!\w){re.escape(left)}[-\u2010]{re.escape(right)}(?!\w)"
        return re.search(pattern, whole, re.I)

    undecided = {
        (m.group(1) + m.group(3)).lower()
        for m in BROKEN_WORD.finditer(text)
        if not in_text[(m.group(1) + m.group(3)).lower()] and not hyphenated(m.group(1), m.group(3))
    }
    known = set()
    if undecided and known_words is not None and not keep_undecided:
        known = {word.lower() for word in known_words(undecided)}

    def decide(match):
        left, hyphen, right = match.group(1), match.group(2), match.group(3)
        joined = (left + right).lower()
        if hyphenated(left, right):
            return left + hyphen + right
        if in_text[joined] or joined in known:
            return left + right
        return match.group(0) if keep_undecided else left + hyphen + right

    decided = BROKEN_WORD.sub(decide, text)
    return decided if keep_undecided else decided.replace(BREAK_MARK, "")
