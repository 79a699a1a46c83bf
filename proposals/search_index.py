"""Keeps the full-text index in step with every save, delete and load.

What is indexed for a proposal: its title (weight A), summary (B), quote (C), and the names of
its themes, actors and frameworks with their acronyms and aliases (D), so that "Korea" finds a
proposal whose quote says "ROK". On PostgreSQL the weighted tsvector lives in
proposals_proposal_search (GIN-indexed); on SQLite in the FTS5 table proposals_proposal_fts, with
the source bodies in proposals_source_fts. PostgreSQL needs no copy of the bodies: an expression
GIN index on sources_sourcedocument.body follows every change by itself. The tables are made by
migration 0002_search.

Receivers cover the admin (saves, inline actor roles, many-to-many edits, deletes) and load_kb,
which also rebuilds everything once it has loaded. Publishing changes no indexed text: searches
apply visible_to() to what the index finds.
"""

from django.db import connection
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from proposals.models import Actor, Framework, Proposal, ProposalActor, Theme
from proposals.signals import knowledge_base_loaded
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
    """Index everything afresh: after load_kb, or by hand (proposals.search_index.rebuild())."""
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


# Receivers. Fixture loading with raw=True (loaddata) skips them: related rows may not exist yet;
# load_kb saves normally and then rebuilds.


# What a proposal's or source's search document is made of: a save that touches none of these
# (publishing, say) leaves the index as it is.
PROPOSAL_TEXT = {"title", "summary", "quote"}
SOURCE_TEXT = {"body"}


def _changes_text(update_fields, text_fields) -> bool:
    return update_fields is None or bool(text_fields & set(update_fields))


@receiver(post_save, sender=Proposal, dispatch_uid="search_index_proposal_saved")
def proposal_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if not raw and _changes_text(update_fields, PROPOSAL_TEXT):
        index_proposals([instance.pk])


@receiver(post_delete, sender=Proposal, dispatch_uid="search_index_proposal_deleted")
def proposal_deleted(sender, instance, **kwargs):
    unindex_proposals([instance.pk])


@receiver(post_save, sender=ProposalActor, dispatch_uid="search_index_role_saved")
@receiver(post_delete, sender=ProposalActor, dispatch_uid="search_index_role_deleted")
def actor_role_changed(sender, instance, raw=False, **kwargs):
    if not raw and Proposal.objects.filter(pk=instance.proposal_id).exists():
        index_proposals([instance.proposal_id])


def tags_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if not reverse:
        index_proposals([instance.pk])
    elif pk_set:
        index_proposals(pk_set)
    else:  # a tag cleared of all its proposals: which ones is no longer known, so redo them all
        rebuild()


for through in (Proposal.themes.through, Proposal.frameworks.through, Proposal.actors.through):
    m2m_changed.connect(tags_changed, sender=through, dispatch_uid=f"search_index_{through}")


@receiver(post_save, sender=Theme, dispatch_uid="search_index_theme_saved")
@receiver(post_save, sender=Actor, dispatch_uid="search_index_actor_saved")
@receiver(post_save, sender=Framework, dispatch_uid="search_index_framework_saved")
def vocabulary_saved(sender, instance, created, raw=False, **kwargs):
    if not raw and not created:  # a renamed tag or a new alias changes its proposals' documents
        index_proposals(instance.proposals.values_list("pk", flat=True))


@receiver(pre_delete, sender=Theme, dispatch_uid="search_index_theme_deleting")
@receiver(pre_delete, sender=Framework, dispatch_uid="search_index_framework_deleting")
def vocabulary_deleting(sender, instance, **kwargs):
    # The links go with the tag, without m2m_changed: note whose documents will need redoing.
    instance._search_proposal_ids = list(instance.proposals.values_list("pk", flat=True))


@receiver(post_delete, sender=Theme, dispatch_uid="search_index_theme_deleted")
@receiver(post_delete, sender=Framework, dispatch_uid="search_index_framework_deleted")
def vocabulary_deleted(sender, instance, **kwargs):
    index_proposals(getattr(instance, "_search_proposal_ids", []))


@receiver(post_save, sender=SourceDocument, dispatch_uid="search_index_source_saved")
def source_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if not raw and _changes_text(update_fields, SOURCE_TEXT):
        index_sources([instance.pk])


@receiver(post_delete, sender=SourceDocument, dispatch_uid="search_index_source_deleted")
def source_deleted(sender, instance, **kwargs):
    unindex_sources([instance.pk])


@receiver(knowledge_base_loaded, dispatch_uid="search_index_rebuild_after_load")
def knowledge_base_reloaded(sender, **kwargs):
    rebuild()
