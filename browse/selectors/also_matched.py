"""What else a search matched besides the words as typed: their other spellings (defence →
defense, search.spelling) and the names a typed alias or acronym stands for (JSDF = Japan
Self-Defense Forces), which the search index holds with each proposal's tags (search.index).
Said above the results, so that a match without the typed word is not a mystery.
"""

import re

from browse import caching
from proposals.models import Actor, Framework
from search.query import WORD, SearchText
from search.spelling import variants


def _aliases() -> dict[str, list[str]]:
    """{alias or acronym, lower case: [the names it stands for]} (two queries, cached)."""
    table: dict[str, list[str]] = {}
    for actor in Actor.objects.only("name", "aliases"):
        for alias in actor.alias_list:
            table.setdefault(alias.lower(), []).append(actor.name)
    for framework in Framework.objects.only("name", "acronym", "aliases"):
        for alias in [framework.acronym, *framework.alias_list]:
            if alias:
                table.setdefault(alias.lower(), []).append(framework.name)
    return table


def also_matched(search: SearchText, *, user) -> list[str]:
    """["defence → defense", "JSDF = Japan Self-Defense Forces"], in the order typed."""
    if search.is_empty:
        return []
    notes = []
    typed = [t.typed or " ".join(t.words) for group in search.groups for t in group[:1]]
    for word in dict.fromkeys(w.lower() for w in WORD.findall(search.text)):
        others = variants(word)
        if others:
            notes.append(f"{word} → {', '.join(others)}")
    table = caching.block("aliases", user, _aliases)
    for piece in dict.fromkeys(p.lower() for p in typed):
        names = [n for n in dict.fromkeys(table.get(piece, [])) if n.lower() != piece]
        if names:
            # as the reader typed it ("JSDF"), the terms hold it respelled in lower case
            found = re.search(re.escape(piece), search.text, re.IGNORECASE)
            shown = found.group() if found else piece
            notes.append(f"{shown} = {' or '.join(names)}")
    return notes
