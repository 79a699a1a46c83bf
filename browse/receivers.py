"""Every committed change to the knowledge base moves its version on (core.kb_version).

Saves, deletes and tag changes of any model of the sources, proposals and outcomes apps count,
from the admin, the editorial services or the shell; bulk writes send no signal and bump it
themselves (generate_synthetic). Bumped at once, so that the writer's own next read (inside the same
transaction, or a test's) sees the change, and again after commit, so that nothing another
process cached from the old data meanwhile stays reachable.
"""

from django.apps import apps
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from core import kb_version

# outcomes too: a proposal's status (a facet, and the home page's counts) comes from its evidence.
KB_APPS = {"sources", "proposals", "outcomes"}


def changed(sender, **kwargs):
    if sender._meta.app_label in KB_APPS:
        kb_version.bump()
        transaction.on_commit(kb_version.bump)


def connect():
    models = [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in KB_APPS
    ]
    for model in models:
        post_save.connect(
            changed, sender=model, dispatch_uid=f"kb_version_save_{model._meta.label}"
        )
        # Not for the tables behind a many-to-many field: a receiver on them stops Django from
        # deleting their rows in one statement when a tag goes, and it loads them instead
        # (27,586 of them for a theme at 100,000 proposals: the deletion's whole second). The tag's
        # own post_delete moves the version on; adding or removing a link sends m2m_changed.
        if not model._meta.auto_created:
            uid = f"kb_version_delete_{model._meta.label}"
            post_delete.connect(changed, sender=model, dispatch_uid=uid)
    m2m_changed.connect(changed, dispatch_uid="kb_version_m2m")
