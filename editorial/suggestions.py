"""Suggested proposals: the sentences of a source that read as recommendations and that no
proposal's quote covers yet, each with a link that opens the proposal form prefilled."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse

from core.text.recommendations import LIST_MARKER
from editorial.coverage import all_reviewed, uncovered_sentences


@dataclass(frozen=True)
class Suggestion:
    """A recommendation-like sentence that no proposal's quote covers yet."""

    before: str
    cue: str
    after: str
    quote: str
    sentence: str  # whitespace aside: what a dismissal names
    add_url: str
    reviewed_reason: str | None


def suggestions_for(source) -> list[Suggestion]:
    spans = source.proposals.values_list("quote_start", "quote_end")
    reviewed = all_reviewed().get(source.slug, {})
    add_url = reverse("admin:proposals_proposal_add")
    found = []
    for sentence in uncovered_sentences(source.body, spans):
        cue_at = sentence.cue_start - sentence.start
        cue_end = cue_at + (0 if sentence.cue == "question" else len(sentence.cue))
        # A list item's quote starts with its words, not its bullet.
        quote = LIST_MARKER.sub("", sentence.text, count=1)
        query = urlencode({"source": source.pk, "quote": quote, "next": "suggestions"})
        found.append(
            Suggestion(
                before=sentence.text[:cue_at],
                cue=sentence.text[cue_at:cue_end],
                after=sentence.text[cue_end:],
                quote=quote,
                sentence=" ".join(sentence.text.split()),
                add_url=f"{add_url}?{query}",
                reviewed_reason=reviewed.get(" ".join(sentence.text.split())),
            )
        )
    return found
