"""The full-text index: what is indexed, where it lives, and how it is written.

What is indexed for a proposal: its title (weight A), summary (B), quote (C), and the names of
its themes, actors and frameworks with their acronyms and aliases (D), so that "Korea" finds a
proposal whose quote says "ROK". On PostgreSQL the weighted tsvector lives in
proposals_proposal_search (GIN-indexed); on SQLite in the FTS5 table proposals_proposal_fts, with
the source bodies in proposals_source_fts; PostgreSQL keeps each body's tsvector in
search_source_document (so that ranking a search does not parse whole papers again). The tables
are made by search/migrations/0001 and 0002; the names of 0001's predate the search app and
are kept, so that databases made before it keep their index.

search.receivers calls these functions on every save, delete and tag change. Publishing
changes no indexed text: searches apply visible_to() to what the index finds.
"""

from django.db import connection

from proposals.models import Proposal
from sources.models import SourceDocument

CONFIG = "english"
PROPOSAL_FTS = "proposals_proposal_fts"  # SQLite
SOURCE_FTS = "proposals_source_fts"  # SQLite
PROPOSAL_DOCUMENTS = "proposals_proposal_search"  # PostgreSQL
SOURCE_DOCUMENTS = "search_source_document"  # PostgreSQL (search/migrations/0002)
# Where a proposal's index row lives, by uses_postgres().
PROPOSAL_TABLE = {True: PROPOSAL_DOCUMENTS, False: PROPOSAL_FTS}
SOURCE_TABLE = {True: SOURCE_DOCUMENTS, False: SOURCE_FTS}


def uses_postgres() -> bool:
    return connection.vendor == "postgresql"


def tag_text(proposal: Proposal) -> str:
    """The vocabulary names a proposal is tagged with, aliases included (uses with_tags())."""
    names = [theme.name for theme in proposal.themes.all()]
    for role in proposal.actor_roles.all():
        names += [role.actor.name, *role.actor.alias_list]
    for framework in proposal.frameworks.all():
        names += [framework.name, framework.acronym, *framework.alias_list]
    return " ".join(name for name in names if name)


BATCH = 2000  # ids per statement: under SQLite's limit on query parameters


def index_proposals(ids) -> None:
    ids = list(ids)
    for start in range(0, len(ids), BATCH):
        _index_proposal_batch(ids[start : start + BATCH])


def _index_proposal_batch(ids: list) -> None:
    if ids:
        proposals = Proposal.objects.filter(pk__in=ids).with_tags()
        index_proposal_rows([(p.pk, p.title, p.summary, p.quote, tag_text(p)) for p in proposals])


def index_proposal_rows(rows: list[tuple]) -> None:
    """Index proposals already in hand as (pk, title, summary, quote, tag text) rows.

    For bulk writers that know the tag text (generate_synthetic): reading the rows back with
    their tags would cost more than writing them.
    """
    ids = [row[0] for row in rows]
    with connection.cursor() as cursor:
        _delete_rows(cursor, PROPOSAL_TABLE[uses_postgres()], ids)
        if uses_postgres():
            # One statement for the batch: the tag texts travel as two arrays beside the ids.
            cursor.execute(
                f"INSERT INTO {PROPOSAL_DOCUMENTS} (proposal_id, document) SELECT p.id, "
                f"setweight(to_tsvector('{CONFIG}', p.title), 'A') "
                f"|| setweight(to_tsvector('{CONFIG}', p.summary), 'B') "
                f"|| setweight(to_tsvector('{CONFIG}', p.quote), 'C') "
                f"|| setweight(to_tsvector('{CONFIG}', t.tags), 'D') "
                f"FROM {Proposal._meta.db_table} p "
                "JOIN unnest(%s::bigint[], %s::text[]) AS t(id, tags) ON p.id = t.id",
                [ids, [row[4] for row in rows]],
            )
            return
        cursor.executemany(
            f"INSERT INTO {PROPOSAL_FTS} (rowid, title, summary, quote, tags) "
            "VALUES (%s, %s, %s, %s, %s)",
            rows,
        )


def index_sources(ids) -> None:
    ids = list(ids)
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        with connection.cursor() as cursor:
            if uses_postgres():
                _delete_rows(cursor, SOURCE_DOCUMENTS, batch)
                cursor.execute(
                    f"INSERT INTO {SOURCE_DOCUMENTS} (source_id, document) "
                    f"SELECT id, to_tsvector('{CONFIG}', body) "
                    f"FROM {SourceDocument._meta.db_table} WHERE id = ANY(%s::bigint[])",
                    [batch],
                )
                continue
            rows = SourceDocument.objects.filter(pk__in=batch).values_list("pk", "body")
            _delete_rows(cursor, SOURCE_FTS, batch)
            cursor.executemany(
                f"INSERT INTO {SOURCE_FTS} (rowid, body) VALUES (%s, %s)", list(rows)
            )


def unindex_proposals(ids) -> None:
    ids = list(ids)
    with connection.cursor() as cursor:
        for start in range(0, len(ids), BATCH):
            _delete_rows(cursor, PROPOSAL_TABLE[uses_postgres()], ids[start : start + BATCH])


def unindex_sources(ids) -> None:
    ids = list(ids)
    with connection.cursor() as cursor:
        for start in range(0, len(ids), BATCH):
            _delete_rows(cursor, SOURCE_TABLE[uses_postgres()], ids[start : start + BATCH])


def rebuild() -> None:
    """Index everything afresh: after load_kb, or by hand (search.index.rebuild())."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {PROPOSAL_TABLE[uses_postgres()]}")
        cursor.execute(f"DELETE FROM {SOURCE_TABLE[uses_postgres()]}")
    index_proposals(Proposal.objects.values_list("pk", flat=True))
    index_sources(SourceDocument.objects.values_list("pk", flat=True))


def _delete_rows(cursor, table: str, ids: list) -> None:
    if ids:
        key = {PROPOSAL_DOCUMENTS: "proposal_id", SOURCE_DOCUMENTS: "source_id"}.get(table, "rowid")
        placeholders = ", ".join(["%s"] * len(ids))
        cursor.execute(f"DELETE FROM {table} WHERE {key} IN ({placeholders})", ids)
