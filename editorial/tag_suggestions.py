"""Suggested tags and related proposals for a sentence, and how well they match the stored ones.

Tags: the vocabulary entries whose name, acronym or an alias stands in the sentence or its
paragraph (as whole words), plus the tags that most of the sentence's nearest existing proposals
share. Related: the existing proposals of other papers nearest to the sentence. "Nearest" is word
overlap (Jaccard over content words), a plain baseline that runs the same on any database.

evaluate() measures both against the stored tags and links, leaving each paper out in turn: a
proposal's suggestions come only from the other papers' proposals.
"""

import re
from collections import Counter
from dataclasses import dataclass

STOP = frozenset(
    """a an and are as at be been by for from has have in into is it its of on or that the
    their this to was were will with should must would could can may not more than which who
    also""".split()
)
NEIGHBOURS = 5
RELATED_TOP = 3


def words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOP and len(w) > 2}


def jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def mentions(text: str, names) -> bool:
    return any(
        re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text, re.IGNORECASE)
        for name in names
        if name and len(name) > 1
    )


@dataclass
class Item:
    """A proposal as the measure sees it."""

    pk: int
    paper: int
    text: str  # the quote and its paragraph
    tags: set  # ("theme", pk), ("actor", pk), ("framework", pk)
    related: set  # pks


def suggest_tags(text: str, vocabulary: dict, others: list[Item]) -> set:
    """vocabulary: {("theme", pk): [names…]}; others: the proposals to learn from."""
    found = {key for key, names in vocabulary.items() if mentions(text, names)}
    mine = words(text)
    nearest = sorted(others, key=lambda o: jaccard(mine, words(o.text)), reverse=True)[:NEIGHBOURS]
    votes = Counter(tag for other in nearest for tag in other.tags)
    found |= {tag for tag, n in votes.items() if n >= 3}
    return found


def suggest_related(text: str, others: list[Item], top: int = RELATED_TOP) -> list[int]:
    mine = words(text)
    ranked = sorted(others, key=lambda o: jaccard(mine, words(o.text)), reverse=True)
    return [o.pk for o in ranked[:top] if jaccard(mine, words(o.text)) > 0]


def precision_recall(suggested: int, right: int, stored: int) -> tuple[float, float]:
    return (right / suggested if suggested else 0.0, right / stored if stored else 0.0)


def evaluate(items: list[Item], vocabulary: dict, related=None) -> dict:
    """Leave-one-paper-out precision and recall of suggested tags and related links.

    related(item) gives the suggested related ids from the other papers' proposals; by default
    the word-overlap baseline (suggest_related).
    """
    tag_counts, link_counts = [0, 0, 0], [0, 0, 0]
    for item in items:
        others = [o for o in items if o.paper != item.paper]
        tags = suggest_tags(item.text, vocabulary, others)
        tag_counts[0] += len(tags)
        tag_counts[1] += len(tags & item.tags)
        tag_counts[2] += len(item.tags)
        if related is None:
            suggested = set(suggest_related(item.text, others))
        else:
            suggested = set(related(item))
        link_counts[0] += len(suggested)
        link_counts[1] += len(suggested & item.related)
        link_counts[2] += len(item.related)
    return {
        "tags": (*tag_counts, *precision_recall(*tag_counts)),
        "related": (*link_counts, *precision_recall(*link_counts)),
    }
