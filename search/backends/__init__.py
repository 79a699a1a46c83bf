"""Ranked full-text search with highlighted snippets, the same on PostgreSQL and SQLite.

The backend is chosen by database vendor (as Wagtail's database search backend does):
PostgreSQL uses django.contrib.postgres.search (websearch SearchQuery, SearchRank,
SearchHeadline) over the GIN-indexed documents that search.index keeps (backends/postgres.py);
SQLite uses FTS5 (MATCH, bm25, highlight and snippet) over its FTS5 tables (backends/sqlite.py).
Either way a search adds to the rows it returns:

    search_rank      higher is better
    hl_title, hl_summary, hl_quote (proposals), hl_body (sources): text with the matched words
                     between MARK_START and MARK_END; search.highlight.marked_safe() turns that
                     into escaped HTML.

Filtering (matching_proposals) and annotating (annotate_proposals) are separate so that facet
counts can reuse the filter inside subqueries without carrying the annotations.
"""

from search.backends import postgres, sqlite
from search.index import uses_postgres
from search.query import SearchText


def _backend():
    return postgres if uses_postgres() else sqlite


def matching_proposals(queryset, search: SearchText):
    """The proposals in `queryset` that the search finds (no ranking: cheap inside subqueries)."""
    if search.is_empty:
        return queryset
    return _backend().matching_proposals(queryset, search)


def matching_ids(search: SearchText) -> list[int]:
    """The ids of every proposal the search finds, drafts too: the match, run once, read
    straight from the text index (callers restrict the ids to what a reader may see)."""
    if search.is_empty:
        return []
    return _backend().matching_ids(search)


def annotate_proposals(queryset, search: SearchText):
    """Rank and highlighted title, summary and quote snippet, for the rows shown."""
    if search.is_empty:
        return queryset
    return _backend().annotate_proposals(queryset, search)


def rank_proposals(queryset, search: SearchText):
    """Only the rank (search_rank): what ordering a whole list by relevance needs."""
    if search.is_empty:
        return queryset
    return _backend().rank_proposals(queryset, search)


def rank_whole_list(queryset, search: SearchText):
    """rank_proposals() for a whole list read in order (exports); not for use as a subquery."""
    if search.is_empty:
        return queryset
    return _backend().rank_whole_list(queryset, search)


def ranked_ids(candidates, search: SearchText, *, start: int, stop: int) -> list[int]:
    """Rows start..stop, by relevance (ties in source order), of the proposals in `candidates`
    that the search finds: ranked inside the text engine and LIMITed there, in one query."""
    if search.is_empty:
        return []
    return _backend().ranked_ids(candidates, search, start=start, stop=stop)


def highlight_proposals(queryset, search: SearchText):
    """Only the highlighted title, summary and quote: for the rows a page shows, once chosen."""
    if search.is_empty:
        return queryset
    return _backend().highlight_proposals(queryset, search)


def search_sources(queryset, search: SearchText, *, limit: int = 5):
    """The `limit` sources whose text the search finds best, best first, each with a
    highlighted passage."""
    if search.is_empty:
        return queryset.none()
    return _backend().search_sources(queryset, search, limit=limit)
