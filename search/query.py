"""What an analyst types into the search box, read once and written for either database.

The syntax is PostgreSQL's `websearch_to_tsquery`: words are all required, "quoted words" form a
phrase, `or` between two terms accepts either, and `-word` excludes. PostgreSQL reads the text
itself; for SQLite the same reading is written out as an FTS5 MATCH expression, every term quoted,
so that no input, however odd, can be an FTS5 syntax error. Both databases ignore a term made only
of English stop words, so "the global commons" finds the same proposals on each.

Each term also accepts its other spellings (search.spelling: "defence" finds "defense"), so both
databases are given the parsed reading, not the raw text: PostgreSQL a websearch string of quoted
terms, SQLite an FTS5 expression.
"""

import re
from dataclasses import dataclass, field

from search.spelling import spellings

MAX_LENGTH = 200

# Tokens as FTS5's unicode61 tokenizer sees them: runs of letters and digits.
WORD = re.compile(r"\w+", re.UNICODE)
# A quoted phrase (closed or running to the end), or a run of non-space characters.
PIECE = re.compile(r'"([^"]*)"?|(\S+)')

# PostgreSQL's English stop words (snowball), so that both databases ignore the same words.
STOP_WORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before
    being below between both but by can did do does doing don down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own s same she should so some such t than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with you your yours yourself yourselves""".split()
)


@dataclass
class Term:
    words: list[str]
    negated: bool = False
    # The piece as typed, its words respelled: PostgreSQL's parser reads "self-defence" as a
    # hyphenated word (its parts and the whole), which the bare words would not match.
    typed: str = ""

    def fts5(self) -> str:
        # Double quotes make any token a literal string in FTS5; a multi-word one is a phrase.
        return '"' + " ".join(self.words) + '"'

    def websearch(self) -> str:
        # Quoted for websearch_to_tsquery: a phrase, its words adjacent, nothing read as syntax.
        typed = (self.typed or " ".join(self.words)).replace('"', " ")
        return ('-"' if self.negated else '"') + typed + '"'


def respell(typed: str, words: list[str]) -> str:
    """The typed piece with its tokens replaced, in order, by `words` (a respelling of them)."""
    replacements = iter(words)
    return WORD.sub(lambda match: next(replacements, match.group()), typed)


@dataclass
class SearchText:
    """A parsed search: `text` for PostgreSQL, `fts5` for SQLite, `notice` for the reader."""

    raw: str
    text: str = ""
    groups: list[list[Term]] = field(default_factory=list)  # AND of ORs
    excluded: list[Term] = field(default_factory=list)
    notice: str = ""

    @property
    def is_empty(self) -> bool:
        return not self.groups

    @property
    def fts5(self) -> str:
        required = " AND ".join(
            group[0].fts5() if len(group) == 1 else "(" + " OR ".join(t.fts5() for t in group) + ")"
            for group in self.groups
        )
        return "".join([required, *(f" NOT {term.fts5()}" for term in self.excluded)])

    @property
    def websearch(self) -> str:
        """The same reading for PostgreSQL's websearch_to_tsquery."""
        required = " ".join(" or ".join(t.websearch() for t in group) for group in self.groups)
        return " ".join([required, *(term.websearch() for term in self.excluded)])

    @property
    def words(self) -> list[str]:
        return [word for group in self.groups for term in group for word in term.words]


def parse(raw: str | None) -> SearchText:
    # A NUL character separates words like any other non-word character; PostgreSQL refuses it
    # in any text, so it must not reach the query.
    raw = (raw or "").replace("\x00", " ").strip()
    search = SearchText(raw=raw)
    if not raw:
        return search
    if len(raw) > MAX_LENGTH:
        raw = raw[:MAX_LENGTH]
        search.notice = f"The search was cut to its first {MAX_LENGTH} characters."
    search.text = raw

    pending_or = False
    for match in PIECE.finditer(raw):
        phrase, loose = match.group(1), match.group(2)
        if loose is not None and loose.lower() == "or":
            pending_or = bool(search.groups)
            continue
        negated = loose is not None and loose.startswith("-")
        typed = phrase if phrase is not None else loose.removeprefix("-")
        words = [w.lower() for w in WORD.findall(typed)]
        # A piece of several tokens ("U.S.-Japan") is a phrase: its words must stay adjacent.
        if all(w in STOP_WORDS for w in words):  # PostgreSQL would find nothing to search for
            pending_or = False
            continue
        terms = [
            Term(spelt, negated=negated, typed=respell(typed, spelt)) for spelt in spellings(words)
        ]
        if negated:
            search.excluded.extend(terms)
        elif pending_or:
            search.groups[-1].extend(terms)
        else:
            search.groups.append(terms)
        pending_or = False

    if search.is_empty:
        search.excluded = []
        search.notice = (
            f"“{raw}” has no words to search for (very common words and punctuation are "
            "ignored, and a search cannot only exclude). Showing everything instead."
        )
    return search
