"""Anchor a verbatim quote in a source body, the way W3C Web Annotation selectors do.

A quote is located by its exact words; only runs of whitespace may differ (a line break in the
body where the quote has a space). The anchor records the character span (TextPositionSelector)
and a few words either side (TextQuoteSelector's prefix and suffix) so that the passage can be
found again, and shown in place.
"""

import re
from dataclasses import dataclass

CONTEXT_CHARS = 32


class QuoteNotFound(ValueError):
    pass


class QuoteAmbiguous(ValueError):
    pass


@dataclass(frozen=True)
class Anchor:
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str


def normalise_whitespace(text: str) -> str:
    return " ".join(text.split())


def quote_pattern(quote: str) -> re.Pattern:
    words = quote.split()
    if not words:
        raise QuoteNotFound("The quote is empty.")
    return re.compile(r"\s+".join(re.escape(word) for word in words))


def at_word_boundaries(body: str, start: int, end: int) -> bool:
    """The span neither begins nor ends inside a word."""
    starts_clean = start == 0 or not (body[start - 1].isalnum() and body[start].isalnum())
    ends_clean = end >= len(body) or not (body[end - 1].isalnum() and body[end].isalnum())
    return starts_clean and ends_clean


def _shared_tail(a: str, b: str) -> int:
    """How many characters a and b share at their ends."""
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _shared_head(a: str, b: str) -> int:
    """How many characters a and b share at their starts."""
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def anchor_quote(
    body: str, quote: str, *, near: int | None = None, prefix: str = "", suffix: str = ""
) -> Anchor:
    """Find quote in body. Where it occurs more than once, take the occurrence whose
    surroundings best match the known prefix and suffix (as a TextQuoteSelector is resolved),
    then the one nearest `near` (the last known position).

    Raises QuoteNotFound if the words do not occur in that order, and QuoteAmbiguous if they
    occur several times and nothing says which is meant.
    """
    matches = list(quote_pattern(quote).finditer(body))
    # Whole words first: "should" is not the one inside "shoulder".
    matches = [m for m in matches if at_word_boundaries(body, *m.span())] or matches
    if not matches:
        raise QuoteNotFound(
            "This quote does not occur in the source's text (whitespace aside). "
            "Copy the sentence exactly as the paper words it."
        )
    if len(matches) > 1 and near is None and not (prefix or suffix):
        raise QuoteAmbiguous(
            f"This quote occurs {len(matches)} times in the source's text; quote more of the "
            "sentence so that it points at one place."
        )

    def fit(match: re.Match):
        context = _shared_tail(body[: match.start()], prefix) + _shared_head(
            body[match.end() :], suffix
        )
        distance = abs(match.start() - near) if near is not None else 0
        return (-context, distance)

    match = min(matches, key=fit)
    start, end = match.span()
    return Anchor(
        start=start,
        end=end,
        exact=body[start:end],
        prefix=body[max(0, start - CONTEXT_CHARS) : start],
        suffix=body[end : end + CONTEXT_CHARS],
    )


def context_for_display(prefix: str, suffix: str, *, cut_before: bool, cut_after: bool):
    """The words around a quote as a reader should see them: within the quote's paragraph, and
    starting and ending at whole words, with an ellipsis where the paragraph goes on.

    prefix and suffix are the stored selector context (exact characters, which may begin or end
    mid-word); cut_before/cut_after say whether the text goes on beyond them.
    """
    before, after = prefix, suffix
    if "\n" in before:
        before, cut_before = before.rsplit("\n", 1)[1], False
    elif cut_before:
        before = before.split(" ", 1)[1] if " " in before else ""
    if "\n" in after:
        after, cut_after = after.split("\n", 1)[0], False
    elif cut_after:
        after = after.rsplit(" ", 1)[0] if " " in after else ""
    before, after = before.strip(), after.strip()
    return (
        f"…{before}" if before and cut_before else before,
        f"{after}…" if after and cut_after else after,
    )
