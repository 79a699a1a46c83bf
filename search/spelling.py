"""British and American spellings of one word, so that either finds both.

The papers mix them ("collective self-defence" in one, "self-defense" in another), and neither
database's English stemmer joins the two: PostgreSQL stems "defence" to "defenc" and "defense" to
"defens", FTS5's porter tokenizer does the same. A searched word is therefore given its other
spellings as alternatives (OR), in phrases too.

Two kinds of pairs: whole-word stems from a short list (a word beginning with the stem, so
"neighbours" and "neighbouring" count), and the -ise/-ize family by rule. A rule may make a word
no paper contains ("exercize"); that alternative finds nothing and costs nothing.
"""

import re

# British stem → American stem; each also read the other way.
STEMS = {
    "defence": "defense",
    "offence": "offense",
    "licence": "license",
    "pretence": "pretense",
    "programme": "program",
    "centre": "center",
    "theatre": "theater",
    "metre": "meter",
    "labour": "labor",
    "honour": "honor",
    "favour": "favor",
    "behaviour": "behavior",
    "neighbour": "neighbor",
    "harbour": "harbor",
    "endeavour": "endeavor",
    "colour": "color",
    "vigour": "vigor",
    "rumour": "rumor",
    "catalogue": "catalog",
    "dialogue": "dialog",
    "analyse": "analyze",
    "paralyse": "paralyze",
    "travell": "travel",
    "cancell": "cancel",
    "fulfil": "fulfill",
    "enrol": "enroll",
    "ageing": "aging",
    "judgement": "judgment",
}
REVERSED = {american: british for british, american in STEMS.items()}
# -ise/-ize and -isation/-ization, after at least three letters ("rise" and "size" stay alone).
ISE = re.compile(r"^(\w{3,}?)i([sz])(e|es|ed|ing|er|ers|ation|ations|ational)$")


def variants(word: str) -> list[str]:
    """The word's other spellings (lower case), not including itself."""
    found = []
    for pair in STEMS.items():
        # The longer stem first: "programmes" is the British "programme", not "program" + "mes".
        for stem, other in sorted([pair, pair[::-1]], key=lambda p: -len(p[0])):
            if word.startswith(stem):
                found.append(other + word[len(stem) :])
                break
    match = ISE.match(word)
    if match:
        head, letter, tail = match.groups()
        found.append(f"{head}i{'z' if letter == 's' else 's'}{tail}")
    return [w for w in dict.fromkeys(found) if w != word]


def spellings(words: list[str], limit: int = 4) -> list[list[str]]:
    """The words and their respellings (alternatives combined), at most `limit` in all."""
    results = [list(words)]
    for i, word in enumerate(words):
        for other in variants(word):
            for existing in list(results):
                if len(results) >= limit:
                    return results
                if existing[i] == word:
                    results.append([*existing[:i], other, *existing[i + 1 :]])
    return results
