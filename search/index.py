"""The full-text index: what is indexed, where it lives, and how it is written.

What is indexed for a proposal: its title (weight A), summary (B), quote (C), and the names of
its themes, actors and frameworks with their acronyms and aliases (D), so that "Korea" finds a
proposal whose quote says "ROK". On PostgreSQL the weighted tsvector lives in
proposals_proposal_search (GIN-indexed); on SQLite in the FTS5 table proposals_proposal_fts, with
the source bodies in proposals_source_fts. PostgreSQL needs no copy of the bodies: an expression
GIN index on sources_sourcedocument.body follows every change by itself. The tables are made by
search/migrations/0001; their names predate the search app and are kept, so that databases made
before it keep their index.

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
# Where a proposal's index row lives, by uses_postgres().
PROPOSAL_TABLE = {True: PROPOSAL_DOCUMENTS, False: PROPOSAL_FTS}


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


def index_proposals(ids) -> None:
    ids = list(ids)
    if not ids:
        return
    proposals = list(Proposal.objects.filter(pk__in=ids).with_tags())
    with connection.cursor() as cursor:
        _delete_rows(cursor, PROPOSAL_TABLE[uses_postgres()], ids)
        if uses_postgres():
            cursor.executemany(
                f"INSERT INTO {PROPOSAL_DOCUMENTS} (proposal_id, document) SELECT id, "
                f"setweight(to_tsvector('{CONFIG}', title), 'A') "
                f"|| setweight(to_tsvector('{CONFIG}', summary), 'B') "
                f"|| setweight(to_tsvector('{CONFIG}', quote), 'C') "
                f"|| setweight(to_tsvector('{CONFIG}', %s), 'D') "
                f"FROM {Proposal._meta.db_table} WHERE id = %s",
                [(tag_text(p), p.pk) for p in proposals],
            )
            return
        cursor.executemany(
            f"INSERT INTO {PROPOSAL_FTS} (rowid, title, summary, quote, tags) "
            "VALUES (%s, %s, %s, %s, %s)",
            [(p.pk, p.title, p.summary, p.quote, tag_text(p)) for p in proposals],
        )


def index_sources(ids) -> None:
    if uses_postgres():
        return  # the expression index on the body follows it
    ids = list(ids)
    rows = SourceDocument.objects.filter(pk__in=ids).values_list("pk", "body")
    with connection.cursor() as cursor:
        _delete_rows(cursor, SOURCE_FTS, ids)
        cursor.executemany(f"INSERT INTO {SOURCE_FTS} (rowid, body) VALUES (%s, %s)", list(rows))


def unindex_proposals(ids) -> None:
    with connection.cursor() as cursor:
        _delete_rows(cursor, PROPOSAL_TABLE[uses_postgres()], list(ids))


def unindex_sources(ids) -> None:
    if not uses_postgres():
        with connection.cursor() as cursor:
            _delete_rows(cursor, SOURCE_FTS, list(ids))


def rebuild() -> None:
    """Index everything afresh: after load_kb, or by hand (search.index.rebuild())."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {PROPOSAL_TABLE[uses_postgres()]}")
        if not uses_postgres():
            cursor.execute(f"DELETE FROM {SOURCE_FTS}")
    index_proposals(Proposal.objects.values_list("pk", flat=True))
    index_sources(SourceDocument.objects.values_list("pk", flat=True))


def _delete_rows(cursor, table: str, ids: list) -> None:
    if ids:
        key = "proposal_id" if table == PROPOSAL_DOCUMENTS else "rowid"
        placeholders = ", ".join(["%s"] * len(ids))
        cursor.execute(f"DELETE FROM {table} WHERE {key} IN ({placeholders})", ids)
