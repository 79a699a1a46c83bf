"""Keep the full-text index in step with every save, delete and tag change.

Receivers cover the admin (saves, inline actor roles, many-to-many edits, deletes); load_kb
rebuilds the whole index once it has loaded. Fixture loading with raw=True (loaddata) skips
them: related rows may not exist yet.
"""

from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from core.management.signals import data_restored
from proposals.models import Actor, Framework, Proposal, ProposalActor, Theme
from search import reindex_queue
from search.index import index_proposals, index_sources, rebuild, unindex_proposals, unindex_sources
from sources.models import SourceDocument

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
    if raw or created:
        return
    # A renamed tag or a new alias changes its proposals' documents: a few are rewritten now, many
    # after the commit outside the request (search.reindex_queue), so that the save stays fast.
    kind = sender._meta.model_name
    proposals = reindex_queue.tagged(kind, instance.pk)
    if len(proposals[: settings.KB_REINDEX_INLINE + 1]) <= settings.KB_REINDEX_INLINE:
        index_proposals(set(proposals))
    else:
        reindex_queue.queue(kind, instance.pk)


# No Actor here: an actor's roles protect it (ProposalActor.actor is PROTECT), so an actor that
# can be deleted carries no proposal.
@receiver(pre_delete, sender=Theme, dispatch_uid="search_index_theme_deleting")
@receiver(pre_delete, sender=Framework, dispatch_uid="search_index_framework_deleting")
def vocabulary_deleting(sender, instance, **kwargs):
    # The links go with the tag, without m2m_changed: note whose documents will need redoing.
    kind = sender._meta.model_name
    instance._search_proposal_ids = list(reindex_queue.tagged(kind, instance.pk))


@receiver(post_delete, sender=Theme, dispatch_uid="search_index_theme_deleted")
@receiver(post_delete, sender=Framework, dispatch_uid="search_index_framework_deleted")
def vocabulary_deleted(sender, instance, **kwargs):
    # As for a rename: a few are rewritten now, many after the commit; the tag is gone, so the
    # note lists its proposals.
    proposals = instance.__dict__.pop("_search_proposal_ids", [])
    if len(proposals) <= settings.KB_REINDEX_INLINE:
        index_proposals(proposals)
    else:
        reindex_queue.queue_deleted(sender._meta.model_name, instance.pk, proposals)


@receiver(post_save, sender=SourceDocument, dispatch_uid="search_index_source_saved")
def source_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if not raw and _changes_text(update_fields, SOURCE_TEXT):
        index_sources([instance.pk])


@receiver(post_delete, sender=SourceDocument, dispatch_uid="search_index_source_deleted")
def source_deleted(sender, instance, **kwargs):
    unindex_sources([instance.pk])


@receiver(data_restored, dispatch_uid="search_index_data_restored")
def data_restored_rebuild(sender, **kwargs):
    rebuild()  # a restore saves its rows raw, which the receivers above leave alone
