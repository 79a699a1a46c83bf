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


def _quote_pattern(quote: str) -> re.Pattern:
    words = quote.split()
    if not words:
        raise QuoteNotFound("The quote is empty.")
    return re.compile(r"\s+".join(re.escape(word) for word in words))


def anchor_quote(body: str, quote: str, *, near: int | None = None) -> Anchor:
    """Find quote in body; where it occurs more than once, take the one nearest `near`.

    Raises QuoteNotFound if the words do not occur in that order, and QuoteAmbiguous if they
    occur several times and nothing says which is meant.
    """
    matches = list(_quote_pattern(quote).finditer(body))
    if not matches:
        raise QuoteNotFound(
            "This quote does not occur in the source's text (whitespace aside). "
            "Copy the sentence exactly as the paper words it."
        )
    if len(matches) > 1 and near is None:
        raise QuoteAmbiguous(
            f"This quote occurs {len(matches)} times in the source's text; quote more of the "
            "sentence so that it points at one place."
        )
    match = min(matches, key=lambda m: abs(m.start() - near)) if near is not None else matches[0]
    start, end = match.span()
    return Anchor(
        start=start,
        end=end,
        exact=body[start:end],
        prefix=body[max(0, start - CONTEXT_CHARS) : start],
        suffix=body[end : end + CONTEXT_CHARS],
    )
