"""Ranked full-text search with highlighted snippets, the same on PostgreSQL and SQLite.

The backend is chosen by database vendor (as Wagtail's database search backend does):
PostgreSQL uses django.contrib.postgres.search (websearch SearchQuery, SearchRank,
SearchHeadline) over the GIN-indexed documents of proposals.search_index; SQLite uses FTS5 (MATCH,
bm25, highlight and snippet) over its FTS5 tables. Either way a search adds to the rows it returns:

    search_rank      higher is better
    hl_title, hl_summary, hl_quote (proposals), hl_body (sources): text with the matched words
                     between MARK_START and MARK_END; marked_safe() turns that into escaped HTML.

Filtering (matches) and annotating (annotate) are separate so that facet counts can reuse the
filter inside subqueries without carrying the annotations.
"""

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorField,
)
from django.db.models import BooleanField, F, FloatField, Func, TextField
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import mark_safe

from proposals.search_index import (
    CONFIG,
    PROPOSAL_DOCUMENTS,
    PROPOSAL_FTS,
    SOURCE_FTS,
    uses_postgres,
)
from proposals.search_query import SearchText

# Private-use characters: they never occur in the texts, so they cannot be confused with them,
# and they survive escaping, after which they become <mark> tags.
MARK_START, MARK_END = "\ue000", "\ue001"
SNIPPET_WORDS = 28
# bm25 column weights on SQLite, in the spirit of PostgreSQL's A/B/C/D: title, summary, quote, tags.
FTS5_WEIGHTS = (10.0, 4.0, 2.0, 1.0)


def marked_safe(text: str | None) -> str:
    """Escape a highlighted text, then turn its markers into <mark> elements."""
    html = escape(text or "")
    return mark_safe(html.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))


class FTS5Value(Func):
    """An FTS5 auxiliary function (bm25, highlight, snippet) for the row whose rowid is `pk`.

    Written as a correlated subquery so that it compiles with whatever alias Django gives the
    outer table.
    """

    def __init__(self, pk, *, table, function_sql, function_params, match, output_field):
        super().__init__(pk, output_field=output_field)
        self.table, self.match = table, match
        self.function_sql, self.function_params = function_sql, list(function_params)

    def as_sql(self, compiler, connection, **extra):
        pk_sql, pk_params = compiler.compile(self.source_expressions[0])
        t = self.table
        sql = f"(SELECT {self.function_sql} FROM {t} WHERE {t} MATCH %s AND {t}.rowid = {pk_sql})"
        return sql, [*self.function_params, self.match, *pk_params]


class ProposalDocument(Func):
    """PostgreSQL: the proposal's weighted tsvector, from the index table, for SearchRank."""

    output_field = SearchVectorField()

    def as_sql(self, compiler, connection, **extra):
        pk_sql, pk_params = compiler.compile(self.source_expressions[0])
        return (
            f"(SELECT document FROM {PROPOSAL_DOCUMENTS} WHERE proposal_id = {pk_sql})",
            pk_params,
        )


class DocumentMatches(Func):
    """PostgreSQL: `pk IN (ids whose document @@ query)`, a lookup the GIN index serves."""

    output_field = BooleanField()

    def as_sql(self, compiler, connection, **extra):
        pk_sql, pk_params = compiler.compile(self.source_expressions[0])
        query_sql, query_params = compiler.compile(self.source_expressions[1])
        sql = (
            f"{pk_sql} IN (SELECT proposal_id FROM {PROPOSAL_DOCUMENTS} "
            f"WHERE document @@ {query_sql})"
        )
        return sql, [*pk_params, *query_params]


def _fts5(table, function_sql, *params, match, output_field=None):
    return FTS5Value(
        F("pk"),
        table=table,
        function_sql=function_sql,
        function_params=params,
        match=match,
        output_field=output_field or TextField(),
    )


def _fts5_ids(table: str, match: str) -> RawSQL:
    return RawSQL(f"SELECT rowid FROM {table} WHERE {table} MATCH %s", [match])


def _pg_query(search: SearchText) -> SearchQuery:
    return SearchQuery(search.text, search_type="websearch", config=CONFIG)


def _pg_headline(field: str, search: SearchText, **options):
    return SearchHeadline(
        field,
        _pg_query(search),
        config=CONFIG,
        start_sel=MARK_START,
        stop_sel=MARK_END,
        **options,
    )


# Proposals


def matching_proposals(queryset, search: SearchText):
    """The proposals in `queryset` that the search finds (no ranking: cheap inside subqueries)."""
    if search.is_empty:
        return queryset
    if uses_postgres():
        return queryset.filter(DocumentMatches(F("pk"), _pg_query(search)))
    return queryset.filter(pk__in=_fts5_ids(PROPOSAL_FTS, search.fts5))


def annotate_proposals(queryset, search: SearchText):
    """Rank and highlighted title, summary and quote snippet, for the rows shown."""
    if search.is_empty:
        return queryset
    if uses_postgres():
        return queryset.annotate(
            search_rank=SearchRank(ProposalDocument(F("pk")), _pg_query(search)),
            hl_title=_pg_headline("title", search, highlight_all=True),
            hl_summary=_pg_headline("summary", search, highlight_all=True),
            hl_quote=_pg_headline(
                "quote", search, max_words=SNIPPET_WORDS, min_words=SNIPPET_WORDS // 2
            ),
        )
    match = search.fts5
    weights = ", ".join(str(w) for w in FTS5_WEIGHTS)
    return queryset.annotate(
        # bm25 is smaller for better matches; negated so that higher is better on both databases.
        search_rank=_fts5(
            PROPOSAL_FTS,
            f"-bm25({PROPOSAL_FTS}, {weights})",
            match=match,
            output_field=FloatField(),
        ),
        hl_title=_fts5(
            PROPOSAL_FTS, f"highlight({PROPOSAL_FTS}, 0, %s, %s)", MARK_START, MARK_END, match=match
        ),
        hl_summary=_fts5(
            PROPOSAL_FTS, f"highlight({PROPOSAL_FTS}, 1, %s, %s)", MARK_START, MARK_END, match=match
        ),
        hl_quote=_fts5(
            PROPOSAL_FTS,
            f"snippet({PROPOSAL_FTS}, 2, %s, %s, '…', {SNIPPET_WORDS})",
            MARK_START,
            MARK_END,
            match=match,
        ),
    )


# Sources


def search_sources(queryset, search: SearchText):
    """Sources whose text the search finds, best first, each with a highlighted passage."""
    if search.is_empty:
        return queryset.none()
    if uses_postgres():
        query = _pg_query(search)
        return (
            queryset.annotate(search_document=SearchVector("body", config=CONFIG))
            .filter(search_document=query)
            .annotate(
                search_rank=SearchRank(F("search_document"), query),
                hl_body=_pg_headline(
                    "body",
                    search,
                    max_words=SNIPPET_WORDS,
                    min_words=SNIPPET_WORDS // 2,
                    max_fragments=1,
                ),
            )
            .order_by("-search_rank", "published_on")
        )
    match = search.fts5
    return (
        queryset.filter(pk__in=_fts5_ids(SOURCE_FTS, match))
        .annotate(
            search_rank=_fts5(
                SOURCE_FTS, f"-bm25({SOURCE_FTS})", match=match, output_field=FloatField()
            ),
            hl_body=_fts5(
                SOURCE_FTS,
                f"snippet({SOURCE_FTS}, 0, %s, %s, '…', {SNIPPET_WORDS})",
                MARK_START,
                MARK_END,
                match=match,
            ),
        )
        .order_by("-search_rank", "published_on")
    )
