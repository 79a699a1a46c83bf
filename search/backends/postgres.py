"""PostgreSQL full-text search: websearch queries over the GIN-indexed weighted documents."""

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorField,
)
from django.db.models import BooleanField, F, Func

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


class _SourceMatches(Func):
    """The ids of the sources whose stored document matches the query (GIN-served)."""

    output_field = BooleanField()

    def as_sql(self, compiler, connection, **extra):
        pk_sql, pk_params = compiler.compile(self.source_expressions[0])
        query_sql, query_params = compiler.compile(self.source_expressions[1])
        sql = (
            f"{pk_sql} IN (SELECT source_id FROM {SOURCE_DOCUMENTS} WHERE document @@ {query_sql})"
        )
        return sql, [*pk_params, *query_params]


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


def matching_proposals(queryset, search: SearchText):
    return queryset.filter(DocumentMatches(F("pk"), _query(search)))


def annotate_proposals(queryset, search: SearchText):
    return highlight_proposals(rank_proposals(queryset, search), search)


def rank_proposals(queryset, search: SearchText):
    return queryset.annotate(search_rank=SearchRank(ProposalDocument(F("pk")), _query(search)))


def highlight_proposals(queryset, search: SearchText):
    return queryset.annotate(
        hl_title=_headline("title", search, highlight_all=True),
        hl_summary=_headline("summary", search, highlight_all=True),
        hl_quote=_headline("quote", search, max_words=SNIPPET_WORDS, min_words=SNIPPET_WORDS // 2),
    )


def search_sources(queryset, search: SearchText):
    query = _query(search)
    # Matched and ranked on the stored documents (search/migrations/0002); ts_headline parses
    # the body, so the callers slice first and PostgreSQL runs it for the rows kept only.
    return (
        queryset.filter(_SourceMatches(F("pk"), query))
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
