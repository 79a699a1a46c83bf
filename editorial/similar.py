"""The existing proposals nearest to a passage by full-text similarity: suggested related links.

The passage's content words, joined by OR, are ranked against the search index's stored proposal
documents (search.index): ts_rank over the weighted tsvectors on PostgreSQL, bm25 over the FTS5
table on SQLite. The proposals of the passage's own paper are left out (related links join
papers), and so are the ones given in `exclude` (the proposal itself, links already made).
"""

import re

from django.db import connection

from proposals.models import Proposal
from search.index import CONFIG, PROPOSAL_DOCUMENTS, PROPOSAL_FTS, uses_postgres
from search.query import STOP_WORDS

# Enough words to describe a paragraph; more only dilute the rank and lengthen the query.
MAX_WORDS = 40
WORD = re.compile(r"[a-z][a-z0-9]{2,}")


def query_words(text: str) -> list[str]:
    """The passage's distinct content words, most frequent first (ties: first seen)."""
    counts: dict[str, int] = {}
    for word in WORD.findall(text.lower()):
        if word not in STOP_WORDS:
            counts[word] = counts.get(word, 0) + 1
    ranked = sorted(counts, key=lambda w: -counts[w])  # sorted() keeps first-seen order in ties
    return ranked[:MAX_WORDS]


def similar_proposal_ids(
    text: str, *, other_than_source: int | None, exclude=(), limit: int = 3
) -> list[int]:
    """Ids of the `limit` proposals most similar to `text`, best first."""
    words = query_words(text)
    if not words:
        return []
    exclude = [pk for pk in exclude if pk is not None]
    table = Proposal._meta.db_table
    not_in = f" AND p.id NOT IN ({', '.join(['%s'] * len(exclude))})" if exclude else ""
    source_sql = " AND p.source_id <> %s" if other_than_source is not None else ""
    source_params = [other_than_source] if other_than_source is not None else []
    if uses_postgres():
        # Words are [a-z0-9] only, so the OR query needs no quoting.
        sql = (
            f"SELECT p.id FROM {PROPOSAL_DOCUMENTS} d JOIN {table} p ON p.id = d.proposal_id, "
            f"to_tsquery('{CONFIG}', %s) q WHERE d.document @@ q{source_sql}{not_in} "
            "ORDER BY ts_rank(d.document, q) DESC, p.id LIMIT %s"
        )
        params = [" | ".join(words), *source_params, *exclude, limit]
    else:
        match = " OR ".join(f'"{word}"' for word in words)
        sql = (
            f"SELECT p.id FROM {PROPOSAL_FTS} f JOIN {table} p ON p.id = f.rowid "
            f"WHERE {PROPOSAL_FTS} MATCH %s{source_sql}{not_in} "
            f"ORDER BY bm25({PROPOSAL_FTS}), p.id LIMIT %s"
        )
        params = [match, *source_params, *exclude, limit]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]
