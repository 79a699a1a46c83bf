"""A proposal's history follows its tags: a theme, framework, actor role or related link added
or removed shows as a version of the proposal (of both proposals, for a related link)."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from core.history import deleted_on_its_own, note_related_change
from proposals.models import Proposal, ProposalActor

CHANGES = {"post_add", "post_remove", "post_clear"}


def _tags_changed(sender, instance, action, reverse, pk_set, **kwargs):
    # pk_set names proposals when the change is made from a theme or framework (reverse), and
    # for related links, whose other end is a proposal too.
    names_proposals = reverse or sender is Proposal.related.through
    if action == "pre_clear":
        if names_proposals:  # after a clear, nothing says what was linked: note it now
            linked = getattr(instance, linked_accessor(sender, reverse))
            instance._history_cleared = list(linked.values_list("pk", flat=True))
        return
    if action not in CHANGES:
        return
    if action == "post_clear":
        pks = instance.__dict__.pop("_history_cleared", [])
    else:
        pks = pk_set or []
    if isinstance(instance, Proposal):
        note_related_change(instance)
    if names_proposals:
        for other in Proposal.objects.filter(pk__in=pks).select_related("source"):
            note_related_change(other)


def linked_accessor(through, reverse) -> str:
    """The accessor whose rows a clear removes, seen from the instance the signal names."""
    for descriptor in (Proposal.themes, Proposal.frameworks, Proposal.related):
        if descriptor.through is through:
            return descriptor.rel.get_accessor_name() if reverse else descriptor.field.name
    raise LookupError(through)


for through in (Proposal.themes.through, Proposal.frameworks.through, Proposal.related.through):
    m2m_changed.connect(_tags_changed, sender=through, dispatch_uid=f"history-{through.__name__}")


@receiver(post_save, sender=ProposalActor, dispatch_uid="history-actor-role-saved")
def _role_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        note_related_change(instance.proposal)


@receiver(post_delete, sender=ProposalActor, dispatch_uid="history-actor-role-deleted")
def _role_deleted(sender, instance, origin=None, **kwargs):
    if deleted_on_its_own(instance, origin):
        note_related_change(Proposal.objects.filter(pk=instance.proposal_id).first())
