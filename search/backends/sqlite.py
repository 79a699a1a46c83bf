"""SQLite full-text search: FTS5 MATCH, bm25, highlight and snippet over the FTS5 tables."""

from django.db.models import F, FloatField, Func, TextField
from django.db.models.expressions import RawSQL

from proposals.models import Proposal
from search.backends import rawsql
from search.highlight import MARK_END, MARK_START, SNIPPET_WORDS
from search.index import PROPOSAL_FTS, SOURCE_FTS
from search.query import SearchText

# bm25 column weights, in the spirit of PostgreSQL's A/B/C/D: title, summary, quote, tags.
FTS5_WEIGHTS = (10.0, 4.0, 2.0, 1.0)


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


def ranked_ids(candidates, search: SearchText, *, start: int, stop: int) -> list[int]:
    """Rows start..stop of `candidates` that the search finds, best first, ties in source order.

    One query driven by the FTS5 match, which computes bm25 once per matching row: through the
    per-row subquery of rank_proposals(), each row ran the MATCH again, and a common word's
    60,000 matches took more than a minute at 100,000 proposals (docs/performance.md).
    """
    within, params, alias = rawsql.ids_subquery(candidates)
    weights = ", ".join(str(w) for w in FTS5_WEIGHTS)
    t = PROPOSAL_FTS
    sql = (
        f"SELECT p.id FROM {t} JOIN proposals_proposal p ON p.id = {t}.rowid "
        "JOIN sources_sourcedocument src ON src.id = p.source_id "
        f"WHERE {t} MATCH %s AND p.id IN ({within}) "
        f"ORDER BY bm25({t}, {weights}), src.published_on, src.title, p.position "
        "LIMIT %s OFFSET %s"
    )
    return rawsql.fetch_ids(alias, sql, [search.fts5, *params, stop - start, start])


def ranked_source_ids(candidates, search: SearchText, *, limit: int) -> list[int]:
    """The best `limit` of `candidates` (sources) whose text the search finds."""
    within, params, alias = rawsql.ids_subquery(candidates)
    t = SOURCE_FTS
    sql = (
        f"SELECT src.id FROM {t} JOIN sources_sourcedocument src ON src.id = {t}.rowid "
        f"WHERE {t} MATCH %s AND src.id IN ({within}) "
        f"ORDER BY bm25({t}), src.published_on LIMIT %s"
    )
    return rawsql.fetch_ids(alias, sql, [search.fts5, *params, limit])


def matching_ids(search: SearchText) -> list[int]:
    sql = f"SELECT rowid FROM {PROPOSAL_FTS} WHERE {PROPOSAL_FTS} MATCH %s"
    return rawsql.fetch_ids(rawsql.reading_alias(Proposal), sql, [search.fts5])


def matching_proposals(queryset, search: SearchText):
    return queryset.filter(pk__in=_fts5_ids(PROPOSAL_FTS, search.fts5))


def annotate_proposals(queryset, search: SearchText):
    return highlight_proposals(rank_proposals(queryset, search), search)


def rank_proposals(queryset, search: SearchText):
    weights = ", ".join(str(w) for w in FTS5_WEIGHTS)
    # bm25 is smaller for better matches; negated so that higher is better on both databases.
    return queryset.annotate(
        search_rank=_fts5(
            PROPOSAL_FTS,
            f"-bm25({PROPOSAL_FTS}, {weights})",
            match=search.fts5,
            output_field=FloatField(),
        )
    )


def rank_whole_list(queryset, search: SearchText):
    """rank_proposals() for reading a whole list in order (exports): the FTS5 table joined, so
    that its MATCH runs once and bm25 is read per matching row. The per-row subquery ran the
    MATCH again for each row: a minute for a common word's 60,000 rows at 100,000 proposals.

    The join is written with extra(), which names the outer table: the result is for reading,
    not for use inside another query (where Django renames the outer table).
    """
    weights = ", ".join(str(w) for w in FTS5_WEIGHTS)
    t, outer = PROPOSAL_FTS, queryset.model._meta.db_table
    return queryset.extra(
        select={"search_rank": f"-bm25({t}, {weights})"},
        tables=[t],
        where=[f"{t}.rowid = {outer}.id", f"{t} MATCH %s"],
        params=[search.fts5],
    )


def highlight_proposals(queryset, search: SearchText):
    match = search.fts5
    return queryset.annotate(
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


def search_sources(queryset, search: SearchText, *, limit: int):
    match = search.fts5
    best = ranked_source_ids(queryset, search, limit=limit)
    return (
        queryset.filter(pk__in=best)
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
