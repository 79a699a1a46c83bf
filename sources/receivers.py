"""A source's history follows its byline: an author added, moved or removed shows as a version
of the source."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from core.history import deleted_on_its_own, note_related_change
from sources.models import Authorship, SourceDocument


@receiver(post_save, sender=Authorship, dispatch_uid="history-authorship-saved")
def _authorship_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        note_related_change(instance.source)


@receiver(post_delete, sender=Authorship, dispatch_uid="history-authorship-deleted")
def _authorship_deleted(sender, instance, origin=None, **kwargs):
    if deleted_on_its_own(instance, origin):
        note_related_change(SourceDocument.objects.filter(pk=instance.source_id).first())
