"""PostgreSQL full-text search: websearch queries over the GIN-indexed weighted documents."""

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorField,
)
from django.db.models import BooleanField, F, Func

from proposals.models import Proposal
from search.backends import rawsql
from search.highlight import MARK_END, MARK_START, SNIPPET_WORDS
from search.index import CONFIG, PROPOSAL_DOCUMENTS, SOURCE_DOCUMENTS
from search.query import SearchText


class ProposalDocument(Func):
    """The proposal's weighted tsvector, from the index table, for SearchRank."""

    output_field = SearchVectorField()

    def as_sql(self, compiler, connection, **extra):
        pk_sql, pk_params = compiler.compile(self.source_expressions[0])
        return (
            f"(SELECT document FROM {PROPOSAL_DOCUMENTS} WHERE proposal_id = {pk_sql})",
            pk_params,
        )


class DocumentMatches(Func):
    """`pk IN (ids whose document @@ query)`, a lookup the GIN index serves."""

    output_field = BooleanField()

    def as_sql(self, compiler, connection, **extra):
        pk_sql, pk_params = compiler.compile(self.source_expressions[0])
        query_sql, query_params = compiler.compile(self.source_expressions[1])
        sql = (
            f"{pk_sql} IN (SELECT proposal_id FROM {PROPOSAL_DOCUMENTS} "
            f"WHERE document @@ {query_sql})"
        )
        return sql, [*pk_params, *query_params]


class SourceDocumentVector(Func):
    """The source's stored tsvector (search_source_document), for SearchRank."""

    output_field = SearchVectorField()

    def as_sql(self, compiler, connection, **extra):
        pk_sql, pk_params = compiler.compile(self.source_expressions[0])
        return f"(SELECT document FROM {SOURCE_DOCUMENTS} WHERE source_id = {pk_sql})", pk_params


def _query(search: SearchText) -> SearchQuery:
    return SearchQuery(search.websearch, search_type="websearch", config=CONFIG)


def _headline(field: str, search: SearchText, **options):
    return SearchHeadline(
        field,
        _query(search),
        config=CONFIG,
        start_sel=MARK_START,
        stop_sel=MARK_END,
        **options,
    )


def ranked_ids(candidates, search: SearchText, *, start: int, stop: int) -> list[int]:
    """Rows start..stop of `candidates` that the search finds, best first, ties in source order.

    One query that joins the stored documents and ranks them there: through SearchRank's
    per-row subquery, ranking the 60,000 matches of a common word cost a second at 100,000
    proposals (docs/performance.md). ts_rank with its defaults, as SearchRank writes it.
    """
    within, params, alias = rawsql.ids_subquery(candidates)
    sql = (
        "SELECT p.id FROM proposals_proposal p "
        "JOIN sources_sourcedocument src ON src.id = p.source_id "
        f"JOIN {PROPOSAL_DOCUMENTS} d ON d.proposal_id = p.id, "
        "websearch_to_tsquery(%s::regconfig, %s) q "
        f"WHERE d.document @@ q AND p.id IN ({within}) "
        "ORDER BY ts_rank(d.document, q) DESC, src.published_on, src.title, p.position "
        "LIMIT %s OFFSET %s"
    )
    return rawsql.fetch_ids(alias, sql, [CONFIG, search.websearch, *params, stop - start, start])


def ranked_source_ids(candidates, search: SearchText, *, limit: int) -> list[int]:
    """The best `limit` of `candidates` (sources) whose stored document the search finds."""
    within, params, alias = rawsql.ids_subquery(candidates)
    sql = (
        "SELECT src.id FROM sources_sourcedocument src "
        f"JOIN {SOURCE_DOCUMENTS} d ON d.source_id = src.id, "
        "websearch_to_tsquery(%s::regconfig, %s) q "
        f"WHERE d.document @@ q AND src.id IN ({within}) "
        "ORDER BY ts_rank(d.document, q) DESC, src.published_on LIMIT %s"
    )
    return rawsql.fetch_ids(alias, sql, [CONFIG, search.websearch, *params, limit])


def matching_ids(search: SearchText) -> list[int]:
    query = "websearch_to_tsquery(%s::regconfig, %s)"
    sql = f"SELECT proposal_id FROM {PROPOSAL_DOCUMENTS} WHERE document @@ {query}"
    return rawsql.fetch_ids(rawsql.reading_alias(Proposal), sql, [CONFIG, search.websearch])


def matching_proposals(queryset, search: SearchText):
    return queryset.filter(DocumentMatches(F("pk"), _query(search)))


def annotate_proposals(queryset, search: SearchText):
    return highlight_proposals(rank_proposals(queryset, search), search)


def rank_proposals(queryset, search: SearchText):
    return queryset.annotate(search_rank=SearchRank(ProposalDocument(F("pk")), _query(search)))


def rank_whole_list(queryset, search: SearchText):
    # The rank's subquery per row is an index lookup here (15 µs a row at 100,000 proposals).
    return rank_proposals(queryset, search)


def highlight_proposals(queryset, search: SearchText):
    return queryset.annotate(
        hl_title=_headline("title", search, highlight_all=True),
        hl_summary=_headline("summary", search, highlight_all=True),
        hl_quote=_headline("quote", search, max_words=SNIPPET_WORDS, min_words=SNIPPET_WORDS // 2),
    )


def search_sources(queryset, search: SearchText, *, limit: int):
    query = _query(search)
    # Ranked on the stored documents (search/migrations/0002) and LIMITed in one query; then
    # ts_headline, which parses the body, runs for the rows kept only.
    best = ranked_source_ids(queryset, search, limit=limit)
    return (
        queryset.filter(pk__in=best)
        .annotate(
            search_rank=SearchRank(SourceDocumentVector(F("pk")), query),
            hl_body=_headline(
                "body",
                search,
                max_words=SNIPPET_WORDS,
                min_words=SNIPPET_WORDS // 2,
                max_fragments=1,
            ),
        )
        .order_by("-search_rank", "published_on")
    )
